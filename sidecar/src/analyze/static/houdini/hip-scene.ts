import path from 'node:path';
import type { HipModel, HipNode } from './hip-model';
import type { HscriptScene, ParmSlot } from './hscript/scene';
import { parseParms, type ParmMap } from './parm-parser';
import { sceneVariables } from './references';

const COMPONENT = /^(.*?)(?:(\d+)|([xyzw]))$/;
const XYZW = 'xyzw';

/**
 * The evaluator's view of a .hip model: parms by Houdini's component names (`file`, `res1`, `tx`),
 * read from the pruned parms or, for parms the reader dropped, from the kept `.parm` text
 * (parsed once per node, on first use); inputs from `.def`; variables as Houdini sets them on
 * load ($HIP, $HIPNAME, $HIPFILE follow the scene's current place), then the environment.
 */
export function hipScene(model: HipModel, scenePath: string): HscriptScene {
  const full = new Map<string, ParmMap>();
  const parmsOf = (node: HipNode, name: string): ParmMap | undefined => {
    if (node.parms?.has(name) || !node.parmText) return node.parms;
    let map = full.get(node.path);
    if (!map) {
      map = parseParms(node.parmText);
      full.set(node.path, map);
    }
    return map;
  };
  const lookup = (node: HipNode, name: string): ParmSlot | undefined => {
    const exact = parmsOf(node, name)?.get(name);
    let value = exact?.[0];
    if (!value) {
      const m = COMPONENT.exec(name);
      const base = m?.[1] ? parmsOf(node, m[1])?.get(m[1]) : undefined;
      const index = m?.[2] ? Number(m[2]) - 1 : m?.[3] ? XYZW.indexOf(m[3]) : -1;
      if (base && index >= 0) value = base[index];
    }
    if (!value) return undefined;
    const channel = value.channel ? node.channels?.get(value.channel) : undefined;
    return channel ? { text: value.text, channel } : { text: value.text };
  };

  const vars: Record<string, string> = {
    ...sceneVariables(model, scenePath),
    HIP: path.dirname(scenePath),
    HIPFILE: scenePath,
    HIPNAME: path.basename(scenePath, path.extname(scenePath)),
  };
  const variable = (name: string, depth = 0): string | undefined => {
    const value = Object.prototype.hasOwnProperty.call(vars, name) ? vars[name] : process.env[name];
    if (value === undefined || depth > 8) return undefined;
    // Values may use other variables ($TEXROOT = '$HIP/tex'); a name without a value stays as written.
    return value.replace(/\$(?:\{([A-Za-z_]\w*)\}|([A-Za-z_]\w*))/g, (all, a?: string, b?: string) => variable((a ?? b)!, depth + 1) ?? all);
  };

  // Nodes inside a locked asset are saved only when edited: their parents exist without entries.
  const ancestors = new Set<string>();
  for (const p of model.nodes.keys()) {
    for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) ancestors.add(p.slice(0, i));
  }
  const { start } = model;
  return {
    hasNode: (p) => model.nodes.has(p) || ancestors.has(p) || p === '/',
    parm: (p, name) => {
      const node = model.nodes.get(p);
      return node ? lookup(node, name) : undefined;
    },
    input: (p, index) => {
      const name = model.nodes.get(p)?.inputs?.[index];
      if (!name) return '';
      const parent = p.slice(0, p.lastIndexOf('/'));
      return `${parent}/${name}`;
    },
    variable: (name) => variable(name),
    numbers: {
      FSTART: start.fstart, FEND: start.fend, RFSTART: start.fstart, RFEND: start.fend, FPS: start.fps, NFRAMES: start.fend - start.fstart + 1,
    },
  };
}
