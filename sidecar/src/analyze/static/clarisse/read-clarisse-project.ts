/**
 * readClarisseProject: facts of a Clarisse `.project` (text) read as a stream, without Clarisse:
 * the version from the header, images with their layers, cameras and every input file.
 */
import { resolve } from 'node:path';
import type { FrameRange, SceneFacts } from '../../../../../protocol/src/scene';
import { SceneDamageTips } from '../../../../../protocol/src/tips';
import { SceneParseError } from '../../errors';
import { readWithProgress, streamSceneText, type ReadProgress, type StaticReadOptions } from '../read-scene';
import { clarisseFarmVersion } from './farm-version';
import { cameras, images } from './project-images';
import { ProjectModel } from './project-model';
import { collectReferences } from './project-references';
import { ProjectTokenizer } from './project-tokenizer';

/** Reads the project structure (exported for tests). */
export function readClarisseModel(path: string, options: StaticReadOptions = {}): Promise<ProjectModel> {
  return readWithProgress(path, options, 'Reading Clarisse project', (progress) => readModel(path, options, progress));
}

async function readModel(path: string, options: StaticReadOptions, progress: ReadProgress): Promise<ProjectModel> {
  const model = new ProjectModel();
  const tokenizer = new ProjectTokenizer(model);
  const any = await streamSceneText(path, options, progress, {
    get offset() {
      return tokenizer.offset;
    },
    push(buf, first) {
      if (first) {
        const probe = buf.subarray(0, 4096);
        if (probe.includes(0)) throw new SceneParseError(path, probe.indexOf(0), 'binary data in a text project file');
        if (!/^\s*(#Isotropix|comment\b|Context\b|[A-Z]\w*\s*\{)/.test(probe.toString('utf8'))) {
          throw new SceneParseError(path, 0, 'the file does not start like a Clarisse project (#Isotropix_Serial_Version)');
        }
      }
      tokenizer.push(buf);
    },
  });
  if (!any) throw new SceneParseError(path, 0, 'the file is empty');
  const truncated = tokenizer.inString;
  tokenizer.end();
  // blocks left open, an extra `}` or a string never closed: the file was cut or damaged
  model.unbalanced += model.depth + (truncated ? 1 : 0);
  return model;
}

/** The scene range from `#preferences` is not read: the first image's range stands for the scene. */
function sceneRange(nodes: ReturnType<typeof images>): FrameRange | undefined {
  return (nodes.find((n) => n.renderable) ?? nodes[0])?.frames;
}

/**
 * Clarisse 4 projects record only the major version ("4"), while the farm renders named releases
 * ("clarisse_ifx_4.0_sp3"): the user has to say which one, and this says how.
 */
function versionNotExact(saved: string): SceneFacts['warnings'][number] {
  return {
    code: 'VERSION_NOT_EXACT',
    message:
      `The project records only Clarisse ${saved}, not the release the farm renders with (named like clarisse_ifx_4.0_sp3). ` +
      'Pass it as softwareVersion (CLI: --software-version); the check lists the releases the farm offers.',
  };
}

/** Facts of a Clarisse project, read statically (no Clarisse needed). */
export async function readClarisseProject(path: string, options: StaticReadOptions = {}): Promise<SceneFacts> {
  const model = await readClarisseModel(path, options);
  const renderNodes = images(model, undefined);
  const saved = model.header.Isotropix_Clarisse_Version?.trim();
  const version = saved ? (clarisseFarmVersion(saved) ?? saved) : undefined;
  const facts: SceneFacts = {
    host: 'clarisse',
    source: 'static',
    scenePath: resolve(path),
    software: version ? { name: 'Clarisse', version } : { name: 'Clarisse' },
    plugins: {},
    renderNodes,
    cameras: cameras(model),
    references: collectReferences(model),
    variables: {},
    pathMaps: [],
    warnings: [],
  };
  for (const r of facts.references) {
    if (!r.needsDcc) continue;
    facts.warnings.push({
      code: 'STATIC_NEEDS_DCC', node: r.node, parm: r.parm,
      message: `${r.node}.${r.parm} is driven by an expression; the stored value may not be the file Clarisse renders. Analyse the project in Clarisse for the exact files.`,
    });
  }
  if (saved && version === saved) facts.warnings.push(versionNotExact(saved));
  const range = sceneRange(renderNodes);
  if (range) facts.frameRange = range;
  if (model.unbalanced > 0) {
    facts.warnings.push({
      code: SceneDamageTips.projectTruncated,
      message: 'The project file has unbalanced braces or ends inside a block or string: it may be truncated. Re-save it in Clarisse.',
    });
  }
  return facts;
}
