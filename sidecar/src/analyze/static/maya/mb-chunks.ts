/**
 * Decoders of the .mb leaf chunks the facts need (spec/analysis.md §4.3). Each takes the chunk data
 * and returns undefined when it is malformed, never throws.
 */
import { TICKS_PER_SECOND } from './attr-names';

type Decode = (bytes: Uint8Array) => string;

/** Splits at NUL bytes (a trailing NUL does not make an empty last field). */
export function nulFields(data: Buffer, decode: Decode): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < data.length; i++) {
    if (data[i] === 0) { out.push(decode(data.subarray(start, i))); start = i + 1; }
  }
  if (start < data.length) out.push(decode(data.subarray(start)));
  return out;
}

/** CREA: flags byte, name NUL, [parent NUL], [16-byte UUID]. */
export function decodeCrea(data: Buffer, decode: Decode): { name: string; parent?: string } | undefined {
  if (data.length < 2) return undefined;
  const nameEnd = data.indexOf(0, 1);
  if (nameEnd < 0) return { name: decode(data.subarray(1)) };
  const name = decode(data.subarray(1, nameEnd));
  const rest = data.length - (nameEnd + 1);
  if (rest === 0 || rest === 16) return { name };
  const parentEnd = data.indexOf(0, nameEnd + 1);
  if (parentEnd < 0 || parentEnd === nameEnd + 1) return { name };
  return { name, parent: decode(data.subarray(nameEnd + 1, parentEnd)) };
}

/** `attr NUL flag value…`: the attribute name and the offset of the value. */
function attrHead(data: Buffer, decode: Decode): { attr: string; at: number } | undefined {
  const end = data.indexOf(0);
  if (end <= 0 || end + 1 > data.length) return undefined;
  return { attr: decode(data.subarray(0, end)), at: end + 2 };
}

/** STR : `attr NUL flag value NUL`. */
export function decodeStr(data: Buffer, decode: Decode): { attr: string; value: string } | undefined {
  const h = attrHead(data, decode);
  if (!h || h.at > data.length) return undefined;
  let end = data.indexOf(0, h.at);
  if (end < 0) end = data.length;
  return { attr: h.attr, value: decode(data.subarray(h.at, end)) };
}

/** STR#: `attr NUL flag count(4) s1 NUL s2 NUL …` (at most `max` strings). */
export function decodeStrArray(data: Buffer, decode: Decode, max = 256): { attr: string; value: string[] } | undefined {
  const h = attrHead(data, decode);
  if (!h || h.at + 4 > data.length) return undefined;
  const count = data.readUInt32BE(h.at);
  const fields = nulFields(data.subarray(h.at + 4), decode);
  return { attr: h.attr, value: fields.slice(0, Math.min(count, max)) };
}

/**
 * DBLE: `attr NUL flag value(8)`. Time attributes hold a 64-bit integer of ticks instead of a
 * double; such bit patterns are denormal or NaN as doubles, which no real value is: they are read
 * as ticks and converted to frames of the scene's time unit.
 */
export function decodeDble(data: Buffer, decode: Decode, fps: number): { attr: string; value: number } | undefined {
  const h = attrHead(data, decode);
  if (!h || h.at + 8 > data.length) return undefined;
  const hi = data.readUInt32BE(h.at);
  const exponent = (hi >>> 20) & 0x7ff;
  const bits = data.readBigInt64BE(h.at);
  const asDouble = data.readDoubleBE(h.at);
  if ((exponent === 0 && bits !== 0n) || exponent === 0x7ff) {
    const frames = Number(bits) / (TICKS_PER_SECOND / fps);
    return Number.isFinite(frames) ? { attr: h.attr, value: frames } : undefined;
  }
  return { attr: h.attr, value: asDouble };
}

/** CWFL (connectAttr): `flag src NUL dst NUL`. */
export function decodeConnection(data: Buffer, decode: Decode): { src: string; dst: string } | undefined {
  if (data.length < 4) return undefined;
  const [src, dst] = nulFields(data.subarray(1), decode);
  return src && dst ? { src, dst } : undefined;
}

/** PLUG: `plugin NUL version NUL requires-flags NUL (nodeType NUL typeId(4))*`. */
export function decodePlug(data: Buffer, decode: Decode): { plugin: string; version: string; typeIds: Map<string, string> } | undefined {
  let at = 0;
  const field = (): string | undefined => {
    const end = data.indexOf(0, at);
    if (end < 0) return undefined;
    const s = decode(data.subarray(at, end));
    at = end + 1;
    return s;
  };
  const plugin = field();
  const version = field();
  if (!plugin || version === undefined) return undefined;
  field(); // the `-nodeType "…"` text of the requires line
  const typeIds = new Map<string, string>();
  while (at < data.length) {
    const name = field();
    if (!name || at + 4 > data.length) break;
    typeIds.set(data.subarray(at, at + 4).toString('hex'), name);
    at += 4;
  }
  return { plugin, version, typeIds };
}
