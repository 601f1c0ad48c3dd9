/**
 * Turns endpoint rows into methods (Octokit's endpoints-to-methods): one function builds every
 * method, so no endpoint has a hand-written body. A method takes the row's positional arguments,
 * then an optional `CallOptions` ({ signal, retry, timeout }).
 */
import type { EndpointContext, EndpointRow, Group } from './endpoints';
import type { CallOptions, Transport } from './send';
import { validateBody } from './validate';

export type EndpointMethod = (...args: unknown[]) => Promise<unknown>;

function isSent(value: unknown, rule: EndpointRow['args'][number]['send']): boolean {
  if (value === undefined) return false;
  if (rule === 'truthy') return Boolean(value) && !(Array.isArray(value) && value.length === 0);
  if (rule === 'defined') return value !== null;
  return true;
}

/** The request body a row makes from positional arguments: defaults, send rules, fixed fields, prepare, validation. */
export function buildBody(row: EndpointRow, args: readonly unknown[], ctx: EndpointContext): Record<string, unknown> {
  let body: Record<string, unknown> = {};
  row.args.forEach((spec, index) => {
    const value = args[index] === undefined ? spec.default : args[index];
    if (spec.spread) {
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) Object.assign(body, value);
      return;
    }
    if (isSent(value, spec.send)) body[spec.field ?? spec.name] = value;
  });
  if (row.fixed) body = { ...body, ...row.fixed };
  if (row.prepare) body = row.prepare(body, ctx);
  return validateBody(row.method, row.schema, body);
}

/** The method of one row, bound to a transport. */
export function makeMethod(row: EndpointRow, transport: Transport): EndpointMethod {
  return async (...args: unknown[]) => {
    const call = (args[row.args.length] ?? {}) as CallOptions;
    const body = buildBody(row, args.slice(0, row.args.length), { domain: transport.domain, platform: transport.platform });
    const data = await transport.post({ name: row.method, path: row.path, idempotent: row.idempotent }, body, call);
    return row.result ? row.result(data) : data;
  };
}

/** All methods of one group, aliases included, keyed by method name. */
export function makeGroup(rows: readonly EndpointRow[], group: Group, transport: Transport): Record<string, EndpointMethod> {
  const methods: Record<string, EndpointMethod> = {};
  for (const row of rows.filter((r) => r.group === group)) {
    const method = makeMethod(row, transport);
    methods[row.method] = method;
    for (const alias of row.aliases ?? []) methods[alias] = method;
  }
  return methods;
}
