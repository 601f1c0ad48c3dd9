import type { SceneWarning } from '../../../../../protocol/src/scene';
import { TIPS } from '../../tips-codes';
import type { HipModel, HipNode } from './hip-model';
import { MAIN_TAKE, takeChain, type TakeData } from './takes';

/** The take a ROP renders with: its `take` parm, `_current_` (the default) meaning the scene's current take. */
export function ropTakeName(model: HipModel, node: HipNode): string {
  const parm = node.parms?.get('take')?.[0]?.text;
  if (parm && parm !== '_current_') return parm;
  return model.variables.ACTIVETAKE || MAIN_TAKE;
}

/**
 * A node as a take sees it: the parms and bypass flag the take (or a take above it) sets replace the
 * stored ones; the stored `.parm` values stand for everything no take in the chain includes.
 */
export function nodeUnderTake(node: HipNode | undefined, chain: readonly TakeData[]): HipNode | undefined {
  if (!node || chain.length === 0) return node;
  let parms = node.parms;
  let bypass = node.bypass;
  // Outermost (Main) first, so the take's own values win.
  for (const take of [...chain].reverse()) {
    const set = take.parms.get(node.path);
    if (set) {
      parms = new Map(parms ?? []);
      for (const [name, values] of set) parms.set(name, values);
    }
    const flag = take.bypass.get(node.path);
    if (flag !== undefined) bypass = flag;
  }
  return parms === node.parms && bypass === node.bypass ? node : { ...node, ...(parms ? { parms } : {}), bypass };
}

/**
 * The take chain a ROP renders with, and a warning when the take is not in the scene or holds data
 * the reader cannot interpret (its values then need the DCC). Main, or a scene without `.takes`, is [].
 */
export function ropTakeChain(model: HipModel, node: HipNode, warnings: SceneWarning[]): { name: string; chain: TakeData[] } {
  const name = ropTakeName(model, node);
  if (name === MAIN_TAKE && !model.takes.get(MAIN_TAKE)?.parms.size) return { name, chain: [] };
  const chain = takeChain(model.takes, name);
  if (chain.length === 0) {
    warnings.push({
      code: TIPS.houdiniTake,
      message: `${node.path} renders with the take "${name}", which the scene does not hold; its frames, output and camera are read as stored. Check the ROP's take parm.`,
      node: node.path, parm: 'take',
    });
  }
  const unreadable = chain.find((t) => t.unreadable);
  if (unreadable) {
    warnings.push({
      code: TIPS.houdiniTake,
      message: `${node.path} renders with the take "${name}"; the take "${unreadable.name}" holds data the static reader does not understand ("${unreadable.unreadable}"), so the values it sets need the DCC: analyse with mode "batch" where Houdini is installed.`,
      node: node.path, parm: 'take',
    });
  }
  return { name, chain };
}
