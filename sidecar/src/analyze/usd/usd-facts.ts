/**
 * A USD layer (or a MaterialX document, which USD reads as a layer) read as a referenced file of a scene (analyze/reference-readers.ts): every layer and
 * asset it needs, recursively, become references to upload (absolute, as found: the walk below has
 * resolved them the way USD does, so they are not followed again); what USD itself would not find
 * becomes a missing-file tip naming the layer and prim, damaged layers and variable expressions too.
 */
import type { FileReference, SceneFacts, SceneWarning } from '../../../../protocol/src/scene';
import { missingFileCode } from '../tips-codes';
import { computeUsdDependencies } from './dependencies';

/** "USD reference", or for a MaterialX document "MaterialX file name" / "MaterialX include" (its element path follows). */
const namer = (layer: string, kind: string): string =>
  /\.mtlx\]?$/i.test(layer) ? (kind === 'include' ? 'MaterialX include' : 'MaterialX file name') : `USD ${kind}`;

export async function readUsdAsFacts(file: string, host: SceneFacts['host'], signal?: AbortSignal): Promise<SceneFacts> {
  const r = await computeUsdDependencies(file, signal ? { signal } : {});
  const node = `usd:${file}`;
  const references: FileReference[] = [
    ...r.layers.map((p) => ({ node, parm: 'layer', path: p, kind: 'other' as const })),
    ...r.assets.map((p) => ({ node, parm: 'asset', path: p, kind: /\.(png|jpe?g|exr|tiff?|tx|tex|rat|hdr|tga)$/i.test(p) ? ('texture' as const) : ('other' as const) })),
  ];
  const code = missingFileCode(host);
  const warnings: SceneWarning[] = [
    ...r.unresolved.map((u) => ({ code, node: `${u.layer} ${u.prim}`, parm: u.kind, message: `${namer(u.layer, u.kind)} ${u.authored} named by ${u.prim} in ${u.layer} does not resolve (looked for ${u.path}).` })),
    ...r.unreadable.map((u) => ({ code, node: u.layer, message: `USD layer ${u.layer} could not be read, so what it needs is not listed: ${u.message}` })),
    ...r.needsDcc.map((n) => ({ code, node: `${n.layer} ${n.prim}`, message: `USD path ${n.path} in ${n.layer} is a variable expression: only the DCC (USD composition) can evaluate it. Analyse in the DCC or author a plain path.` })),
  ];
  return { host, source: 'static', scenePath: file, software: { name: 'USD' }, plugins: {}, renderNodes: [], cameras: [], references, variables: {}, pathMaps: [], warnings };
}
