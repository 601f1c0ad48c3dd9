/**
 * Tip codes (tips.json: code → messages) resolved by the farm (queryAnalyseErrorDetail) into
 * severities and texts. One request for all codes (the old SDK sent one per code). A code the farm
 * does not know stays a warning carrying the analyzer's messages.
 */
import { errorDetailLanguage } from '../api';
import type { CheckApi } from './api-shape';
import type { CheckIssue } from './errors';

/** Resolve every code of `tips` into an issue; `file` names tips.json in the report. */
export async function resolveTips(api: CheckApi, tips: Record<string, unknown>, file: string | undefined, signal?: AbortSignal): Promise<CheckIssue[]> {
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
