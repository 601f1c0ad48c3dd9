/**
 * Body text the way Python's `json.dumps` writes it: `", "` and `": "` separators, every character
 * outside printable ASCII escaped as lowercase `\uXXXX` (surrogate pairs for astral characters), floats
 * in Python repr. The farm verifies the parsed values, so this is for wire-identical traffic (§2.4).
 */
import { PyFloat, pythonFloatRepr } from './python-format';

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** A JSON string literal with Python's `ensure_ascii=True` escaping. */
export function pythonJsonString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    const unit = text.charCodeAt(i);
    if (SHORT_ESCAPES[ch]) out += SHORT_ESCAPES[ch];
    else if (unit < 0x20 || unit > 0x7e) out += `\\u${unit.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** `json.dumps(value)` as Python writes it; `undefined` object entries are left out like JSON does. */
export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (value instanceof PyFloat) return floatJson(value.value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(BigInt(value)) : floatJson(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return pythonJsonString(value);
  if (Array.isArray(value)) return `[${value.map((item) => pythonJsonDumps(item)).join(', ')}]`;
  if (typeof value === 'object') {
    const pairs = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${pythonJsonString(k)}: ${pythonJsonDumps(v)}`);
    return `{${pairs.join(', ')}}`;
  }
  throw new TypeError(`Cannot serialise a ${typeof value} to JSON.`);
}

// Python writes NaN/Infinity as bare words in JSON; keep that rather than inventing null.
function floatJson(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  return pythonFloatRepr(value);
}
