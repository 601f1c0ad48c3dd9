/**
 * The check's findings as a flat, JSON-ready problem list for `CheckFailedError.details.problems`,
 * which the RPC layer passes to DCC plugins as it is. An analyzer tip with several messages (one per
 * missing file …) becomes one problem per message, with the node and parameter read back from the
 * analyzer's own wording, so a plugin's "Select" button can jump to the node.
 */
import type { CheckIssue, Severity } from './errors';

export interface CheckProblem {
  code: string;
  severity: Severity;
  message: string;
  /** The job file (task.json, tips.json …) and the setting inside it. */
  file?: string;
  setting?: string;
  /** The scene node and parameter the analyzer named, when it named one. */
  node?: string;
  parm?: string;
  /** The analyzer's own text for this occurrence. */
  detail?: string;
  solution?: string;
  solutionUrl?: string;
  field?: string;
  fieldPhrase?: string;
}

/** Most problems listed; past this the list is cut, with one last entry telling how many were left out. */
export const MAX_PROBLEMS = 200;

// The analyzer writes "(node X, parm Y)", "(node X, attribute Y, raw …)" or Houdini's "Nodes: X  Parm: Y".
const NODE = /(?:\bnode |\bNodes: )([^,()\s][^,()]*?)(?=,|\)|\s{2}|$)/;
const PARM = /(?:\bparm |\battribute |\bParm: )([^,()\s][^,()]*?)(?=,|\)|\s{2}|$)/;

/** Node and parameter named in an analyzer message, if any. */
export function nodeOf(detail: string): { node?: string; parm?: string } {
  const node = NODE.exec(detail)?.[1]?.trim();
  const parm = PARM.exec(detail)?.[1]?.trim();
  return { ...(node ? { node } : {}), ...(parm ? { parm } : {}) };
}

/** Flatten issues into problems (errors first, then warnings), at most MAX_PROBLEMS. */
export function problemsOf(issues: CheckIssue[]): CheckProblem[] {
  const ordered = [...issues.filter((i) => i.severity === 'error'), ...issues.filter((i) => i.severity !== 'error')];
  const out: CheckProblem[] = [];
  for (const issue of ordered) {
    const base: CheckProblem = {
      code: issue.code,
      severity: issue.severity,
      message: issue.message,
      ...(issue.file ? { file: issue.file } : {}),
      ...(issue.setting ? { setting: issue.setting } : {}),
      ...(issue.solution ? { solution: issue.solution } : {}),
      ...(issue.solutionUrl ? { solutionUrl: issue.solutionUrl } : {}),
      ...(issue.field && issue.fieldPhrase ? { field: issue.field, fieldPhrase: issue.fieldPhrase } : {}),
    };
    const details = issue.details ?? [];
    if (details.length === 0) out.push(base);
    for (const detail of details) out.push({ ...base, detail, ...nodeOf(detail) });
  }
  if (out.length <= MAX_PROBLEMS) return out;
  const kept = out.slice(0, MAX_PROBLEMS - 1);
  const last = out[MAX_PROBLEMS - 1]!;
  kept.push({ code: last.code, severity: last.severity, message: `… and ${out.length - kept.length} more problem(s); see the check's report for the full list.` });
  return kept;
}
