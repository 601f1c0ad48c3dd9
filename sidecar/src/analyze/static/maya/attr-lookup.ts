/**
 * Reads an attribute of a model node by its long name, with a per-layer override map on top and
 * Maya's default when the file does not store the value (only non-default values are saved).
 */
import { longName, namesOf } from './attr-names';
import type { AttrValue, MayaNode, MayaSceneModel } from './scene-model';

/** Overrides of one render layer: `<node>.<long attr>` → value. */
export type Overrides = Map<string, AttrValue>;

/** The key of an override in a layer's Overrides map: `<node>.<long attr>`. */
export function overrideKey(node: string, type: string, attr: string): string {
  return `${node}.${longName(type, attr)}`;
}

/** The value of `node.long` (override first, then stored value), or undefined. */
export function lookup(model: MayaSceneModel, nodeName: string, type: string, long: string, overrides?: Overrides): AttrValue | undefined {
  const o = overrides?.get(`${nodeName}.${long}`);
  if (o !== undefined) return o;
  const node: MayaNode | undefined = model.node(nodeName);
  if (!node) return undefined;
  for (const n of namesOf(type, long)) {
    const v = node.attrs.get(n);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A stored value as a number (booleans as 0/1), or `fallback`. */
export function asNumber(v: AttrValue | undefined, fallback: number): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return fallback;
}

/** A stored value as a boolean (yes/on/true/1), or `fallback`. */
export function asBool(v: AttrValue | undefined, fallback: boolean): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return /^(1|yes|true|on)$/i.test(v);
  return fallback;
}

/** A stored value as a string (first of an array), or undefined. */
export function asString(v: AttrValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v[0];
  return undefined;
}
