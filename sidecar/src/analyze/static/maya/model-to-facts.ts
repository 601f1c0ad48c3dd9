/**
 * The one mapping from the Maya scene model (filled by the .ma or .mb reader) to SceneFacts.
 */
import type { SceneFacts } from '../../../../../protocol/src/scene';
import { parseMayaDirmap, type PathMapRule } from '../../resolve/path-map';
import { collectReferences } from './collect-references';
import { FILE_ATTRS } from './file-attrs';
import { cameras, globalFrames, renderLayers } from './render-layers';
import type { MayaSceneModel } from './scene-model';

const FILE_ATTR_NAMES = new Set(Object.values(FILE_ATTRS).flatMap((specs) => specs.flatMap((s) => s.names)));

/** The Maya version that saved the scene: `fileInfo "product" "Maya 2018"` first (as the old SDK). */
export function mayaVersion(model: MayaSceneModel): string | undefined {
  const product = /(\d{4}(?:\.\d+)?)/.exec(model.fileInfo.product ?? '')?.[1];
  return product ?? model.fileInfo.version ?? model.requires.maya ?? model.headerVersion;
}

function expressionWarnings(model: MayaSceneModel): void {
  for (const n of model.nodes.values()) {
    if (n.type !== 'expression') continue;
    const text = n.attrs.get('ixp') ?? n.attrs.get('expression');
    if (typeof text !== 'string') continue;
    const targets = [...text.matchAll(/\.(\w+)\s*=(?!=)/g)].map((m) => m[1]!).filter((a) => FILE_ATTR_NAMES.has(a));
    if (targets.length > 0) {
      model.warn('STATIC_NEEDS_DCC', `Expression ${n.name} sets file attribute(s) ${[...new Set(targets)].join(', ')} ` +
        'at render time; only Maya can evaluate it. Analyse the scene with Maya for the exact files.', n.name);
    }
  }
  if ((model.typeCounts.get('xgmPalette') ?? 0) > 0) {
    model.warn('STATIC_NEEDS_DCC', 'The scene has XGen collections: their .xgen files and archives are listed only by an analysis inside Maya.');
  }
}

/** `dirmap -m` entries in the scene's script nodes (run on open, before and after). */
function sceneDirmap(model: MayaSceneModel): PathMapRule[] {
  const out: PathMapRule[] = [];
  for (const n of model.nodes.values()) {
    if (n.type !== 'script') continue;
    for (const name of ['before', 'b', 'after', 'a']) {
      const text = n.attrs.get(name);
      if (typeof text === 'string') out.push(...parseMayaDirmap(text));
    }
  }
  return out;
}

/** Builds the facts of a Maya scene read statically. */
export function modelToFacts(model: MayaSceneModel, scenePath: string): SceneFacts {
  const version = mayaVersion(model);
  const plugins: Record<string, string> = {};
  for (const [name, v] of Object.entries(model.requires)) if (name !== 'maya') plugins[name] = v;
  const references = collectReferences(model);
  expressionWarnings(model);
  const facts: SceneFacts = {
    host: 'maya',
    source: 'static',
    scenePath,
    software: version === undefined ? { name: 'Maya' } : { name: 'Maya', version },
    plugins,
    frameRange: globalFrames(model),
    renderNodes: renderLayers(model, version),
    cameras: cameras(model),
    references,
    variables: {},
    pathMaps: sceneDirmap(model),
    warnings: model.warnings,
  };
  return facts;
}
