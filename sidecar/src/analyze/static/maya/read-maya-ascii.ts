/**
 * readMayaAscii: facts of a Maya ASCII (.ma) scene, read as a stream (files can be hundreds of MB;
 * memory stays bounded). The header comments give the version and the codeset of the strings.
 */
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import type { SceneFacts } from '../../../../../protocol/src/scene';
import { AbortedError, FarmError, throwIfAborted } from '../../../errors';
import { SceneParseError } from '../../errors';
import { keepWhole, MaStatementApplier } from './ma-statements';
import { MelTokenizer } from './mel-tokenizer';
import { modelToFacts } from './model-to-facts';
import { ReadProgress, sceneSize, type StaticReadOptions } from './read-progress';
import { MayaSceneModel } from './scene-model';
import { makeDecoder, undeclaredDecoder } from './text-decode';

const CHUNK = 1 << 20;

/** Reads a .ma file into the scene model (exported for tests and the benchmark). */
export async function readMayaAsciiModel(path: string, options: StaticReadOptions = {}): Promise<MayaSceneModel> {
  throwIfAborted(options.signal);
  const progress = new ReadProgress(options.onProgress, await sceneSize(path), 'Reading Maya ASCII scene');
  try {
    const model = await readModel(path, options, progress);
    progress.end(true);
    return model;
  } finally {
    progress.end(false);
  }
}

async function readModel(path: string, options: StaticReadOptions, progress: ReadProgress): Promise<MayaSceneModel> {
  const model = new MayaSceneModel();
  const applier = new MaStatementApplier(model);
  let decode = undeclaredDecoder(); // until a //Codeset: line says otherwise
  let sawHeader = false;
  const tokenizer = new MelTokenizer({
    decode: (b) => decode(b),
    extend: keepWhole,
    comment(text) {
      const ascii = /^Maya ASCII (\S+) scene/.exec(text);
      if (ascii) { sawHeader = true; model.headerVersion = ascii[1]; }
      const codeset = /^Codeset:\s*(\S+)/.exec(text);
      if (codeset) { model.codeset = codeset[1]; decode = makeDecoder(codeset[1]); }
    },
    statement(s) {
      if (!sawHeader && s.tokens[0]?.text !== 'requires') {
        throw new SceneParseError(path, s.offset, 'the file does not start with a "//Maya ASCII" header');
      }
      sawHeader = true;
      applier.apply(s);
    },
  });
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream) {
      throwIfAborted(options.signal);
      let buf = chunk as Buffer;
      if (tokenizer.offset === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3); // UTF-8 BOM
      if (tokenizer.offset === 0 && buf.includes(0) && buf.subarray(0, 4).toString('latin1').startsWith('FOR')) {
        throw new SceneParseError(path, 0, 'this is a Maya binary file, not Maya ASCII (use readMayaBinary)');
      }
      tokenizer.push(buf);
      progress.at(tokenizer.offset);
    }
  } catch (e) {
    if (e instanceof FarmError) throw e;
    if (options.signal?.aborted) throw new AbortedError(undefined, { cause: e });
    throw new SceneParseError(path, tokenizer.offset, `read failed: ${(e as Error).message}`, e);
  } finally {
    stream.destroy();
  }
  tokenizer.end();
  if (!sawHeader) throw new SceneParseError(path, 0, 'no Maya ASCII header and no statement found');
  if (tokenizer.pending) {
    model.warn('STATIC_TRUNCATED', 'The scene file ends in the middle of a statement: it may be truncated. Re-save it in Maya.');
  }
  return model;
}

/** Facts of a Maya ASCII scene, read statically (no Maya needed). */
export async function readMayaAscii(path: string, options: StaticReadOptions = {}): Promise<SceneFacts> {
  return modelToFacts(await readMayaAsciiModel(path, options), resolve(path));
}
