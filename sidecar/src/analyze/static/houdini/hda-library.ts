/**
 * HDA libraries (.hda/.otl and their nc/lc forms) read statically, so the references followed
 * from a scene go on into its digital assets (resolve/follow-references.ts). A library is an INDX
 * file: "INDX", 8 bytes, a big-endian count, then per section (name length, name, offset, size,
 * mtime), then the data (offsets from the end of that table). Each definition is itself an INDX
 * whose `Contents` (or gzipped `Contents.gz`) is a cpio of the asset's network, the .hip format.
 * Verified on the INDX libraries embedded in the sample .hip files.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import type { FileReference, SceneFacts, SceneWarning } from '../../../../../protocol/src/scene';
import { throwIfAborted } from '../../../errors';
import { SceneFormatError } from '../../errors';
import { readHipStream } from './read-hip';

export interface IndxSection {
  name: string;
  data: Buffer;
}

/** The sections of one INDX block; SceneFormatError when a size or offset does not fit. */
export function parseIndx(buf: Buffer, file: string): IndxSection[] {
  const bad = (what: string): never => {
    throw new SceneFormatError(`${file} is not a readable HDA library: ${what}. Re-save it in Houdini, or analyse the scene with Houdini.`, { details: { file } });
  };
  if (buf.length < 16 || buf.toString('latin1', 0, 4) !== 'INDX') bad('no INDX header');
  const count = buf.readUInt32BE(12);
  if (count > 100_000) bad(`${count} sections`);
  let p = 16;
  const table: Array<{ name: string; offset: number; size: number }> = [];
  for (let i = 0; i < count; i += 1) {
    if (p + 4 > buf.length) bad('the section table is cut short');
    const len = buf.readUInt32BE(p);
    p += 4;
    if (len > 4096 || p + len + 12 > buf.length) bad('a section name does not fit');
    const name = buf.toString('utf8', p, p + len);
    p += len;
    table.push({ name, offset: buf.readUInt32BE(p), size: buf.readUInt32BE(p + 4) });
    p += 12;
  }
  return table.map(({ name, offset, size }) => {
    if (p + offset + size > buf.length) bad(`section ${name} runs past the end of the file`);
    return { name, data: buf.subarray(p + offset, p + offset + size) };
  });
}

async function* once(b: Buffer): AsyncGenerator<Buffer> {
  yield b;
}

/** The network of one definition: `Contents` or `Contents.gz`, when it is a cpio. */
function contentsOf(def: IndxSection[]): Buffer | undefined {
  const plain = def.find((s) => s.name === 'Contents');
  if (plain) return plain.data;
  const gz = def.find((s) => s.name === 'Contents.gz');
  return gz ? gunzipSync(gz.data) : undefined;
}

/**
 * Facts of an HDA library: the file references of every definition's network (node paths prefixed
 * with the definition, e.g. `Sop/tool::1/file1`) and the libraries those use. $HIP stays the scene's.
 */
export async function readHdaLibrary(file: string, options: { signal?: AbortSignal } = {}): Promise<SceneFacts> {
  const buf = await readFile(file);
  const references: FileReference[] = [];
  const warnings: SceneWarning[] = [];
  for (const section of parseIndx(buf, file)) {
    throwIfAborted(options.signal);
    if (section.name === 'INDEX_SECTION' || section.name === 'houdini.hdalibrary' || !section.data.subarray(0, 4).equals(Buffer.from('INDX'))) continue;
    let contents: Buffer | undefined;
    try {
      contents = contentsOf(parseIndx(section.data, file));
    } catch (err) {
      warnings.push({ code: 'info', message: `Definition ${section.name} in ${file} could not be read: ${(err as Error).message}` });
      continue;
    }
    if (!contents || contents.toString('latin1', 0, 6) !== '070707') continue;
    const inner = await readHipStream(once(contents), file, options.signal ? { signal: options.signal } : {});
    for (const r of inner.references) references.push({ ...r, node: `${section.name}${r.node.startsWith('/') ? '' : '/'}${r.node}` });
    // an asset's network has no render node or $HIP of its own: only damage matters here
    warnings.push(...inner.warnings.filter((w) => !['50010', '50002'].includes(w.code)));
  }
  return { host: 'houdini', source: 'static', scenePath: file, software: { name: 'Houdini' }, plugins: {}, renderNodes: [], cameras: [], references, variables: {}, pathMaps: [], warnings };
}
