/**
 * Which referenced files the analysis reads itself, per host (resolve/follow-references.ts): Maya
 * .ma/.mb, Clarisse .project and Houdini HDA libraries with the static readers, USD layers (.usd/.usda/.usdc/.usdz),
 * MaterialX documents (.mtlx) and OCIO configs in every host. A static read follows them all; facts from a
 * DCC session only where the session cannot show what is inside: Clarisse's get_path_attrs() misses
 * the attributes of referenced contexts, while Maya and Houdini list referenced nodes themselves.
 */
import path from 'node:path';
import type { SceneFacts } from '../../../protocol/src/scene';
import type { ReferenceReader } from './resolve/follow-references';
import { readClarisseProject } from './static/clarisse/index';
import { readHdaLibrary } from './static/houdini/hda-library';
import { readMayaAscii, readMayaBinary } from './static/maya/index';
import { isOcioConfig, readOcioAsFacts } from './ocio/ocio-config';
import { readUsdAsFacts } from './usd/usd-facts';

/** The reader of each host's referenced files (a file no reader takes is uploaded, not opened). */
export function referenceReaderOf(host: SceneFacts['host']): ReferenceReader {
  return (file, signal) => {
    const ext = path.extname(file).toLowerCase();
    const options = signal ? { signal } : {};
    if (isUsdLayer(file)) return readUsdAsFacts(file, host, signal);
    if (isOcioConfig(file)) return readOcioAsFacts(file, host);
    if (host === 'maya') return ext === '.ma' ? readMayaAscii(file, options) : ext === '.mb' ? readMayaBinary(file, options) : undefined;
    if (host === 'clarisse') return ext === '.project' ? readClarisseProject(file, options) : undefined;
    if (host === 'houdini') return /^\.(hda|otl)(nc|lc)?$/.test(ext) ? readHdaLibrary(file, options) : undefined;
    return undefined;
  };
}

/** USD layers, and MaterialX documents, which the same walk reads (their textures, includes). */
const isUsdLayer = (file: string): boolean => /^\.(usd[acz]?|mtlx)$/.test(path.extname(file).toLowerCase());

/**
 * The reader of the files these facts reference: every reader for a static read (and Clarisse,
 * whose session cannot show what is inside references); only USD layers, MaterialX and OCIO configs for facts
 * from a Maya or Houdini session, which has its scene references loaded but not what those name.
 */
export function referenceReaderFor(facts: SceneFacts): ReferenceReader {
  const all = referenceReaderOf(facts.host);
  if (facts.source === 'static' || facts.host === 'clarisse') return all;
  return (file, signal) => (isUsdLayer(file) || isOcioConfig(file) ? all(file, signal) : undefined);
}
