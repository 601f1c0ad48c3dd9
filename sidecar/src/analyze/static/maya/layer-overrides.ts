/**
 * Per-render-layer overrides, from both layer systems:
 * - legacy render layers: `connectAttr "<node>.<attr>" "<layer>.adjs[i].plg"` + `setAttr "<layer>.adjs[i].val"`;
 * - Render Setup: `renderSetupLayer X` ↔ `renderLayer rs_X` (`rs_X.msg → X.lrl`); overrides are
 *   children (through `.pls` parent links) of X's collections, with `.atr` (attribute), `.tgName`
 *   (target node, unique overrides) and `.atv` (absolute) or `.mul`/`.ofs` (relative) values.
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

/** The Render Setup layer (renderSetupLayer node) linked to each renderLayer, by renderLayer name. */
export function renderSetupLayers(model: MayaSceneModel): Map<string, MayaNode> {
  const out = new Map<string, MayaNode>();
  for (const c of model.connections) {
    const dst = splitPlug(c.dst);
    if (dst.attr !== 'lrl' && dst.attr !== 'legacyRenderLayer') continue;
    const rsLayer = model.node(dst.node);
    if (rsLayer?.type === 'renderSetupLayer') out.set(shortName(splitPlug(c.src).node), rsLayer);
  }
  return out;
}

/** Overrides of the renderLayer `layer` (with its Render Setup layer, if any). */
export function layerOverrides(model: MayaSceneModel, layer: MayaNode, rsLayer?: MayaNode): Overrides {
  const out: Overrides = new Map();
  legacyAdjustments(model, layer, out);
  if (rsLayer) renderSetupOverrides(model, rsLayer, out);
  return out;
}

function legacyAdjustments(model: MayaSceneModel, layer: MayaNode, out: Overrides): void {
  for (const c of model.connections) {
    const dst = splitPlug(c.dst);
    if (shortName(dst.node) !== layer.name) continue;
    const m = /^(?:adjs|adjustments)\[(\d+)\]\.(?:plg|plug)$/.exec(dst.attr);
    if (!m) continue;
    const i = m[1];
    const value = layer.attrs.get(`adjs[${i}].val`) ?? layer.attrs.get(`adjustments[${i}].value`);
    if (value === undefined) continue;
    const src = splitPlug(c.src);
    const target = model.node(src.node);
    const type = target?.type ?? (shortName(src.node) === 'defaultRenderGlobals' ? 'renderGlobals' : 'unknown');
    out.set(overrideKey(shortName(src.node), type, src.attr), value);
  }
}

/** Parent of each Render Setup node, from `<parent>.<list attr> → <child>.pls` connections. */
function parents(model: MayaSceneModel): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of model.connections) {
    const dst = splitPlug(c.dst);
    if (dst.attr === 'pls' || dst.attr === 'parentList') out.set(shortName(dst.node), shortName(splitPlug(c.src).node));
  }
  return out;
}

function belongsTo(parentOf: Map<string, string>, node: string, rsLayer: string): boolean {
  let cur: string | undefined = node;
  for (let depth = 0; cur !== undefined && depth < 64; depth++) {
    if (cur === rsLayer) return true;
    cur = parentOf.get(cur);
  }
  return false;
}

function renderSetupOverrides(model: MayaSceneModel, rsLayer: MayaNode, out: Overrides): void {
  const parentOf = parents(model);
  for (const o of model.nodes.values()) {
    if (!OVERRIDE_TYPES.has(o.type) || !belongsTo(parentOf, o.name, rsLayer.name)) continue;
    if (!asBool(o.attrs.get('en') ?? o.attrs.get('enabled'), true)) continue;
    const attr = o.attrs.get('atr') ?? o.attrs.get('attribute');
    if (typeof attr !== 'string' || attr === '') continue;
    const tg = o.attrs.get('tgName') ?? o.attrs.get('targetNodeName');
    const target = typeof tg === 'string' && tg !== '' ? shortName(tg) : SETTINGS_TARGET[attr];
    if (!target) {
      model.warn('STATIC_NEEDS_DCC', `Render Setup override ${o.name} sets "${attr}" on the members of a collection; ` +
        'the static reader cannot resolve collection selectors. Analyse with Maya for exact per-layer values.', o.name, attr);
      continue;
    }
    const type = model.node(target)?.type ?? (target === 'defaultRenderGlobals' ? 'renderGlobals' : target === 'defaultResolution' ? 'resolution' : 'unknown');
    const key = `${target}.${longName(type, attr)}`;
    const value = overrideValue(model, o, target, type, longName(type, attr), out);
    if (value !== undefined) out.set(key, value);
  }
}

function overrideValue(model: MayaSceneModel, o: MayaNode, target: string, type: string, long: string, current: Overrides): AttrValue | undefined {
  if (o.type.startsWith('abs')) return o.attrs.get('atv') ?? o.attrs.get('attrValue');
  const base = asNumber(lookup(model, target, type, long, current), NaN);
  const mul = asNumber(o.attrs.get('mul') ?? o.attrs.get('multiply'), 1);
  const ofs = asNumber(o.attrs.get('ofs') ?? o.attrs.get('offset'), 0);
  return Number.isFinite(base) ? base * mul + ofs : undefined;
}
