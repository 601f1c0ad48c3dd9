/**
 * Builds the OpenRPC document (spec.open-rpc.org, 1.2.6) from the method bundles: by-name params
 * split into one content descriptor per key, zod schemas converted with `z.toJSONSchema`.
 * Sidecar extensions are `x-` fields: `x-since`, `x-job-result`, `x-progress`, `x-needs-login`,
 * and the notifications under `x-notifications`.
 * @since 1.0
 */
import { z } from 'zod';
import type { MethodSpec, NotificationSpec } from '../define';
import { methods, notifications } from '../contract';
import { ErrorCodes } from '../errors';
import { PROTOCOL_VERSION } from '../version';

type Json = Record<string, unknown>;

const codeNames = new Map<number, string>(Object.entries(ErrorCodes).map(([k, v]) => [v, k]));

/** JSON Schema of a zod schema as a client sends it (defaults make fields optional). */
export function toSchema(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json {
  const out = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  delete out.$schema;
  return out;
}

/** One content descriptor per top-level param key, OpenRPC's "by-name" form. */
export function paramDescriptors(schema: z.ZodType): Json[] {
  const json = toSchema(schema);
  const props = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  const defs = json.$defs as Json | undefined;
  return Object.entries(props).map(([name, s]) => ({
    name,
    required: required.has(name),
    schema: defs ? { ...s, $defs: defs } : s,
  }));
}

function methodEntry(m: MethodSpec): Json {
  return {
    name: m.method,
    summary: m.summary,
    paramStructure: 'by-name',
    params: paramDescriptors(m.params),
    result: { name: 'result', schema: toSchema(m.result, 'output') },
    errors: m.errors.map((code) => ({ code, message: codeNames.get(code) ?? String(code) })),
    'x-since': m.since,
    'x-needs-login': m.needsLogin,
    ...(m.jobResult ? { 'x-job-result': toSchema(m.jobResult, 'output') } : {}),
    ...(m.progress ? { 'x-progress': [...m.progress] } : {}),
  };
}

function notificationEntry(n: NotificationSpec): Json {
  return {
    name: n.method,
    summary: n.summary,
    direction: n.direction,
    params: paramDescriptors(n.params),
    'x-since': n.since,
  };
}

/** The OpenRPC document `rpc.discover` answers and `npm run gen` writes. */
export function buildOpenRpc(serverVersion?: string): Json {
  return {
    openrpc: '1.2.6',
    info: {
      title: 'rayvision sidecar',
      version: PROTOCOL_VERSION,
      description:
        'JSON-RPC 2.0 over ws://127.0.0.1 (Authorization: Bearer <token> from <sdk home>/sidecar.json). ' +
        'Long methods answer { jobId } and then send job/progress and job/end.',
      ...(serverVersion ? { 'x-server-version': serverVersion } : {}),
    },
    methods: (methods as readonly MethodSpec[]).map(methodEntry),
    components: {
      errors: Object.fromEntries(Object.entries(ErrorCodes).map(([name, code]) => [name, { code, message: name }])),
    },
    'x-notifications': (notifications as readonly NotificationSpec[]).map(notificationEntry),
  };
}
