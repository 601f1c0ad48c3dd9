/**
 * Frame-range strings of task.json ("1-10[1]", "0-50[2]", "1,3,5-7", "12") and the `pre_frames`
 * priority spec ("100" = first frame, "010" middle, "001" last, "000:1,3-4[1]" custom list).
 */

/** Expands a frame-range string into sorted, unique frame numbers; throws on garbage. */
export function parseFrameRange(text: string): number[] {
  const out = new Set<number>();
  for (const part of text.split(/[,;\s]+/).filter((p) => p !== '')) {
    const m = /^(-?\d+)(?:-(-?\d+))?(?:\[(-?\d+)\])?$/.exec(part);
    if (!m) throw new Error(`"${part}" is not a frame range (expected e.g. 1-10[1])`);
    let start = Number(m[1]);
    let end = m[2] === undefined ? start : Number(m[2]);
    const step = Math.abs(m[3] === undefined ? 1 : Number(m[3])) || 1;
    if (end < start) [start, end] = [end, start];
    // Cap a runaway range so a typo cannot fill the database.
    if ((end - start) / step > 100_000) throw new Error(`"${part}" has more than 100000 frames`);
    for (let f = start; f <= end; f += step) out.add(f);
  }
  return [...out].sort((a, b) => a - b);
}

/** The priority frames selected by `pre_frames` among `frames` (sorted ascending). */
export function priorityFrames(preFrames: string | undefined, frames: number[]): Set<number> {
  const picked = new Set<number>();
  if (!preFrames || frames.length === 0) return picked;
  const [flags = '', custom] = preFrames.split(':', 2);
  if (flags[0] === '1') picked.add(frames[0]!);
  if (flags[1] === '1') picked.add(frames[Math.floor((frames.length - 1) / 2)]!);
  if (flags[2] === '1') picked.add(frames[frames.length - 1]!);
  if (custom) {
    const wanted = new Set(parseFrameRange(custom));
    for (const f of frames) if (wanted.has(f)) picked.add(f);
  }
  return picked;
}
