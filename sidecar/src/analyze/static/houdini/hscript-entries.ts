import type { ChannelInfo } from './hscript/scene';

/**
 * Small hscript entries of a .hip: `.start` (fps, global range, current time), `.variables`
 * (`set -g NAME = 'value'`), `.chn` channel expressions, `.def` flags, `.init` type, `.spareparmdef`
 * file-typed parms and `.OPfallbacks` HDA libraries (spec/analysis.md §4.1).
 */
export interface StartInfo {
  fps: number;
  /** Global range in frames ($FSTART, $FEND). */
  fstart: number;
  fend: number;
  /** Current frame (from `tcur`). */
  current: number;
}

/** Parses `.start`: `fps 24`, `tset <start_s> <length_s>`, `tcur <s>`. */
export function parseStart(text: string): StartInfo {
  const num = (re: RegExp): number[] | undefined => {
    const m = re.exec(text);
    return m ? m.slice(1).map(Number) : undefined;
  };
  const fps = num(/^fps\s+([\d.]+)/m)?.[0] || 24;
  const tset = num(/^tset\s+(-?[\d.e+-]+)\s+(-?[\d.e+-]+)/m);
  const tcur = num(/^tcur\s+(-?[\d.e+-]+)/m)?.[0] ?? 0;
  const frame = (t: number): number => Math.round(t * fps * 1000) / 1000;
  const fstart = tset ? Math.round(frame(tset[0]!) + 1) : 1;
  const fend = tset ? Math.round(frame(tset[0]! + tset[1]!)) : 240;
  return { fps, fstart, fend, current: Math.round(frame(tcur) + 1) };
}

/** Parses `.variables`: `set -g NAME = 'value'` (global and local) into a map. */
export function parseVariables(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  const re = /^set\s+(?:-[gl]\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|(\S*))\s*$/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    vars[m[1]!] = (m[2] ?? m[3] ?? m[4] ?? '').replace(/\\(.)/g, '$1');
  }
  return vars;
}

/**
 * The text from `open` (an index just after a `{`) to its closing `}`, skipping quoted text and
 * backslash escapes; undefined when the block is not closed.
 */
function block(text: string, open: number): { body: string; end: number } | undefined {
  let depth = 1;
  let quote = '';
  for (let i = open; i < text.length; i += 1) {
    const c = text[i];
    if (c === '\\') {
      i += 1;
    } else if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"') quote = c;
    else if (c === '{') depth += 1;
    else if (c === '}' && (depth -= 1) === 0) return { body: text.slice(open, i), end: i + 1 };
  }
  return undefined;
}

/** `expr = …` of a segment: a quoted string, or the rest up to `language =` / the end; escapes undone. */
function segmentExpr(seg: string): { expr?: string; language: 'hscript' | 'python' } {
  const m = /(?:^|\s)expr\s*=\s*/.exec(seg);
  let expr: string | undefined;
  let rest = seg;
  if (m) {
    const from = m.index + m[0].length;
    if (seg[from] === '"') {
      let out = '';
      let i = from + 1;
      for (; i < seg.length && seg[i] !== '"'; i += 1) {
        if (seg[i] === '\\' && i + 1 < seg.length) i += 1;
        out += seg[i];
      }
      expr = out;
      rest = seg.slice(i + 1);
    } else {
      const tail = seg.slice(from);
      const lang = /\s+language\s*=/.exec(tail);
      expr = (lang ? tail.slice(0, lang.index) : tail).trim().replace(/\\(["\\])/g, '$1');
      rest = lang ? tail.slice(lang.index) : '';
    }
  }
  const language = /(?:^|\s)language\s*=\s*python\b/.test(rest) ? 'python' : 'hscript';
  return { ...(expr !== undefined ? { expr } : {}), language };
}

/**
 * Parses `.chn`: per channel, the expression and language of its first segment and whether it has
 * several segments (animated). E.g. `channel f1 { … segment { length = 0 expr = $FSTART } }`,
 * `expr = ch(\"../x\")`, `expr = "chs(\"a\")"`, `expr = hou.pwd()… language = python`.
 */
export function parseChannels(text: string): Map<string, ChannelInfo> {
  const out = new Map<string, ChannelInfo>();
  const re = /channel\s+(\S+)\s*\{/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const body = block(text, m.index + m[0].length);
    if (!body) break;
    re.lastIndex = body.end;
    const segments: string[] = [];
    const sre = /segment\s*\{/g;
    for (let s = sre.exec(body.body); s; s = sre.exec(body.body)) {
      const seg = block(body.body, s.index + s[0].length);
      if (!seg) break;
      segments.push(seg.body);
      sre.lastIndex = seg.end;
    }
    if (out.has(m[1]!) || segments.length === 0) continue;
    out.set(m[1]!, { ...segmentExpr(segments[0]!), animated: segments.length > 1 });
  }
  return out;
}

/** The `inputs { <index> <source node> <output> … }` block of a `.def`: input index → sibling name. */
export function parseDefInputs(text: string): string[] {
  const m = /^inputs\s*\{\s*\n([\s\S]*?)^\}/m.exec(text);
  const inputs: string[] = [];
  if (!m) return inputs;
  for (const line of m[1]!.split('\n')) {
    const i = /^\s*(\d+)\s+(?:"([^"]*)"|(\S+))/.exec(line);
    if (i && Number(i[1]) < 10_000) inputs[Number(i[1])] = i[2] ?? i[3] ?? '';
  }
  return inputs;
}

/** Parses the `flags = … bypass on …` line of a `.def`. */
export function parseDefFlags(text: string): { bypass: boolean } {
  const m = /^flags\s*=(.*)$/m.exec(text);
  return { bypass: m ? /\bbypass\s+on\b/.test(m[1]!) : false };
}

/** Parses `.init`: `type = <op type>`. */
export function parseInitType(text: string): string | undefined {
  return /^type\s*=\s*(\S+)/m.exec(text)?.[1];
}

/** Parm names a `.spareparmdef` (dialog script) declares as file, image, geometry or directory. */
export function parseFileParmDefs(text: string): Set<string> {
  const out = new Set<string>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const name = /^\s*name\s+"?([^"\s]+)"?/.exec(line);
    if (name) {
      current = name[1];
      continue;
    }
    const type = /^\s*type\s+(file|image|geometry|directory|picture)\b/.exec(line);
    if (type && current) out.add(current);
  }
  return out;
}

/** `.OPfallbacks`: absolute library path of each operator type (first line of each pair). */
export function parseFallbacks(text: string): Array<{ type: string; library: string }> {
  const out: Array<{ type: string; library: string }> = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^(\S+)\s+(.+?)\s*$/.exec(line);
    if (!m) continue;
    const lib = m[2]!;
    // The second line of each pair is the path relative to HOUDINI_PATH; keep the absolute one.
    const absolute = lib.startsWith('/') || /^[A-Za-z]:[\\/]/.test(lib) || lib.startsWith('\\\\') || lib.startsWith('$');
    if (!absolute || seen.has(lib)) continue;
    seen.add(lib);
    out.push({ type: m[1]!, library: lib });
  }
  return out;
}
