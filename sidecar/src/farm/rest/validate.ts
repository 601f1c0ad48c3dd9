/**
 * Request-body validation in the manner of the SDK's Cerberus schemas (spec/api.md §2.7): unknown
 * fields pass, `integer` refuses floats, numeric strings and null, `allowed` is an exact enum.
 * A missing required field answers 601, any other failure 600.
 */
import { PyFloat, type PyValue } from '../py-json';
import { Code, FarmApiError } from './envelope';

export type FieldType = 'integer' | 'string' | 'list' | 'intOrString' | 'boolean';

export interface FieldRule {
  type: FieldType;
  required?: boolean;
  allowed?: readonly unknown[];
  /** Item type for lists. */
  items?: FieldType;
}

export type Schema = Record<string, FieldRule>;

// JSON.parse turns 1.0 into 1; the Python-faithful parse keeps it a float, which `integer` refuses.
function hasType(value: unknown, type: FieldType, py?: PyValue): boolean {
  if ((type === 'integer' || type === 'intOrString') && py instanceof PyFloat) return false;
  switch (type) {
    case 'integer': return typeof value === 'boolean' || (typeof value === 'number' && Number.isInteger(value));
    case 'string': return typeof value === 'string';
    case 'list': return Array.isArray(value);
    case 'intOrString': return typeof value === 'string' || (typeof value === 'number' && Number.isInteger(value));
    case 'boolean': return typeof value === 'boolean';
  }
}

/** Checks `body` (and its Python-faithful parse `py`) against `schema`; throws FarmApiError(601|600). */
export function validateBody(body: Record<string, unknown>, schema: Schema, py: Record<string, PyValue> = {}): void {
  const failures: Record<string, string[]> = {};
  let missing = false;
  for (const [field, rule] of Object.entries(schema)) {
    if (!(field in body)) {
      if (rule.required) {
        failures[field] = ['required field'];
        missing = true;
      }
      continue;
    }
    const value = body[field];
    if (value === null) {
      failures[field] = ['null value not allowed'];
      continue;
    }
    if (!hasType(value, rule.type, py[field])) {
      failures[field] = [`must be of ${rule.type} type`];
      continue;
    }
    if (rule.allowed && !rule.allowed.includes(value)) failures[field] = [`unallowed value ${JSON.stringify(value)}`];
    if (rule.items && Array.isArray(value)) {
      const pyItems = Array.isArray(py[field]) ? (py[field] as PyValue[]) : [];
      const bad = value.findIndex((v, i) => !hasType(v, rule.items!, pyItems[i]));
      if (bad >= 0) failures[field] = [`item ${bad} must be of ${rule.items} type`];
    }
  }
  const fields = Object.keys(failures);
  if (fields.length === 0) return;
  const text = fields.map((f) => `${f}: ${failures[f]!.join(', ')}`).join('; ');
  throw new FarmApiError(missing ? Code.PARAMETER_CANT_BE_EMPTY : Code.PARAMETER_INVALID, `Validation failure(s): ${text}`);
}
