/**
 * Takes of a .hip (the `.takes` entry, "HoudiniTakeFile 1.0"): each take's parm values and bypass
 * flags, and which take a ROP renders with. The take tree is `take name <name> kids <n>` headers,
 * each take's data, and `e` closing it (as in every .hip read here). The data syntax (a line naming a
 * node path, optionally `bypass on|off`, followed by a `{ … }` block in the `.parm` syntax) is
 * inferred, not verified: the real scenes here hold only the Main take. A data line the reader does
 * not understand marks the take unreadable, and a ROP rendering with it gets a "needs the DCC" tip.
 */
import { parseParms, type ParmMap } from './parm-parser';

export interface TakeData {
  name: string;
  parent?: string;
  /** Node path → parm values the take sets (channel references dropped: the cached value counts). */
  parms: Map<string, ParmMap>;
  /** Node path → bypass flag the take sets. */
  bypass: Map<string, boolean>;
  /** A data line the reader could not interpret (the first one), when any. */
  unreadable?: string;
}

export const MAIN_TAKE = 'Main';
const MAX_TAKES = 10_000;
const HEADER = /^\s*take\s+name\s+(\S+)\s+kids\s+(\d+)\s*$/;

/** Parses `.takes`; a damaged entry gives what was read up to the damage (never throws on content). */
export function parseTakes(text: string): Map<string, TakeData> {
  const takes = new Map<string, TakeData>();
  const lines = text.split('\n');
  // Open takes, innermost last: a header inside an open take (before or after its `e`) is its child.
  const stack: Array<{ take: TakeData; kidsLeft: number; closed: boolean }> = [];
  let current: { node: string } | undefined;
  for (let i = 0; i < lines.length && takes.size < MAX_TAKES; i += 1) {
    const line = lines[i]!;
    const header = HEADER.exec(line);
    if (header) {
      while (stack.length && stack[stack.length - 1]!.closed && stack[stack.length - 1]!.kidsLeft <= 0) stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) parent.kidsLeft -= 1;
      const take: TakeData = { name: header[1]!, parms: new Map(), bypass: new Map(), ...(parent ? { parent: parent.take.name } : {}) };
      if (!takes.has(take.name)) takes.set(take.name, take);
      stack.push({ take, kidsLeft: Number(header[2]), closed: false });
      current = undefined;
      continue;
    }
    const open = stack[stack.length - 1];
    if (!open || /^HoudiniTakeFile\b/.test(line) || line.trim() === '') continue;
    if (line.trim() === 'e') {
      open.closed = true;
      current = undefined;
      continue;
    }
    if (line.trim() === '{' && current && !open.closed) {
      let end = i + 1;
      while (end < lines.length && lines[end]!.trim() !== '}') end += 1;
      const body = lines.slice(i, end + 1).join('\n');
      const parms = parseParms(body);
      const mine = open.take.parms.get(current.node) ?? new Map();
      for (const [name, values] of parms) mine.set(name, values.map((v) => ({ text: v.text })));
      open.take.parms.set(current.node, mine);
      i = end;
      continue;
    }
    const node = /(?:^|\s)(\/[^\s{}]*)/.exec(line)?.[1];
    if (node && !open.closed) {
      current = { node };
      const flag = /\bbypass\s+(on|off)\b/.exec(line);
      if (flag) open.take.bypass.set(node, flag[1] === 'on');
      continue;
    }
    open.take.unreadable ??= line.trim().slice(0, 120);
  }
  return takes;
}

/** The chain from a take up to Main (the take first); stops at a repeat, so a damaged tree cannot loop. */
export function takeChain(takes: Map<string, TakeData>, name: string): TakeData[] {
  const chain: TakeData[] = [];
  const seen = new Set<string>();
  for (let t = takes.get(name); t && !seen.has(t.name); t = t.parent ? takes.get(t.parent) : undefined) {
    seen.add(t.name);
    chain.push(t);
  }
  return chain;
}
