/**
 * Tip codes (tips.json: code → messages) resolved by the farm (queryAnalyseErrorDetail) into
 * severities and texts. One request for all codes (the old SDK sent one per code). A code the farm
 * does not know stays a warning carrying the analyzer's messages.
 */
import { isIncompleteReadTip } from '../../../protocol/src/tips';
import { errorDetailLanguage } from '../api';
import type { CheckApi } from './api-shape';
import type { CheckIssue } from './errors';

/**
 * A tip saying the scene was read incompletely (protocol/src/tips.ts) is an error whatever the farm
 * says of the code, unless the user accepted it (`allowIncomplete`): then it stays in the report as a
 * warning, so the job's record says what was accepted.
 */
function incompleteRead(issue: CheckIssue, allowIncomplete: boolean): CheckIssue {
  if (!isIncompleteReadTip(issue.code)) return issue;
  return {
    ...issue,
    severity: allowIncomplete ? 'warning' : 'error',
    message: allowIncomplete
      ? `The scene was read incompletely (tip ${issue.code}); submitted anyway because the user accepted it`
      : `The scene was read incompletely (tip ${issue.code}): what the reader could not see (files, frames, cameras) would be missing on the farm`,
    solution: allowIncomplete
      ? 'Re-save the scene in its DCC and analyse it again to submit a complete scene.'
      : 'Re-save the scene in its DCC and analyse it again; or accept the incomplete read explicitly (CLI --allow-incomplete, the dialog\'s "Submit an incompletely read scene" checkbox, allowIncomplete: true).',
  };
}

/** Resolve every code of `tips` into an issue; `file` names tips.json in the report. */
export async function resolveTips(api: CheckApi, tips: Record<string, unknown>, file: string | undefined, signal?: AbortSignal, allowIncomplete = false): Promise<CheckIssue[]> {
  return (await resolveFarmTips(api, tips, file, signal)).map((i) => incompleteRead(i, allowIncomplete));
}

async function resolveFarmTips(api: CheckApi, tips: Record<string, unknown>, file: string | undefined, signal?: AbortSignal): Promise<CheckIssue[]> {
  const codes = Object.keys(tips);
  if (codes.length === 0) return [];
  const language = errorDetailLanguage(api.domain);
  const infos = (await api.query.errorDetail(null, codes, language, signal ? { signal } : {})) ?? [];
  return codes.map((code) => {
    const raw = tips[code];
    const details = (Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw]).map(String);
    const info = infos.find((i) => String(i.code) === code);
    const where = file ? { file } : {};
    if (!info) return { severity: 'warning' as const, code, message: `Analyzer tip ${code} (unknown to the farm)`, details, ...where };
    return {
      severity: Number(info.type) === 1 ? ('error' as const) : ('warning' as const),
      code,
      message: String(info.desDescriptionCn ?? `Tip ${code}`),
      ...(info.desSolutionCn ? { solution: String(info.desSolutionCn) } : {}),
      ...(info.solutionPath ? { solutionUrl: String(info.solutionPath) } : {}),
      details,
      ...where,
    };
  });
}
