/**
 * readMayaAscii: facts of a Maya ASCII (.ma) scene, read as a stream (files can be hundreds of MB;
 * memory stays bounded). The header comments give the version and the codeset of the strings.
 */
import { resolve } from 'node:path';
import type { SceneFacts } from '../../../../../protocol/src/scene';
import { SceneDamageTips } from '../../../../../protocol/src/tips';
import { SceneParseError } from '../../errors';
import { readWithProgress, streamSceneText, type ReadProgress, type StaticReadOptions } from '../read-scene';
import { keepWhole, MaStatementApplier } from './ma-statements';
import { MelTokenizer } from './mel-tokenizer';
import { modelToFacts } from './model-to-facts';
import { MayaSceneModel } from './scene-model';
import { makeDecoder, undeclaredDecoder } from './text-decode';

/** Reads a .ma file into the scene model (exported for tests and the benchmark). */
export function readMayaAsciiModel(path: string, options: StaticReadOptions = {}): Promise<MayaSceneModel> {
  return readWithProgress(path, options, 'Reading Maya ASCII scene', (progress) => readModel(path, options, progress));
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
  await streamSceneText(path, options, progress, {
    get offset() {
      return tokenizer.offset;
    },
    push(buf, first) {
      if (first && buf.includes(0) && buf.subarray(0, 4).toString('latin1').startsWith('FOR')) {
        throw new SceneParseError(path, 0, 'this is a Maya binary file, not Maya ASCII (use readMayaBinary)');
      }
      tokenizer.push(buf);
    },
  });
  tokenizer.end();
  if (!sawHeader) throw new SceneParseError(path, 0, 'no Maya ASCII header and no statement found');
  if (tokenizer.pending) {
    model.warn(SceneDamageTips.maTruncated, 'The scene file ends in the middle of a statement: it is truncated. Re-save it in Maya.');
  } else if (!/^End of \S/.test(tokenizer.lastComment ?? '')) {
    // Maya ends every .ma with "// End of <file>.ma": a closed last statement alone may be a cut at a ';'.
    model.warn(SceneDamageTips.maTruncated, 'The scene file ends without Maya\'s closing "// End of" line: it is truncated (or was not written by Maya). Re-save it in Maya.');
  }
  return model;
}

/** Facts of a Maya ASCII scene, read statically (no Maya needed). */
export async function readMayaAscii(path: string, options: StaticReadOptions = {}): Promise<SceneFacts> {
  return modelToFacts(await readMayaAsciiModel(path, options), resolve(path));
}
