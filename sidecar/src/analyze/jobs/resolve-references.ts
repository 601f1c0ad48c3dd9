import { constants, existsSync } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import path from 'node:path';
import type { FileReference, SceneFacts } from '../../../../protocol/src/scene';
import { addTip } from '../../jobfiles/write';
import type { TipsJson } from '../../jobfiles/types';
import { missingFileCode } from '../tips-codes';
import { expandReference, type ExpandedReference } from '../tokens';

export interface ResolvedAsset {
  /** Absolute local path (as the file system returned it). */
  file: string;
  size: number;
  mtimeMs: number;
}

export interface ResolvedReferences {
  /** Each needed file once, in the order first referenced. */
  assets: ResolvedAsset[];
  /** Display form of each reference that named no existing file. */
  missing: string[];
  tips: TipsJson;
}

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

/** The nearest folder at or above `dir` holding a workspace.mel (a Maya project root). */
function findMayaProject(dir: string): string | undefined {
  for (let d = dir, i = 0; i < 64; i += 1) {
    if (existsSync(path.join(d, 'workspace.mel'))) return d;
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
  return undefined;
}

/**
 * Folder relative references resolve against: for Maya the project (facts variable PROJECT, e.g.
 * input_project_path, else the nearest workspace.mel above the scene), else the scene's folder.
 */
export function baseDirOf(facts: SceneFacts, scenePath: string): string {
  const v = facts.variables;
  if (facts.host !== 'maya') return path.dirname(scenePath);
  const project = v.PROJECT ?? v.project ?? v.workspace;
  if (project && path.isAbsolute(project)) return project;
  return findMayaProject(path.dirname(scenePath)) ?? path.dirname(scenePath);
}

function missingMessage(facts: SceneFacts, ref: FileReference, expanded: ExpandedReference, why: string): string {
  if (facts.host === 'houdini') {
    return `Nodes: ${ref.node}  Parm: ${ref.parm}  File name: ${ref.path}  miss file: ${expanded.display}${why ? `  (${why})` : ''}`;
  }
  return `Reference file not found: ${expanded.display} (node ${ref.node}, attribute ${ref.parm}, raw ${ref.path})${why ? ` (${why})` : ''}`;
}

/**
 * Expands every reference of the facts to existing files (one token grammar for all hosts); files
 * that exist become assets (each once), the rest become missing-file tips with node and parm.
 */
export async function resolveReferences(facts: SceneFacts, scenePath: string, signal?: AbortSignal): Promise<ResolvedReferences> {
  const variables = sceneVariables(facts, scenePath);
  const baseDir = baseDirOf(facts, scenePath);
  const seen = new Set<string>();
  const out: ResolvedReferences = { assets: [], missing: [], tips: {} };
  const code = missingFileCode(facts.host);
  const listings = new Map<string, Promise<string[]>>();
  for (const ref of facts.references) {
    if (signal?.aborted) break;
    const nodeName = ref.node.split('/').filter(Boolean).pop() ?? ref.node;
    const ctx = { variables: { OS: nodeName, ...variables }, baseDir, sequence: ref.sequence === true, listings };
    let expanded = await expandReference(ref.path, ctx);
    if (expanded.files.length === 0 && ref.evaluated) {
      const evaluated = await expandReference(ref.evaluated, ctx);
      // An expression the reader evaluated: its value is what is missing, not the expression.
      if (evaluated.files.length > 0 || expanded.needsDcc) expanded = evaluated;
    }
    if (expanded.files.length === 0) {
      const why = expanded.unresolved.length
        ? `variable ${expanded.unresolved.map((v) => '$' + v).join(', ')} has no value`
        : expanded.problem ?? (ref.needsDcc ? 'expression needs the DCC to evaluate' : '');
      if (!out.missing.includes(expanded.display)) out.missing.push(expanded.display);
      addTip(out.tips, code, missingMessage(facts, ref, expanded, why));
      continue;
    }
    for (const file of expanded.files) {
      const key = file.replace(/\\/g, '/');
      if (seen.has(key)) continue;
      seen.add(key);
      const info = await stat(file).catch(() => undefined);
      const readable = info ? await access(file, constants.R_OK).then(() => true, () => false) : false;
      if (!info || !readable) {
        addTip(out.tips, code, missingMessage(facts, ref, { ...expanded, display: key }, info ? 'the file cannot be read: check its permissions' : 'the file vanished while analysing'));
        continue;
      }
      out.assets.push({ file, size: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return out;
}
