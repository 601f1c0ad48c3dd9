import { applyModifiers } from '../../../tokens/substitute';
import { HscriptError } from './errors';
import { callFunction } from './functions';
import { resolveNodePath, splitParmRef } from './node-paths';
import { parseExpr, type Ast } from './parse-expr';
import { scanParmString, type Segment } from './parm-string';
import type { ChannelInfo, HscriptScene, ParmSlot } from './scene';
import { concrete, formatNumber, isFrame, isStr, mergeParts, str, text, toGrammar, toParts, type Part, type Value } from './values';

/** Channel references followed before giving up (real scenes use a handful). */
export const MAX_HOPS = 24;
/** Expression nodes and parm lookups per evaluated value: bounds the work whatever the scene holds. */
export const MAX_STEPS = 20_000;

/** Houdini's time variables: $F/$SF are frames, $FF/$T/$ST fractional; $F2…$F99 padded frames. */
function frameVariable(name: string): { pad: number; float: boolean } | undefined {
  if (name === 'F' || name === 'SF') return { pad: 0, float: false };
  if (name === 'FF' || name === 'T' || name === 'ST') return { pad: 0, float: true };
  const m = /^F([1-9]\d?)$/.exec(name);
  return m ? { pad: Number(m[1]), float: false } : undefined;
}

const KEYFRAME_FUNCTIONS = /^(bezier|linear|spline|constant|cubic|ease|easein|easeout|easep|easeinp|easeoutp|qlinear|quintic|match|matchin|matchout|vmatch|vmatchin|vmatchout|repeat|cycle)\(\)$/;

/**
 * The static HScript evaluator (one per scene read). It expands string parms the way Houdini
 * does — backtick expressions evaluated, `$OS` replaced by the node's name — and follows channel
 * references (chs/ch/chsop) from node to node with relative or absolute paths. The frame stays
 * symbolic, so `padzero(4, $F)` becomes a frame token of width 4; other scene variables stay
 * `$HIP`, `$JOB` … for the token grammar. Every failure is an HscriptError; results and errors of
 * each parm are remembered, so shared references are evaluated once and cycles end at once.
 */
export class HscriptEvaluator {
  private readonly memo = new Map<string, Value | HscriptError>();
  private readonly active: string[] = [];
  private steps = 0;

  constructor(readonly scene: HscriptScene) {}

  /**
   * The value of string parm `parm` of `node` (its stored text, or the channel driving it),
   * evaluated, in the token grammar. Throws HscriptError.
   */
  parm(node: string, parm: string, slot: ParmSlot): string {
    return this.top(() => toGrammar(toParts(this.parmValue(node, parm, slot, 'str'))));
  }

  /** A stored string value in the context of `node` (not a parm of the scene: tests, fuzzing). */
  parmString(node: string, raw: string): string {
    return this.top(() => toGrammar(this.expand(node, raw, true)));
  }

  /** One expression in the context of `node` (for tests and the fuzz suite). */
  expression(node: string, src: string): Value {
    return this.top(() => this.evalSource(node, src));
  }

  private top<T>(run: () => T): T {
    if (this.active.length === 0) this.steps = 0;
    try {
      return run();
    } catch (err) {
      if (err instanceof HscriptError) throw err;
      // A bug or an engine limit must not escape as a crash: it is one more reason to ask the DCC.
      if (err instanceof RangeError) throw new HscriptError('limit', `the evaluator ran out of room (${err.message})`);
      throw err;
    }
  }

  /** Counts work; past MAX_STEPS the value is given up. */
  tick(): void {
    this.steps += 1;
    if (this.steps > MAX_STEPS) throw new HscriptError('limit', `more than ${MAX_STEPS} evaluation steps`);
  }

  /** Expands a string the way a string parm is read; backticks only when `backticks`. */
  expand(node: string, raw: string, backticks: boolean): Part[] {
    const parts: Part[] = [];
    for (const seg of scanParmString(raw)) {
      this.tick();
      if ('text' in seg) parts.push({ text: seg.text });
      else if ('expr' in seg) parts.push(...(backticks ? toParts(this.evalSource(node, seg.expr)) : [{ text: '`' + seg.expr + '`' }]));
      else parts.push(...this.variableParts(node, seg));
    }
    return mergeParts(parts);
  }

  private variableParts(node: string, seg: Extract<Segment, { variable: string }>): Part[] {
    const { variable: name, modifiers } = seg;
    if (name === 'OS') return [{ text: applyModifiers(node.split('/').filter(Boolean).pop() ?? '', modifiers) }];
    const frame = frameVariable(name);
    if (frame) return [{ frame }];
    const n = this.scene.numbers[name];
    if (n !== undefined) return [{ text: formatNumber(n) }];
    if (!modifiers) return [{ variable: name }];
    const value = this.scene.variable(name);
    return [{ text: value === undefined ? seg.raw : applyModifiers(value, modifiers) }];
  }

  private evalSource(node: string, src: string): Value {
    if (/^\s*$/.test(src)) return text('');
    return this.eval(node, parseExpr(src));
  }

  /** The text of a value whose every part is known (paths of nodes and parms, strreplace …). */
  textOf(v: Value, what: string): string {
    if (typeof v === 'number') return formatNumber(v);
    if (isFrame(v)) throw new HscriptError('frame', `${what} depends on the frame`);
    return concrete(v.parts, (name) => this.scene.variable(name), what);
  }

  /** A value as a number: numeric text converts, a symbolic frame stays symbolic. */
  numberOf(v: Value, what: string): number | Extract<Value, { kind: 'frame' }> {
    if (typeof v === 'number' || isFrame(v)) return v;
    const t = this.textOf(v, what).trim();
    const n = Number(t);
    if (t === '' || !Number.isFinite(n)) throw new HscriptError('type', `${what} is the text "${t.slice(0, 80)}", not a number`);
    return n;
  }

  eval(node: string, ast: Ast): Value {
    this.tick();
    switch (ast.k) {
      case 'num':
        return ast.v;
      case 'str':
        return ast.expand ? str(...this.expand(node, ast.v, false)) : text(ast.v);
      case 'var': {
        if (ast.name === 'OS') return text(node.split('/').filter(Boolean).pop() ?? '');
        const frame = frameVariable(ast.name);
        if (frame) return frame.pad > 0 ? str({ frame }) : { kind: 'frame', float: frame.float };
        const n = this.scene.numbers[ast.name];
        return n !== undefined ? n : str({ variable: ast.name });
      }
      case 'call':
        return callFunction(this, node, ast.name, ast.args);
      case 'unary': {
        const a = this.eval(node, ast.a);
        if (ast.op === '!') return this.truth(a, 'the operand of !') ? 0 : 1;
        const n = this.numberOf(a, `the operand of ${ast.op}`);
        return typeof n === 'number' ? (ast.op === '-' ? -n : n) : n;
      }
      case 'binary':
        return this.binary(node, ast.op, ast.a, ast.b);
    }
  }

  /** A condition: numbers are true when not 0, strings when not empty; the frame is unknown. */
  truth(v: Value, what: string): boolean {
    if (typeof v === 'number') return v !== 0;
    if (isFrame(v)) throw new HscriptError('frame', `${what} depends on the frame`);
    return this.textOf(v, what) !== '';
  }

  private binary(node: string, op: string, aAst: Ast, bAst: Ast): Value {
    if (op === '&&' || op === '||') {
      const a = this.truth(this.eval(node, aAst), `the operand of ${op}`);
      if (op === '&&' ? !a : a) return a ? 1 : 0;
      return this.truth(this.eval(node, bAst), `the operand of ${op}`) ? 1 : 0;
    }
    const a = this.eval(node, aAst);
    const b = this.eval(node, bAst);
    if (op === '+' && (isStr(a) || isStr(b))) return str(...toParts(a), ...toParts(b));
    if (['==', '!=', '<', '>', '<=', '>='].includes(op)) return this.compare(op, a, b);
    const x = this.numberOf(a, `the left side of ${op}`);
    const y = this.numberOf(b, `the right side of ${op}`);
    if (typeof x !== 'number' || typeof y !== 'number') {
      // Any arithmetic on the frame is still "some frame": the pattern is the same.
      const float = (isFrame(x) && x.float) || (isFrame(y) && y.float) || op === '/' || op === '^' ||
        (typeof x === 'number' && !Number.isInteger(x)) || (typeof y === 'number' && !Number.isInteger(y));
      return { kind: 'frame', float };
    }
    let r: number;
    if (op === '+') r = x + y;
    else if (op === '-') r = x - y;
    else if (op === '*') r = x * y;
    else if (op === '/' || op === '%') {
      if (y === 0) throw new HscriptError('type', `a division by zero`);
      r = op === '/' ? x / y : x % y;
    } else r = x ** y;
    if (!Number.isFinite(r)) throw new HscriptError('type', `the arithmetic gives ${r}`);
    return r;
  }

  private compare(op: string, a: Value, b: Value): number {
    if (isFrame(a) || isFrame(b)) throw new HscriptError('frame', `a comparison with the frame`);
    let x: number | string;
    let y: number | string;
    if (typeof a === 'number' && typeof b === 'number') [x, y] = [a, b];
    else [x, y] = [this.textOf(a, 'a compared value'), this.textOf(b, 'a compared value')];
    const r = op === '==' ? x === y : op === '!=' ? x !== y : op === '<' ? x < y : op === '>' ? x > y : op === '<=' ? x <= y : x >= y;
    return r ? 1 : 0;
  }

  /** The node a path argument names from `node`; a missing node is an error. */
  nodeAt(node: string, rel: string): string {
    if (rel.trim() === '') throw new HscriptError('missing', `an empty node path (from ${node})`);
    const target = resolveNodePath(node, rel);
    if (target === undefined) throw new HscriptError('missing', `the node path "${rel}" climbs above / from ${node}`);
    if (!this.scene.hasNode(target)) throw new HscriptError('missing', `no node ${target} ("${rel}" from ${node})`);
    return target;
  }

  /** The value of a referenced parm (`chs` mode 'str', `ch` mode 'num'), following its own references. */
  reference(node: string, ref: string, mode: 'str' | 'num' | 'raw'): { value: Value; node: string } {
    const { node: rel, parm } = splitParmRef(ref);
    const target = this.nodeAt(node, rel);
    const slot = parm ? this.scene.parm(target, parm) : undefined;
    if (!slot) throw new HscriptError('missing', `${target} has no parm "${parm}"`);
    if (mode === 'raw') {
      if (slot.channel) throw new HscriptError('unsupported', `chsraw() of ${target}/${parm}, which a channel drives`);
      return { value: text(slot.text), node: target };
    }
    return { value: this.parmValue(target, parm, slot, mode), node: target };
  }

  private parmValue(node: string, parm: string, slot: ParmSlot, mode: 'str' | 'num'): Value {
    const key = `${node}/${parm}`;
    const memoKey = `${mode}\0${key}`;
    const known = this.memo.get(memoKey);
    if (known instanceof HscriptError) throw known;
    if (known !== undefined) return known;
    const at = this.active.indexOf(key);
    if (at >= 0) throw new HscriptError('cycle', `channel references form a cycle: ${[...this.active.slice(at), key].join(' → ')}`);
    if (this.active.length >= MAX_HOPS) throw new HscriptError('limit', `more than ${MAX_HOPS} channel references in a row`);
    this.tick();
    this.active.push(key);
    try {
      const value = slot.channel ? this.channel(node, slot.channel, slot.text, mode)
        : mode === 'str' ? str(...this.expand(node, slot.text, true)) : this.slotNumber(slot.text, key);
      this.memo.set(memoKey, value);
      return value;
    } catch (err) {
      // Bounds depend on where the walk started; anything else is a fact about this parm.
      if (err instanceof HscriptError && err.failure !== 'limit') this.memo.set(memoKey, err);
      throw err;
    } finally {
      this.active.pop();
    }
  }

  private slotNumber(stored: string, key: string): number {
    const t = stored.trim();
    if (t === 'on') return 1;
    if (t === 'off' || t === '') return 0;
    const n = Number(t);
    if (!Number.isFinite(n)) throw new HscriptError('type', `ch() of ${key}, which holds the text "${t.slice(0, 80)}"`);
    return n;
  }

  private channel(node: string, ch: ChannelInfo, cached: string, mode: 'str' | 'num'): Value {
    if (ch.language === 'python') throw new HscriptError('python', 'a Python expression (a channel in language python)');
    const expr = ch.expr?.trim();
    if (!expr || KEYFRAME_FUNCTIONS.test(expr)) {
      if (ch.animated) throw new HscriptError('frame', 'a keyframed channel: its value changes over time');
      return mode === 'str' ? text(cached) : this.slotNumber(cached, node);
    }
    if (ch.animated) throw new HscriptError('frame', 'a channel animated over time');
    const v = this.evalSource(node, expr);
    return mode === 'num' ? this.numberOf(v, `the channel of ${node}`) : v;
  }
}
