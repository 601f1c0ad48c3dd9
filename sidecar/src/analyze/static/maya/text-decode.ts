/**
 * Decoding scene strings. Maya writes `//Codeset: 936` (GBK), 1252, 932 … or UTF-8: non-ASCII path
 * bytes are in that code page. We accept valid UTF-8 first (newer Maya writes UTF-8 whatever the
 * header says; legacy code-page text is almost never valid multi-byte UTF-8), then the code page.
 */

import { TextDecoder } from 'node:util';

const CODESETS: Record<string, string> = {
  '936': 'gbk', '54936': 'gb18030', '950': 'big5', '932': 'shift_jis', '949': 'euc-kr',
  '1250': 'windows-1250', '1251': 'windows-1251', '1252': 'windows-1252', '1253': 'windows-1253',
  '1254': 'windows-1254', '1255': 'windows-1255', '1256': 'windows-1256', '1257': 'windows-1257',
  '1258': 'windows-1258', '874': 'windows-874', '65001': 'utf-8', 'utf-8': 'utf-8', 'utf8': 'utf-8',
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

const gbkStrict = new TextDecoder('gbk', { fatal: true });
const cp1252 = new TextDecoder('windows-1252');

/**
 * A decoder for files that do not declare their code page (.mb): UTF-8, else GBK (Maya on Chinese
 * Windows writes code page 936), else windows-1252; each tried strictly, so Western accents
 * (`café.png`: 0xE9 then ASCII, invalid GBK) do not turn into Chinese.
 */
export function undeclaredDecoder(): (bytes: Uint8Array) => string {
  return (bytes) => {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) { ascii = false; break; }
    if (ascii) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
    try {
      return utf8.decode(bytes);
    } catch {
      try {
        return gbkStrict.decode(bytes);
      } catch {
        return cp1252.decode(bytes);
      }
    }
  };
}

/** Returns a decoder for the given codeset name or number (unknown or absent → windows-1252 fallback). */
export function makeDecoder(codeset?: string): (bytes: Uint8Array) => string {
  const label = CODESETS[(codeset ?? '').trim().toLowerCase()] ?? 'windows-1252';
  let fallback: TextDecoder;
  try {
    fallback = new TextDecoder(label);
  } catch {
    fallback = new TextDecoder('windows-1252');
  }
  return (bytes) => {
    let ascii = true;
    for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0x80) { ascii = false; break; }
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    if (ascii) return buf.toString('latin1');
    try {
      return utf8.decode(bytes);
    } catch {
      return fallback.decode(bytes);
    }
  };
}
