/**
 * The versions nearest to one the farm lacks, so a check problem or a menu can say "closest: 20.5.278,
 * 20.0.547" instead of listing fifty. Versions are compared token by token (numbers as numbers):
 * the most leading tokens in common first, then the smallest gap in the first differing number,
 * then the newer one.
 */
const tokens = (v: string): string[] => v.toLowerCase().match(/\d+|[a-z]+/g) ?? [];

function score(wanted: string[], offered: string[]): [number, number, number] {
  let same = 0;
  while (same < wanted.length && same < offered.length && wanted[same] === offered[same]) same += 1;
  const a = Number(wanted[same]);
  const b = Number(offered[same]);
  const gap = Number.isFinite(a) && Number.isFinite(b) ? Math.abs(a - b) : Number.MAX_SAFE_INTEGER;
  return [same, gap, Number.isFinite(b) ? b : -1];
}

/** Up to `count` entries of `offered` nearest to `wanted`, nearest first. */
export function closestVersions(wanted: string, offered: string[], count = 3): string[] {
  const w = tokens(wanted);
  return [...new Set(offered)]
    .map((v) => ({ v, s: score(w, tokens(v)) }))
    .sort((x, y) => y.s[0] - x.s[0] || x.s[1] - y.s[1] || y.s[2] - x.s[2])
    .slice(0, count)
    .map((x) => x.v);
}
