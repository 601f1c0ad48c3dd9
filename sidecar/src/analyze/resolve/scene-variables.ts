import path from 'node:path';
import type { FileReference, SceneFacts } from '../../../../protocol/src/scene';

/** The scene's own variables for token expansion (Houdini $HIP/$HIPNAME/$HIPFILE follow the current file). */
export function sceneVariables(facts: SceneFacts, scenePath: string): Record<string, string> {
  const vars: Record<string, string> = { ...facts.variables };
  const dir = path.dirname(scenePath);
  const ext = path.extname(scenePath);
  if (facts.host === 'houdini') {
    vars.HIP = dir;
    vars.HIPFILE = scenePath;
    vars.HIPNAME = path.basename(scenePath, ext);
  } else if (facts.host === 'clarisse') {
    vars.PDIR = dir;
    vars.CDIR ??= dir;
  }
  return vars;
}

/** The variables of one reference: `$OS` = its node's name; Clarisse `$CDIR` = the folder of the file naming it. */
export function referenceVariables(ref: FileReference, facts: SceneFacts, ownerDir: string, variables: Record<string, string>): Record<string, string> {
  const nodeName = ref.node.split('/').filter(Boolean).pop() ?? ref.node;
  return { OS: nodeName, ...variables, ...(facts.host === 'clarisse' && ref.definedIn ? { CDIR: ownerDir } : {}) };
}
