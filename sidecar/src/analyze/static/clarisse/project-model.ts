/**
 * The structure of a Clarisse project: contexts, objects (`ClassName { name "…" … }`), objects
 * embedded in others (`embedded_objects { … }`), attributes (`name value …`, or a sub-block
 * `attr { value …; texture … }`). `#preferences { … }` (UI state, playblast paths) is skipped.
 */
import type { ProjectEvents, ProjectToken } from './project-tokenizer';

/** One item (`Class { name … }`). */
export interface ClarisseObject {
  cls: string;
  name?: string;
  /** Context path without the scheme: `scene`, `scene/sub`, or '' for the root. */
  context: string;
  /** The object this one is embedded in. */
  parent?: ClarisseObject;
  /** Attribute → values (at most MAX_VALUES; quoted flag kept per value). */
  attrs: Map<string, ProjectToken[]>;
  /** Cached item path (item-paths.ts). */
  path?: string;
  /** Attributes driven by an expression (`attr { value …; expression "…" }`): only Clarisse knows them. */
  expressions?: Set<string>;
}

/** One context (`Context "name" { … }`). */
export interface ClarisseContext {
  path: string;
  /** A context's own attributes (`filename` makes it a reference context). */
  attrs: Map<string, ProjectToken[]>;
}

const MAX_VALUES = 16;
const MAX_OBJECTS = 1_000_000;
/** Blocks nested deeper are skipped: real projects nest a few levels; a damaged file could nest millions. */
const MAX_DEPTH = 256;

/** One open block; `ctx` is the context path inside it (kept per frame: deep nesting stays linear). */
type Frame = { ctx: string } & (
  | { kind: 'context'; ctx: string; context: ClarisseContext }
  | { kind: 'object'; obj: ClarisseObject }
  | { kind: 'embedded'; owner: ClarisseObject | undefined }
  | { kind: 'attr'; owner: ClarisseObject | ClarisseContext; name: string }
  | { kind: 'skip' }
);

/** Builds the object list from tokenizer events. */
export class ProjectModel implements ProjectEvents {
  header: Record<string, string> = {};
  objects: ClarisseObject[] = [];
  contexts: ClarisseContext[] = [];
  /** Unbalanced braces (extra `}`) or blocks left open at the end of the file. */
  unbalanced = 0;
  private stack: Frame[] = [];

  private context(): string {
    return this.top()?.ctx ?? '';
  }

  private top(): Frame | undefined {
    return this.stack[this.stack.length - 1];
  }

  get depth(): number {
    return this.stack.length;
  }

  open(header: ProjectToken[]): void {
    const top = this.top();
    const ctx = this.context();
    const first = header[0];
    if (!first || top?.kind === 'skip' || top?.kind === 'attr' || this.stack.length >= MAX_DEPTH) {
      this.stack.push({ kind: 'skip', ctx });
      return;
    }
    const word = first.text;
    if (!first.quoted && word === 'Context' && header[1]) {
      const context: ClarisseContext = { path: ctx ? `${ctx}/${header[1].text}` : header[1].text, attrs: new Map() };
      this.contexts.push(context);
      this.stack.push({ kind: 'context', ctx: context.path, context });
      return;
    }
    if (word.startsWith('#')) { this.stack.push({ kind: 'skip', ctx }); return; }
    if (word === 'embedded_objects') {
      this.stack.push({ kind: 'embedded', ctx, owner: top?.kind === 'object' ? top.obj : undefined });
      return;
    }
    if (/^[A-Z]/.test(word) && (top === undefined || top.kind === 'context' || top.kind === 'embedded')) {
      if (this.objects.length >= MAX_OBJECTS) { this.stack.push({ kind: 'skip', ctx }); return; }
      const obj: ClarisseObject = { cls: word, context: ctx, attrs: new Map() };
      if (top?.kind === 'embedded' && top.owner) obj.parent = top.owner;
      this.objects.push(obj);
      this.stack.push({ kind: 'object', ctx, obj });
      return;
    }
    if (top?.kind === 'object') { this.stack.push({ kind: 'attr', ctx, owner: top.obj, name: word }); return; }
    if (top?.kind === 'context') { this.stack.push({ kind: 'attr', ctx, owner: top.context, name: word }); return; }
    this.stack.push({ kind: 'skip', ctx });
  }

  line(tokens: ProjectToken[]): void {
    const top = this.top();
    const first = tokens[0]!;
    if (!top) {
      if (!first.quoted && first.text.startsWith('#')) this.header[first.text.slice(1)] = tokens.slice(1).map((t) => t.text).join(' ');
      return;
    }
    if (top.kind === 'context' && /^#(reference|filename)$/.test(first.text) && tokens[1]?.quoted) {
      top.context.attrs.set('filename', tokens.slice(1, 2)); // reference metadata written on the context
      return;
    }
    if (first.quoted || first.text.startsWith('#')) return;
    const values = tokens.slice(1, 1 + MAX_VALUES);
    if (top.kind === 'object') {
      if (first.text === 'name' && values[0]) top.obj.name = values[0].text;
      else top.obj.attrs.set(first.text, values);
    } else if (top.kind === 'context') {
      top.context.attrs.set(first.text, values);
    } else if (top.kind === 'attr' && first.text === 'value') {
      top.owner.attrs.set(top.name, values);
    } else if (top.kind === 'attr' && first.text === 'expression' && 'cls' in top.owner) {
      (top.owner.expressions ??= new Set()).add(top.name);
    }
  }

  close(): void {
    if (this.stack.length === 0) { this.unbalanced++; return; }
    this.stack.pop();
  }
}
