import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { ProgressListener } from '../../../../../protocol/src/progress';
import type { SceneFacts } from '../../../../../protocol/src/scene';
import { throwIfAborted } from '../../../errors';
import { CGFileNotExistsError } from '../../errors';
import { readCpio } from './cpio';
import { HipModel, addEntry, wantEntry } from './hip-model';
import { hipScene } from './hip-scene';
import { HscriptEvaluator } from './hscript';
import { collectHdaReferences, collectParmReferences, sceneVariables } from './references';
import { collectCameras, collectRenderNodes } from './render-nodes';
import { addRopGraph } from './rop-graph';

export interface ReadHipOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
  /** Entries larger than this are skipped (default 64 MiB). */
  maxEntryBytes?: number;
}

/** Builds SceneFacts (source "static") from a parsed model. */
export function modelToFacts(model: HipModel, scenePath: string): SceneFacts {
  const warnings = [...model.warnings];
  const renderNodes = collectRenderNodes(model, warnings);
  addRopGraph(model, renderNodes, warnings);
  if (!renderNodes.some((n) => n.category === 'rop_node' || n.category === 'distributedsim_node')) {
    warnings.push({ code: '50010', message: 'The scene has no render node set, please add a render node (a ROP such as Mantra, Karma, Redshift or Arnold).' });
  }
  const facts: SceneFacts = {
    host: 'houdini',
    source: 'static',
    scenePath,
    software: { name: 'Houdini', ...(model.variables._HIP_SAVEVERSION ? { version: model.variables._HIP_SAVEVERSION } : {}) },
    plugins: {},
    frameRange: { start: model.start.fstart, end: model.start.fend, step: 1 },
    renderNodes,
    cameras: collectCameras(model),
    references: [...collectParmReferences(model, new HscriptEvaluator(hipScene(model, scenePath))), ...collectHdaReferences(model)],
    variables: sceneVariables(model, scenePath),
    pathMaps: [],
    warnings,
  };
  return facts;
}

/**
 * Reads a .hip stream into SceneFacts without a Houdini install: walks the cpio entries (recovering
 * from a damaged entry), parses only the small text entries it needs, skips the rest unread.
 */
export async function readHipStream(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  scenePath: string,
  options: ReadHipOptions & { totalBytes?: number } = {},
): Promise<SceneFacts> {
  const model = new HipModel();
  const { onProgress, signal, totalBytes } = options;
  let lastReport = 0;
  const iterator = source[Symbol.asyncIterator]();
  const entries = readCpio(iterator, {
    want: wantEntry,
    maxEntryBytes: options.maxEntryBytes,
    warnings: model.warnings,
    signal,
    onOffset: (offset) => {
      if (onProgress && offset - lastReport >= 8 * 1024 * 1024) {
        lastReport = offset;
        onProgress({ kind: 'report', stage: 'read', bytes: { transferred: offset, ...(totalBytes !== undefined ? { total: totalBytes } : {}) } });
      }
    },
  });
  try {
    for await (const entry of entries) addEntry(model, entry);
  } finally {
    // Stops (and, for file streams, closes) the source when reading ended early.
    await iterator.return?.().catch(() => undefined);
  }
  throwIfAborted(signal);
  return modelToFacts(model, scenePath);
}

/** Reads a .hip/.hipnc/.hiplc file statically (streamed, constant memory). */
export async function readHip(scenePath: string, options: ReadHipOptions = {}): Promise<SceneFacts> {
  const info = await stat(scenePath).catch(() => undefined);
  if (!info?.isFile()) {
    throw new CGFileNotExistsError(`The scene file ${scenePath} does not exist; check the path.`, { details: { file: scenePath } });
  }
  const { onProgress, signal } = options;
  onProgress?.({ kind: 'begin', title: 'Reading Houdini scene', stage: 'read', bytes: { transferred: 0, total: info.size } });
  try {
    throwIfAborted(signal);
    const stream = createReadStream(scenePath, { highWaterMark: 1024 * 1024 });
    const facts = await readHipStream(stream, path.resolve(scenePath), { ...options, totalBytes: info.size });
    onProgress?.({ kind: 'end', stage: 'read', bytes: { transferred: info.size, total: info.size } });
    return facts;
  } catch (err) {
    onProgress?.({ kind: 'end', stage: 'read', message: 'failed' });
    throw err;
  }
}
