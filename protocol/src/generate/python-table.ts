/**
 * Builds `methods.py`, the Python method table the DCC plugins' stdlib client reads: method and
 * param names (and which are required), job methods, notification names, error codes and the
 * protocol version. Python 3.7 syntax: plain dict/list literals, no annotations.
 * @since 1.0
 */
import { z } from 'zod';
import type { MethodSpec, NotificationSpec } from '../define';
import { methods, notifications } from '../contract';
import { ErrorCodes } from '../errors';
import { ClientInfo } from '../session';
import { INCOMPLETE_READ_TIPS, SceneDamageTips } from '../tips';
import { PROTOCOL_VERSION } from '../version';
import { toSchema } from './openrpc';

export const GENERATED_MARK = 'GENERATED — DO NOT EDIT, run npm run gen';

/** A JSON-like value as a Python literal (True/False/None, double-quoted strings). */
export function pyLiteral(value: unknown, indent = 0): string {
  const pad = ' '.repeat(indent + 4);
  const end = ' '.repeat(indent);
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every((v) => typeof v !== 'object' || v === null)) return `[${value.map((v) => pyLiteral(v)).join(', ')}]`;
    return `[\n${value.map((v) => pad + pyLiteral(v, indent + 4)).join(',\n')},\n${end}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `${pad}${JSON.stringify(k)}: ${pyLiteral(v, indent + 4)}`).join(',\n')},\n${end}}`;
}

function paramsOf(schema: z.ZodType): { params: string[]; required: string[] } {
  const json = toSchema(schema);
  return {
    params: Object.keys((json.properties ?? {}) as object),
    required: ((json.required ?? []) as string[]).slice(),
  };
}

/**
 * `session/initialize`'s client fields: which are required, which accept null, and the enum values
 * (the host names), so the Python client builds a ClientInfo by the protocol's one rule.
 */
function clientInfoTable(): Record<string, { required: boolean; nullable: boolean; values?: string[] }> {
  const json = toSchema(ClientInfo);
  const required = new Set((json.required ?? []) as string[]);
  const props = (json.properties ?? {}) as Record<string, { anyOf?: { type?: string; enum?: string[] }[]; enum?: string[] }>;
  return Object.fromEntries(
    Object.entries(props).map(([name, s]) => {
      const variants = s.anyOf ?? [s as { type?: string; enum?: string[] }];
      const values = variants.flatMap((v) => v.enum ?? []);
      return [name, { required: required.has(name), nullable: variants.some((v) => v.type === 'null'), ...(values.length ? { values } : {}) }];
    }),
  );
}

/** The text of methods.py. */
export function buildPythonTable(): string {
  const methodTable = Object.fromEntries(
    (methods as readonly MethodSpec[]).map((m) => [
      m.method,
      { ...paramsOf(m.params), job: m.jobResult !== undefined, needs_login: m.needsLogin, since: m.since, summary: m.summary },
    ]),
  );
  const notificationTable = Object.fromEntries(
    (notifications as readonly NotificationSpec[]).map((n) => [n.method, { ...paramsOf(n.params), since: n.since }]),
  );
  return [
    `# -*- coding: utf-8 -*-`,
    `# ${GENERATED_MARK}`,
    `# Source of truth: protocol/src/*.ts (zod). Python 3.7+, standard library only.`,
    `"""The sidecar's JSON-RPC method table: names, params, notifications, error codes."""`,
    ``,
    `PROTOCOL_VERSION = ${pyLiteral(PROTOCOL_VERSION)}`,
    ``,
    `# method name -> {"params": [...], "required": [...], "job": bool, "needs_login": bool, "since", "summary"}`,
    `METHODS = ${pyLiteral(methodTable)}`,
    ``,
    `# notification name -> {"params": [...], "required": [...], "since"}`,
    `NOTIFICATIONS = ${pyLiteral(notificationTable)}`,
    ``,
    `# JSON-RPC error codes; SdkError and Aborted carry data = {"code", "farmCode", "details"}`,
    `ERROR_CODES = ${pyLiteral(ErrorCodes)}`,
    ``,
    `# session/initialize "client" fields -> {"required", "nullable", "values"?}; a client without a host omits it or sends None`,
    `CLIENT_INFO = ${pyLiteral(clientInfoTable())}`,
    ``,
    `# tips.json codes of scene damage the readers notice; INCOMPLETE_READ_TIPS need allowIncomplete to submit`,
    `SCENE_DAMAGE_TIPS = ${pyLiteral(SceneDamageTips)}`,
    `INCOMPLETE_READ_TIPS = ${pyLiteral(INCOMPLETE_READ_TIPS)}`,
    ``,
    `JOB_METHODS = ${pyLiteral((methods as readonly MethodSpec[]).filter((m) => m.jobResult !== undefined).map((m) => m.method))}`,
    ``,
  ].join('\n');
}
