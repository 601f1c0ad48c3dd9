/**
 * The frame-spec grammar an artist types in a dialog or on the CLI, one per ROP / layer / image:
 * items separated by commas, each `N`, `A-B`, `A-BxS` (step S), or the farm's own `A-B[S]`, e.g.
 * `1-100x2, 120, 200-210`. Negative frames are allowed (`-5-5`). Pure, so the zod schema, the
 * sidecar and the tests share one parser; the Python presenter mirrors it (presenter.py).
 * @since 1.0
 */

/** At most this many frames per spec (the local farm refuses more, so a typo cannot fill a queue). */
export const MAX_FRAMES = 100_000;

const ITEM = /^(-?\d+)(?:\s*-\s*(-?\d+)(?:\s*(?:[xX:]\s*(\d+)|\[\s*(\d+)\s*\]))?)?$/;

export interface FrameSpecItem {
  start: number;
  end: number;
  step: number;
}

/** Parses a spec into its items; throws an Error whose message says what is wrong and how to fix it. */
export function parseFrameSpec(text: string): FrameSpecItem[] {
  const parts = String(text ?? '').split(',').map((p) => p.trim());
  if (parts.every((p) => p === '')) throw new Error('is empty: give frames like 1-100x2, 120, 200-210');
  let count = 0;
  return parts.map((part) => {
    if (part === '') throw new Error('has an empty item between commas');
    const m = ITEM.exec(part);
    if (!m) throw new Error(`has "${part}", which is not a frame, a range A-B or a stepped range A-BxS`);
    const start = Number(m[1]);
    const end = m[2] === undefined ? start : Number(m[2]);
    const stepText = m[3] ?? m[4];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (end < start) throw new Error(`has "${part}": the range ends before it starts`);
    if (step < 1) throw new Error(`has "${part}": the step must be 1 or more`);
    count += Math.floor((end - start) / step) + 1;
    if (count > MAX_FRAMES) throw new Error(`names more than ${MAX_FRAMES} frames`);
    return { start, end, step };
  });
}

/** The frames a spec names, sorted, each once. */
export function expandFrameSpec(text: string): number[] {
  const out = new Set<number>();
  for (const { start, end, step } of parseFrameSpec(text)) for (let f = start; f <= end; f += step) out.add(f);
  return [...out].sort((a, b) => a - b);
}

/** The spec in the farm's task.json form: `1-99[2],120,200-210[1]` (a single frame stays `120`). */
export function farmFrames(text: string): string {
  return parseFrameSpec(text).map(({ start, end, step }) => (start === end ? String(start) : `${start}-${end}[${step}]`)).join(',');
}

/** The error text of a bad spec, or undefined when it is fine (for zod refinements and forms). */
export function frameSpecProblem(text: string): string | undefined {
  try {
    parseFrameSpec(text);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
