/**
 * Applies the MEL statements of a .ma file to the scene model: createNode, setAttr, connectAttr,
 * select -ne, file -r/-rdi, requires, fileInfo, currentUnit. Everything else (rename -uid, addAttr,
 * relationship, lockNode …) does not change the facts and is skipped.
 */
import type { MelStatement, MelToken } from './mel-tokenizer';
import { MayaSceneModel, shortName, splitPlug, type AttrValue, type MayaNode } from './scene-model';
import { isKeptType, SHARED_NODE_TYPES } from './node-types';
import { referenceEditFiles } from './reference-edits';
import { keepConnection, storeAttr } from './store-attr';

interface Current {
  name: string;
  type: string;
  /** The kept node, when its type is kept (or once an unknown node got a path). */
  node?: MayaNode;
}

/** Flags that take one argument, per command; other `-flags` take none. */
const ARG_FLAGS: Record<string, Set<string>> = {
  createNode: new Set(['-n', '-name', '-p', '-parent']),
  setAttr: new Set(['-type', '-typ', '-s', '-size', '-k', '-keyable', '-l', '-lock', '-cb', '-channelBox', '-ca', '-caching']),
  connectAttr: new Set(['-l', '-lock', '-rd', '-referenceDest']),
  file: new Set(['-rdi', '-ns', '-rfn', '-op', '-typ', '-type', '-dr', '-rpr', '-shd', '-lrd', '-pmt', '-ra']),
  requires: new Set(['-nodeType', '-nt', '-dataType', '-dt']),
  currentUnit: new Set(['-l', '-linear', '-a', '-angle', '-t', '-time']),
  select: new Set(),
  fileInfo: new Set(),
};

interface Parsed {
  flags: Map<string, MelToken | true>;
  args: MelToken[];
}

/** Splits a statement's tokens after the command into flags and positional arguments. */
function parseArgs(cmd: string, tokens: MelToken[]): Parsed {
  const withArg = ARG_FLAGS[cmd] ?? new Set<string>();
  const flags = new Map<string, MelToken | true>();
  const args: MelToken[] = [];
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word' && /^-[A-Za-z]/.test(t.text)) {
      if (withArg.has(t.text) && i + 1 < tokens.length) flags.set(t.text, tokens[++i]!);
      else flags.set(t.text, true);
      continue;
    }
    args.push(t);
  }
  return { flags, args };
}

function flagText(p: Parsed, ...names: string[]): string | undefined {
  for (const n of names) {
    const v = p.flags.get(n);
    if (v !== undefined && v !== true) return v.text;
  }
  return undefined;
}

/** `( "a" + "b" )` → one string token "ab" (MEL string concatenation inside parentheses). */
export function joinConcatenations(tokens: MelToken[]): MelToken[] {
  if (!tokens.some((t) => t.kind === '(')) return tokens;
  const out: MelToken[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== '(') { out.push(t); continue; }
    let text = '';
    let j = i + 1;
    let ok = false;
    for (; j < tokens.length; j++) {
      const u = tokens[j]!;
      if (u.kind === 'string') text += u.text;
      else if (u.kind === 'word' && u.text === '+') continue;
      else { ok = u.kind === ')'; break; }
    }
    if (ok) { out.push({ kind: 'string', text }); i = j; } else out.push(t);
  }
  return out;
}

function toValue(t: MelToken | undefined): AttrValue | undefined {
  if (!t) return undefined;
  if (t.kind === 'string') return t.text;
  if (t.kind !== 'word') return undefined;
  switch (t.text) {
    case 'yes': case 'true': case 'on': return true;
    case 'no': case 'false': case 'off': return false;
  }
  const n = Number(t.text);
  return Number.isFinite(n) ? n : undefined;
}

/** Statements kept whole, not just their head: reference edits (they list every edited file). */
export function keepWhole(head: MelToken[]): boolean {
  return head[0]?.text === 'setAttr' && head.some((t) => t.kind === 'string' && t.text === 'dataReferenceEdits');
}

/** The state of one .ma read: the model and the node that `setAttr ".x"` lines apply to. */
export class MaStatementApplier {
  private current: Current | undefined;
  private unnamed = 0;

  constructor(readonly model: MayaSceneModel) {}

  apply(s: MelStatement): void {
    const first = s.tokens[0];
    if (!first || first.kind !== 'word') return;
    const cmd = first.text;
    switch (cmd) {
      case 'createNode': return this.createNode(s);
      case 'setAttr': return this.setAttr(s);
      case 'connectAttr': return this.connectAttr(s);
      case 'select': return this.select(s);
      case 'file': return this.file(s);
      case 'requires': return this.requires(s);
      case 'fileInfo': return this.fileInfo(s);
      case 'currentUnit': return this.currentUnit(s);
    }
  }

  private createNode(s: MelStatement): void {
    const p = parseArgs('createNode', s.tokens);
    const type = p.args[0]?.text;
    if (!type) return;
    const name = flagText(p, '-n', '-name') ?? `${type}${++this.unnamed}`;
    const parent = flagText(p, '-p', '-parent');
    this.model.countType(type);
    this.current = { name, type };
    if (isKeptType(type)) this.current.node = this.model.addNode(type, name, parent);
  }

  private select(s: MelStatement): void {
    const p = parseArgs('select', s.tokens);
    const name = p.args[0]?.text;
    if (!name) return;
    const existing = this.model.node(name);
    const type = existing?.type ?? SHARED_NODE_TYPES[shortName(name)] ?? 'unknown';
    this.current = { name: shortName(name), type };
    if (existing) this.current.node = existing;
    else if (isKeptType(type)) this.current.node = this.model.addNode(type, shortName(name));
  }

  private setAttr(s: MelStatement): void {
    const p = parseArgs('setAttr', joinConcatenations(s.tokens));
    const plug = p.args[0];
    if (!plug || plug.kind !== 'string') return;
    let nodeName: string;
    let attr: string;
    let type: string;
    let node: MayaNode | undefined;
    const current = plug.text.startsWith('.') ? this.current : undefined;
    if (current) {
      nodeName = current.name;
      attr = plug.text.slice(1);
      type = current.type;
      node = current.node;
    } else if (!plug.text.startsWith('.')) {
      ({ node: nodeName, attr } = splitPlug(plug.text));
      node = this.model.node(nodeName);
      type = node?.type ?? SHARED_NODE_TYPES[shortName(nodeName)] ?? 'unknown';
    } else {
      return;
    }
    const typeName = flagText(p, '-type', '-typ');
    if (typeName === 'dataReferenceEdits') {
      this.model.editedFiles.push(...referenceEditFiles(p.args));
      return;
    }
    const values = p.args.slice(1);
    const range = typeName === undefined ? /^(.*)\[(\d+):(\d+)\](.*)$/.exec(attr) : null;
    if (range) {
      // `setAttr ".adjs[0:1].val" 5 10`: one value per index of the range (only the kept head)
      const [, pre, from, to, post] = range;
      let stored = node;
      for (let i = Number(from), k = 0; i <= Number(to) && k < values.length; i++, k++) {
        const v = toValue(values[k]);
        if (v !== undefined) stored = storeAttr(this.model, stored, nodeName, type, `${pre}[${i}]${post}`, v) ?? stored;
      }
      if (current && stored) current.node = stored;
      return;
    }
    let value: AttrValue | undefined;
    if (typeName === 'stringArray') {
      value = values.filter((t) => t.kind === 'string').map((t) => t.text);
    } else if (typeName === 'string') {
      value = values[0]?.kind === 'string' ? values[0].text : undefined;
    } else {
      value = toValue(values[0]);
    }
    if (value === undefined) return;
    const stored = storeAttr(this.model, node, nodeName, type, attr, value);
    if (current && stored) current.node = stored;
  }

  private connectAttr(s: MelStatement): void {
    const p = parseArgs('connectAttr', s.tokens);
    const [src, dst] = p.args;
    if (!src || !dst || src.kind !== 'string' || dst.kind !== 'string') return;
    if (keepConnection(this.model, src.text, dst.text)) this.model.connections.push({ src: src.text, dst: dst.text });
  }

  private file(s: MelStatement): void {
    const p = parseArgs('file', s.tokens);
    if (!p.flags.has('-r') && !p.flags.has('-rdi') && !p.flags.has('-reference')) return;
    const last = s.tokens[s.tokens.length - 1];
    if (!last || last.kind !== 'string' || s.tokenCount !== s.tokens.length) return;
    const ref: MayaSceneModel['references'][number] = { path: last.text };
    const rfn = flagText(p, '-rfn');
    const ns = flagText(p, '-ns');
    const typ = flagText(p, '-typ', '-type');
    if (rfn !== undefined) ref.node = rfn;
    if (ns !== undefined) ref.namespace = ns;
    if (typ !== undefined) ref.type = typ;
    if (flagText(p, '-dr') === '1') ref.deferred = true;
    this.model.references.push(ref);
  }

  private requires(s: MelStatement): void {
    const p = parseArgs('requires', s.tokens);
    // with many -nodeType flags the head may be cut: the product and version are the last two strings
    const args = s.tokenCount > s.tokens.length ? s.tailStrings.slice(-2).map((text) => ({ text })) : p.args;
    const [product, version] = args;
    if (product && version) this.model.requires[product.text] = version.text;
  }

  private fileInfo(s: MelStatement): void {
    const [key, value] = parseArgs('fileInfo', s.tokens).args;
    if (key && value) this.model.fileInfo[key.text] = value.text;
  }

  private currentUnit(s: MelStatement): void {
    const p = parseArgs('currentUnit', s.tokens);
    const l = flagText(p, '-l', '-linear');
    const a = flagText(p, '-a', '-angle');
    const t = flagText(p, '-t', '-time');
    if (l) this.model.units.linear = l;
    if (a) this.model.units.angle = a;
    if (t) this.model.units.time = t;
  }
}

