/**
 * The USD text format (.usda, and text .usd/.sdf layers), read as a stream for what it names
 * (spec/usd.md §3.8): no typed values, only the nesting of (), [] and {}, the statements at each
 * level, and the context of every asset path — sub-layer list, reference/payload item and its
 * list-op prefix, metadata key path, attribute — plus `templateAssetPath` strings of clip sets.
 */
import { createReadStream } from 'node:fs';
import { SceneParseError } from '../errors';
import type { LayerDependency } from './layer-dependency';
import { UsdaSyntaxError, UsdaTokenizer, type UsdaToken } from './usda-tokenizer';

interface Frame {
  open: string;
  /** The statement at the parent level that this bracket belongs to. */
  head: UsdaToken[];
}

const SPECIFIERS = new Set(['def', 'over', 'class']);
const LIST_OP_SKIPS = new Set(['delete', 'reorder']);
const CLOSE: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const MAX_DEPTH = 10_000;

/** Every path a text layer names, from a stream of its characters. */
export class UsdaScanner {
  readonly found: LayerDependency[] = [];
  private frames: Frame[] = [];
  private statement: UsdaToken[] = [];
  /** The last statement ended by a newline: a prim's or variant's `{` may open on the next line. */
  private previous: UsdaToken[] = [];

  /** Set by the reader: skips a bracket's contents in the tokenizer (see mayHoldAssets). */
  skip?: (open: string) => void;

  constructor(private readonly file: string) {}

  token(tok: UsdaToken, offset: number): void {
    if (tok.t === 'nl' || (tok.t === 'punct' && (tok.v === ';' || tok.v === ','))) {
      if (this.statement.length > 0) this.previous = this.statement;
      this.statement = [];
      return;
    }
    if (tok.t === 'punct' && (tok.v === '(' || tok.v === '[' || tok.v === '{')) {
      if (this.frames.length >= MAX_DEPTH) throw new SceneParseError(this.file, offset, `brackets nested more than ${MAX_DEPTH} deep`);
      const first = this.previous[0];
      const continues = tok.v === '{' && this.statement.length === 0 && (first?.t === 'string' || (first?.t === 'word' && SPECIFIERS.has(first.v)));
      const head = continues ? this.previous : this.statement;
      this.frames.push({ open: tok.v, head });
      this.previous = [];
      if (this.skip && !mayHoldAssets(head)) {
        this.statement = [];
        this.skip(tok.v);
        return;
      }
      this.statement = [];
      return;
    }
    if (tok.t === 'punct' && CLOSE[tok.v]) {
      const frame = this.frames.pop();
      if (!frame || frame.open !== CLOSE[tok.v]) throw new SceneParseError(this.file, offset, `an unmatched "${tok.v}"`);
      this.statement = [...frame.head, { t: 'word', v: `${frame.open}…${tok.v}` }];
      this.previous = [];
      return;
    }
    if (tok.t === 'asset') this.asset(tok.v);
    else if (tok.t === 'string') this.string(tok.v);
    this.statement.push(tok);
  }

  end(offset: number): void {
    if (this.frames.length > 0) throw new SceneParseError(this.file, offset, `the layer ends inside "${this.frames[this.frames.length - 1]!.open}" (truncated?)`);
  }

  /** The statements from the outermost level in, the current one last. */
  private chain(): UsdaToken[][] {
    return [...this.frames.map((f) => f.head), this.statement];
  }

  private asset(path: string): void {
    if (!path) return;
    const chain = this.chain();
    const keys: { key: string; stmt: UsdaToken[]; level: number }[] = [];
    chain.forEach((stmt, level) => {
      const key = assignedKey(stmt);
      if (key !== undefined && !isWord(stmt[0], 'variantSet')) keys.push({ key, stmt, level });
    });
    const prim = this.primPath();
    const arc = keys.find((k) => k.key === 'subLayers' || k.key === 'references' || k.key === 'payload');
    if (arc) {
      if (arc.stmt.some((t) => t.t === 'word' && LIST_OP_SKIPS.has(t.v))) return;
      // an asset inside an item's ( offset = …; customData = … ) block is not the arc itself
      if (this.frames.slice(arc.level).some((f) => f.open === '(')) return;
      const kind = arc.key === 'subLayers' ? 'sublayer' : arc.key === 'references' ? 'reference' : 'payload';
      this.found.push({ kind, path, prim: kind === 'sublayer' ? '/' : prim });
      return;
    }
    if (keys.some((k) => k.stmt.some((t) => t.t === 'word' && LIST_OP_SKIPS.has(t.v)))) return;
    this.found.push({ kind: 'asset', path, prim, key: keys.map((k) => k.key).join(':') });
  }

  private string(value: string): void {
    const keys = this.chain().map(assignedKey).filter((k): k is string => k !== undefined);
    const last = keys[keys.length - 1];
    if (value && (last === 'clipTemplateAssetPath' || (last === 'templateAssetPath' && keys.includes('clips')))) {
      this.found.push({ kind: 'clipTemplate', path: value, prim: this.primPath(), key: keys.join(':') });
    } else if (value && CLIP_PATH_KEYS.has(last ?? '') && keys.includes('clips')) {
      // USD wants asset-typed clip paths; some writers author string or token ones: still the clip files
      this.found.push({ kind: 'asset', path: value, prim: this.primPath(), key: keys.join(':') });
    }
  }

  /** The prim or variant the current statement belongs to (`/` for layer metadata). */
  private primPath(): string {
    let path = '';
    let variantSet: string | undefined;
    for (const frame of this.frames) {
      const head = frame.head;
      const first = head[0];
      if (first && first.t === 'word' && SPECIFIERS.has(first.v)) {
        const name = head.find((t) => t.t === 'string');
        if (name) path = `${path}/${name.v}`;
        variantSet = undefined;
      } else if (isWord(first, 'variantSet')) {
        const name = head.find((t) => t.t === 'string');
        variantSet = name?.t === 'string' ? name.v : undefined;
      } else if (variantSet !== undefined && first?.t === 'string' && frame.open !== '[') {
        if (frame.open === '{' || frame.open === '(') {
          path = `${path}{${variantSet}=${first.v}}`;
          if (frame.open === '{') variantSet = undefined;
        }
      }
    }
    return path || '/';
  }
}

const CLIP_PATH_KEYS = new Set(['assetPaths', 'manifestAssetPath']);

const isWord = (t: UsdaToken | undefined, v: string): boolean => t?.t === 'word' && t.v === v;

const NOT_A_VALUE_TYPE = new Set(['asset', 'asset[]', 'dictionary', 'prepend', 'append', 'add', 'delete', 'reorder', 'custom', 'uniform', 'varying', 'config', 'rel', 'variantSet', 'def', 'over', 'class']);

/**
 * False for the value of a typed attribute or dictionary entry of a non-asset type
 * (`point3f[] points = [`, `double2[] times = [`, `float3 xformOp:translate.timeSamples = {`):
 * such a bracket holds numbers, tokens and strings, never an asset path, and is skipped whole.
 */
function mayHoldAssets(head: UsdaToken[]): boolean {
  const n = head.length;
  if (n < 3 || !(head[n - 1]!.t === 'punct' && (head[n - 1] as { v: string }).v === '=')) return true;
  const type = head[n - 3]!;
  const name = head[n - 2]!;
  if (name.t === 'word' && CLIP_PATH_KEYS.has(name.v)) return true;
  return !(type.t === 'word' && /^[A-Za-z][A-Za-z0-9]*(\[\])?$/.test(type.v) && !NOT_A_VALUE_TYPE.has(type.v));
}

/** The name a statement assigns to (`asset[] foo = …` → foo; `"standin" = {` → standin). */
function assignedKey(stmt: UsdaToken[]): string | undefined {
  const eq = stmt.findIndex((t) => t.t === 'punct' && t.v === '=');
  if (eq < 1) return undefined;
  const before = stmt[eq - 1]!;
  return before.t === 'word' || before.t === 'string' ? before.v : undefined;
}

/** Reads a text layer from disk as a stream. */
export async function readUsdaFile(file: string, start = 0, end?: number, signal?: AbortSignal): Promise<LayerDependency[]> {
  const scanner = new UsdaScanner(file);
  const tokenizer = new UsdaTokenizer((t) => scanner.token(t, start + tokenizer.offset));
  scanner.skip = (open) => tokenizer.skipContents(open);
  let first = true;
  try {
    const stream = createReadStream(file, { encoding: 'utf8', start, ...(end !== undefined ? { end: end - 1 } : {}), highWaterMark: 256 * 1024, ...(signal ? { signal } : {}) });
    for await (const chunk of stream) {
      let text = chunk as string;
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        if (!/^#(usda|sdf)(\s|$)/.test(text.slice(0, 6))) throw new SceneParseError(file, start, 'not a USD text layer (no "#usda" header)');
        // the first line is the header, not a comment to keep
        first = false;
      }
      tokenizer.push(text);
    }
    tokenizer.end();
    scanner.end(start + tokenizer.offset);
  } catch (err) {
    if (err instanceof UsdaSyntaxError) throw new SceneParseError(file, start + err.offset, err.message);
    throw err;
  }
  if (first) throw new SceneParseError(file, start, 'the layer is empty (no "#usda" header)');
  return scanner.found;
}
