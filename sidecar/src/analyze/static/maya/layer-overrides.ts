/**
 * Per-render-layer overrides, from both layer systems:
 * - legacy render layers: `connectAttr "<node>.<attr>" "<layer>.adjs[i].plg"` + `setAttr "<layer>.adjs[i].val"`;
 * - Render Setup: `renderSetupLayer X` ↔ `renderLayer rs_X` (`rs_X.msg → X.lrl`); overrides are
 *   children (through `.pls` parent links) of X's collections, with `.atr` (attribute), `.tgName`
 *   (target node, unique overrides) and `.atv` (absolute) or `.mul`/`.ofs` (relative) values.
 * The connections are indexed once (OverrideIndex), so many layers cost no more than one pass each.
 * Overrides the static reader cannot resolve (selector-driven ones on cameras) become warnings.
 */
import { asBool, asNumber, lookup, overrideKey, type Overrides } from './attr-lookup';
import { longName } from './attr-names';
import { splitPlug, shortName, type AttrValue, type MayaNode, type MayaSceneModel } from './scene-model';

const OVERRIDE_TYPES = new Set(['absOverride', 'absUniqueOverride', 'relOverride', 'relUniqueOverride']);
/** Render-settings attributes an override without a target node applies to. */
const SETTINGS_TARGET: Record<string, string> = {
  startFrame: 'defaultRenderGlobals', endFrame: 'defaultRenderGlobals', byFrameStep: 'defaultRenderGlobals',
  currentRenderer: 'defaultRenderGlobals', imageFilePrefix: 'defaultRenderGlobals', animation: 'defaultRenderGlobals',
  modifyExtension: 'defaultRenderGlobals', imageFormat: 'defaultRenderGlobals', width: 'defaultResolution',
  height: 'defaultResolution',
};
const ADJUSTMENT = /^(?:adjs|adjustments)\[(\d+)\]\.(?:plg|plug)$/;
const MAX_RS_DEPTH = 64;

interface Adjustment {
  index: string;
  src: string;
}

/** Layer links and overrides of a scene, indexed once. */
export class OverrideIndex {
  /** renderLayer name → its Render Setup layer. */
  readonly rsLayerOf = new Map<string, MayaNode>();
  private readonly adjustments = new Map<string, Adjustment[]>();
  /** Render Setup layer name → its overrides. */
  private readonly rsOverrides = new Map<string, MayaNode[]>();

  constructor(private readonly model: MayaSceneModel) {
    const parentOf = new Map<string, string>();
    for (const c of model.connections) {
      const dst = splitPlug(c.dst);
      const dstNode = shortName(dst.node);
      if (dst.attr === 'lrl' || dst.attr === 'legacyRenderLayer') {
        const rsLayer = model.node(dst.node);
        if (rsLayer?.type === 'renderSetupLayer') this.rsLayerOf.set(shortName(splitPlug(c.src).node), rsLayer);
      } else if (dst.attr === 'pls' || dst.attr === 'parentList') {
        parentOf.set(dstNode, shortName(splitPlug(c.src).node));
      } else {
        const m = ADJUSTMENT.exec(dst.attr);
        if (m) push(this.adjustments, dstNode, { index: m[1]!, src: c.src });
      }
    }
    for (const o of model.nodes.values()) {
      if (!OVERRIDE_TYPES.has(o.type)) continue;
      let cur: string | undefined = parentOf.get(o.name);
      for (let depth = 0; cur !== undefined && depth < MAX_RS_DEPTH; depth++) {
        if (model.node(cur)?.type === 'renderSetupLayer') { push(this.rsOverrides, cur, o); break; }
        cur = parentOf.get(cur);
      }
    }
  }

  /** Overrides of the renderLayer `layer` (with its Render Setup layer, if any). */
  overridesOf(layer: MayaNode): Overrides {
    const out: Overrides = new Map();
    this.legacy(layer, out);
    const rs = this.rsLayerOf.get(layer.name);
    if (rs) for (const o of this.rsOverrides.get(rs.name) ?? []) this.renderSetup(o, out);
    return out;
  }

  private legacy(layer: MayaNode, out: Overrides): void {
    for (const { index, src: plug } of this.adjustments.get(layer.name) ?? []) {
      const value = layer.attrs.get(`adjs[${index}].val`) ?? layer.attrs.get(`adjustments[${index}].value`);
      if (value === undefined) continue;
      const src = splitPlug(plug);
      const target = this.model.node(src.node);
      const type = target?.type ?? (shortName(src.node) === 'defaultRenderGlobals' ? 'renderGlobals' : 'unknown');
      out.set(overrideKey(shortName(src.node), type, src.attr), value);
    }
  }

  private renderSetup(o: MayaNode, out: Overrides): void {
    if (!asBool(o.attrs.get('en') ?? o.attrs.get('enabled'), true)) return;
    const attr = o.attrs.get('atr') ?? o.attrs.get('attribute');
    if (typeof attr !== 'string' || attr === '') return;
    const tg = o.attrs.get('tgName') ?? o.attrs.get('targetNodeName');
    const target = typeof tg === 'string' && tg !== '' ? shortName(tg) : SETTINGS_TARGET[attr];
    if (!target) {
      this.model.warn('STATIC_NEEDS_DCC', `Render Setup override ${o.name} sets "${attr}" on the members of a collection; ` +
        'the static reader cannot resolve collection selectors. Analyse with Maya for exact per-layer values.', o.name, attr);
      return;
    }
    const type = this.model.node(target)?.type ?? (target === 'defaultRenderGlobals' ? 'renderGlobals' : target === 'defaultResolution' ? 'resolution' : 'unknown');
    const long = longName(type, attr);
    const value = this.value(o, target, type, long, out);
    if (value !== undefined) out.set(`${target}.${long}`, value);
  }

  private value(o: MayaNode, target: string, type: string, long: string, current: Overrides): AttrValue | undefined {
    if (o.type.startsWith('abs')) return o.attrs.get('atv') ?? o.attrs.get('attrValue');
    const base = asNumber(lookup(this.model, target, type, long, current), NaN);
    const mul = asNumber(o.attrs.get('mul') ?? o.attrs.get('multiply'), 1);
    const ofs = asNumber(o.attrs.get('ofs') ?? o.attrs.get('offset'), 0);
    return Number.isFinite(base) ? base * mul + ofs : undefined;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
