/**
 * The one token grammar for scene file references, whatever host wrote them (spec/analysis.md §4.5):
 * variables ($HIP, ${JOB}, $(VAR), %VAR%, <MAYA_RESOURCES>), frame tokens (Houdini $F/$F4/${F4}/$FF/$T,
 * Clarisse $4F, `####`, `%04d`, `<f>`/`<Frame>`/`<frame04>`, backtick padzero(4,$F)), tile tokens
 * (<UDIM>, %(UDIM)d, <tile>, <uvtile>, <u>/<v>, u<U>_v<V>, _MAPID_) and unevaluable parts (other
 * backtick expressions, <attr:…>) that only a DCC can resolve.
 */
export type TileStyle = 'udim' | 'uvtile' | 'tile' | 'u' | 'v' | 'U' | 'V' | 'mapid';

export type Token =
  | { kind: 'text'; text: string }
  /** `modifiers`: Houdini's `:r` (no extension), `:e` (extension), `:t` (file name), `:h` (folder), e.g. `$HIPNAME:r`. */
  | { kind: 'var'; name: string; raw: string; modifiers?: string }
  | { kind: 'frame'; pad: number; float?: boolean; raw: string }
  | { kind: 'tile'; style: TileStyle; raw: string }
  /** Matches any characters within one path segment (an unknown per-object token). */
  | { kind: 'wild'; raw: string }
  /** An expression only a DCC can evaluate (backticks, python). */
  | { kind: 'expr'; raw: string };

/** Houdini time variables that are frames, not user variables. */
const FRAME_VARS: Record<string, { pad: number; float?: boolean }> = {
  F: { pad: 0 }, FF: { pad: 0, float: true }, T: { pad: 0, float: true }, SF: { pad: 0 }, ST: { pad: 0, float: true }, N: { pad: 0 },
};

function frameVar(name: string): { pad: number; float?: boolean } | undefined {
  const m = /^F([1-9]\d?)$/.exec(name);
  if (m) return { pad: Number(m[1]) };
  return FRAME_VARS[name];
}

type Rule = (s: string, i: number) => { token: Token; length: number } | undefined;

const at = (re: RegExp, s: string, i: number): RegExpExecArray | null => {
  re.lastIndex = i;
  return re.exec(s);
};

const rules: Rule[] = [
  // `expr` — only padzero(N, $F) is understood statically.
  (s, i) => {
    const m = at(/`([^`]*)`/y, s, i);
    if (!m) return undefined;
    const pad = /^\s*padzero\(\s*(\d+)\s*,\s*\$F\s*\)\s*$/.exec(m[1]!);
    return { token: pad ? { kind: 'frame', pad: Number(pad[1]), raw: m[0] } : { kind: 'expr', raw: m[0] }, length: m[0].length };
  },
  (s, i) => {
    const m = at(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/y, s, i) ?? at(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/y, s, i);
    if (!m) return undefined;
    const f = m[0].startsWith('${') ? frameVar(m[1]!) : undefined;
    return { token: f ? { kind: 'frame', ...f, raw: m[0] } : { kind: 'var', name: m[1]!, raw: m[0] }, length: m[0].length };
  },
  (s, i) => {
    const m = at(/\$([1-9])F(?![A-Za-z0-9_])/y, s, i);
    return m ? { token: { kind: 'frame', pad: Number(m[1]), raw: m[0] }, length: m[0].length } : undefined;
  },
  (s, i) => {
    const m = at(/\$([A-Za-z_][A-Za-z0-9_]*)((?::[reht])+(?![A-Za-z0-9_]))?/y, s, i);
    if (!m) return undefined;
    const f = frameVar(m[1]!);
    if (f) return { token: { kind: 'frame', ...f, raw: `$${m[1]}` }, length: m[1]!.length + 1 };
    const token: Token = { kind: 'var', name: m[1]!, raw: m[0] };
    if (m[2]) token.modifiers = m[2].replace(/:/g, '');
    return { token, length: m[0].length };
  },
  (s, i) => {
    const m = at(/%\(UDIM\)d/y, s, i);
    return m ? { token: { kind: 'tile', style: 'udim', raw: m[0] }, length: m[0].length } : undefined;
  },
  (s, i) => {
    const m = at(/%0?(\d*)d/y, s, i);
    return m ? { token: { kind: 'frame', pad: Number(m[1] || 0), raw: m[0] }, length: m[0].length } : undefined;
  },
  (s, i) => {
    const m = at(/%([A-Za-z_][A-Za-z0-9_]*)%/y, s, i);
    return m ? { token: { kind: 'var', name: m[1]!, raw: m[0] }, length: m[0].length } : undefined;
  },
  (s, i) => {
    const m = at(/<([^<>/\\]{1,64})>/y, s, i);
    if (!m) return undefined;
    const token = angleToken(m[1]!, m[0]);
    return token ? { token, length: m[0].length } : undefined;
  },
  (s, i) => {
    const m = at(/#+/y, s, i);
    return m ? { token: { kind: 'frame', pad: m[0].length, raw: m[0] }, length: m[0].length } : undefined;
  },
  (s, i) => {
    const m = at(/_MAPID_/y, s, i);
    return m ? { token: { kind: 'tile', style: 'mapid', raw: m[0] }, length: m[0].length } : undefined;
  },
];

function angleToken(inner: string, raw: string): Token | undefined {
  const lower = inner.toLowerCase();
  if (lower === 'udim' || lower.startsWith('udim:')) return { kind: 'tile', style: 'udim', raw };
  if (lower === 'uvtile') return { kind: 'tile', style: 'uvtile', raw };
  if (lower === 'tile') return { kind: 'tile', style: 'tile', raw };
  if (inner === 'u' || inner === 'v' || inner === 'U' || inner === 'V') return { kind: 'tile', style: inner, raw };
  const frame = /^(?:f|frame)(\d*)$/i.exec(inner) ?? /^f\s+(\d+)$/i.exec(inner) ?? /^frame\s+(\d+)$/i.exec(inner);
  if (frame) return { kind: 'frame', pad: frame[1] ? Math.max(frame[1].length, Number(frame[1])) : 0, raw };
  if (/^[A-Z_][A-Z0-9_]*$/.test(inner)) return { kind: 'var', name: inner, raw };
  if (/^(attr:|meshitem|shapename|shapepath|objname)/i.test(inner)) return { kind: 'wild', raw };
  return undefined;
}

/** Splits a raw reference into tokens; plain characters are merged into text tokens. */
export function tokenize(raw: string): Token[] {
  const out: Token[] = [];
  let text = '';
  let i = 0;
  while (i < raw.length) {
    let hit: { token: Token; length: number } | undefined;
    const c = raw[i];
    if (c === '`' || c === '$' || c === '%' || c === '<' || c === '#' || c === '_') {
      for (const rule of rules) {
        hit = rule(raw, i);
        if (hit) break;
      }
    }
    if (hit) {
      if (text) out.push({ kind: 'text', text });
      text = '';
      out.push(hit.token);
      i += hit.length;
    } else {
      text += c;
      i += 1;
    }
  }
  if (text) out.push({ kind: 'text', text });
  return out;
}
