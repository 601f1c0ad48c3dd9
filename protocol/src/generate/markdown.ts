/**
 * Builds protocol/generated/methods.md: one row per method and notification (params, required,
 * job or not, summary), so the reference page can never disagree with the schemas.
 * @since 1.0
 */
import type { MethodSpec, NotificationSpec } from '../define';
import { methods, notifications } from '../contract';
import { ErrorCodes } from '../errors';
import { PROTOCOL_VERSION } from '../version';
import { toSchema } from './openrpc';
import { GENERATED_MARK } from './python-table';

function params(spec: { params: MethodSpec['params'] }): string {
  const json = toSchema(spec.params);
  const required = new Set((json.required ?? []) as string[]);
  const keys = Object.keys((json.properties ?? {}) as object);
  return keys.length === 0 ? '—' : keys.map((k) => (required.has(k) ? `**${k}**` : k)).join(', ');
}

/** The text of methods.md. */
export function buildMethodsMarkdown(): string {
  const rows = (methods as readonly MethodSpec[]).map(
    (m) => `| \`${m.method}\` | ${params(m)} | ${m.jobResult ? 'job' : ''}${m.needsLogin ? ' login' : ''} | ${m.summary} |`,
  );
  const notes = (notifications as readonly NotificationSpec[]).map((n) => `| \`${n.method}\` | ${params(n)} | ${n.summary} |`);
  const codes = Object.entries(ErrorCodes).map(([name, code]) => `| ${code} | ${name} |`);
  return [
    `<!-- ${GENERATED_MARK} -->`,
    `# Sidecar protocol ${PROTOCOL_VERSION}: methods`,
    '',
    'Params are one by-name object; **bold** params are required. "job": the method answers `{ jobId }` at once,',
    'then `job/progress` and one `job/end` carrying the result. "login": needs `session/login` first.',
    '',
    '| method | params | kind | summary |',
    '|---|---|---|---|',
    ...rows,
    '',
    '## Notifications (sidecar → client)',
    '',
    '| notification | params | summary |',
    '|---|---|---|',
    ...notes,
    '',
    '## Error codes',
    '',
    '| code | name |',
    '|---|---|',
    ...codes,
    '',
  ].join('\n');
}
