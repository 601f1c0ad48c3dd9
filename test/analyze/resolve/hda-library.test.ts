// The HDA library reader on real material: the INDX library Houdini embedded in a qLib sample
// scene (.OPdummydefs), then cut and damaged copies of it: sections or a typed error, never a crash.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SceneFormatError } from '../../../sidecar/src/analyze';
import { parseIndx, readHdaLibrary } from '../../../sidecar/src/analyze/static/houdini/hda-library';
import { tempTree, type TempTree } from '../helpers/temp-dir';

const hip = readFileSync(path.resolve(__dirname, '../../../../shared/scenes/houdini/environment_ql_OBJ.hip'));
// the .OPdummydefs cpio entry: its 76-byte header (namesize at 59, filesize at 65, octal), name, data
const header = hip.indexOf('.OPdummydefs\0') - 76;
const nameSize = parseInt(hip.toString('latin1', header + 59, header + 65), 8);
const fileSize = parseInt(hip.toString('latin1', header + 65, header + 76), 8);
const library = hip.subarray(header + 76 + nameSize, header + 76 + nameSize + fileSize);

let tree: TempTree;
beforeAll(async () => {
  tree = await tempTree('hda-lib-');
});
afterAll(async () => {
  await tree.cleanup();
});

describe('HDA libraries (INDX)', () => {
  it('lists the sections of a real library and of its definition', () => {
    const sections = parseIndx(library, 'environment_ql_OBJ.hip');
    expect(sections.map((s) => s.name)).toEqual(['INDEX_SECTION', 'qLib::Object/environment_ql::1']);
    expect(parseIndx(sections[1]!.data, 'x').map((s) => s.name)).toEqual(['Contents', 'DialogScript']);
  });

  it('reads a real library into facts (a stub network: no file references)', async () => {
    const file = await tree.file('environment_ql.otl', library);
    const facts = await readHdaLibrary(file);
    expect(facts.references).toEqual([]);
    expect(facts.warnings.filter((w) => /^\d+$/.test(w.code))).toEqual([]);
  });

  it('refuses cut and damaged copies with SceneFormatError', async () => {
    for (const bad of [library.subarray(0, 40), library.subarray(0, library.length - 10), Buffer.from('not a library'), (() => {
      const b = Buffer.from(library);
      b.writeUInt32BE(0xffffff, 12);
      return b;
    })()]) {
      const file = await tree.file('bad.hda', bad);
      await expect(readHdaLibrary(file)).rejects.toBeInstanceOf(SceneFormatError);
    }
  });
});
