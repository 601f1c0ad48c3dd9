/**
 * Python scalar spellings. The old SDK signs `str(value)` of each leaf and sends `json.dumps` text, so
 * booleans read `True`/`False`, null reads `None` and floats use Python's `repr` (`1.0`, `1e+16`).
 * A JS number cannot say "1.0", so `pyFloat(1)` marks a value that must be rendered as a float.
 */

/** A number that must be rendered as a Python float even when it is integral (`pyFloat(1)` → `1.0`). */
export class PyFloat {
  constructor(readonly value: number) {}
  toJSON(): number {
    return this.value;
  }
}

/** Marks `value` as a Python float for signing and for the wire body. */
export function pyFloat(value: number): PyFloat {
  return new PyFloat(value);
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = value.toExponential().split('e');
  const exp = Number(expText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = negative ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const frac = digits.slice(1);
    const expSign = exp < 0 ? '-' : '+';
    return `${sign}${digits[0]}${frac ? `.${frac}` : ''}e${expSign}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const fracPart = digits.slice(exp + 1);
  return `${sign}${intPart}.${fracPart || '0'}`;
}

/** Python's `str()` of a JSON leaf as the signer sees it. */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (value instanceof PyFloat) return pythonFloatRepr(value.value);
  if (typeof value === 'number') return Number.isInteger(value) ? integerText(value) : pythonFloatRepr(value);
  if (typeof value === 'bigint') return value.toString();
  return String(value);
}

// Integral JS numbers were Python ints: always plain decimal, never exponent form.
function integerText(value: number): string {
  return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
}
