/**
 * Goals of issue 13 as data: a bench prints one `GOAL {json}` line per goal it measured, and
 * `npm run bench -- --check` collects them into one table with PASS/FAIL (for people, never CI).
 */
export interface Goal {
  /** What must hold, in words. */
  name: string;
  /** The measured value (a ratio, files/s, MB …). */
  value: number;
  /** `>=`: value must be at least target; `<=`: at most. */
  cmp: '>=' | '<=';
  target: number;
  unit?: string;
  /** How it was measured (baseline, medians). */
  detail?: string;
}

/** Print a goal for the --check summary (and for people reading the bench output). */
export function goal(g: Goal): void {
  console.log(`GOAL ${JSON.stringify(g)}`);
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export const passes = (g: Goal): boolean => (g.cmp === '>=' ? g.value >= g.target : g.value <= g.target);
