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

/** Parses `.chn`: channel name → the expression of its first segment (e.g. `f1` → `$FSTART`). */
export function parseChannels(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /channel\s+(\S+)\s*\{([\s\S]*?)\n\s*\}/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const expr = /expr\s*=\s*(.+?)\s*\}?\s*$/m.exec(m[2]!);
    if (expr && !out.has(m[1]!)) out.set(m[1]!, expr[1]!.replace(/\s*\}$/, '').trim());
  }
  return out;
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
