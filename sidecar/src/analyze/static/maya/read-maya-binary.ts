/**
 * readMayaBinary: facts of a Maya binary (.mb) scene by walking its IFF chunks (iff-walk.ts) into the
 * same scene model as the .ma reader, so both formats give the same facts for the same scene.
 * Big payloads (meshes) are skipped by offset, never read.
 */
import { resolve } from 'node:path';
import type { SceneFacts } from '../../../../../protocol/src/scene';
import { SceneDamageTips } from '../../../../../protocol/src/tips';
import { FarmError } from '../../../errors';
import { framesPerSecond } from './attr-names';
import { BlockReader } from './block-reader';
import { SceneParseError } from '../../errors';
import { IffStructureError, IffWalker, MAX_LEAF_DATA, type IffChunk, type IffVisitor } from './iff-walk';
import { decodeConnection, decodeCrea, decodeDble, decodePlug, decodeStr, decodeStrArray, nulFields } from './mb-chunks';
import { nodeTypeOf } from './mb-node-types';
import { modelToFacts } from './model-to-facts';
import { readWithProgress, type ReadProgress, type StaticReadOptions } from '../read-scene';
import { isKeptType, SHARED_NODE_TYPES } from './node-types';
import { MayaSceneModel, shortName, type MayaNode } from './scene-model';
import { keepConnection, storeAttr } from './store-attr';
import { undeclaredDecoder } from './text-decode';

const HEAD_LEAVES = new Set(['VERS', 'FINF', 'PLUG', 'TUNI', 'LUNI', 'AUNI', 'FREF', 'INCL']);
const NODE_LEAVES = new Set(['CREA', 'SLCT', 'STR ', 'STR#', 'DBLE']);

/** Turns chunk events into model entries. */
class MbVisitor implements IffVisitor {
  private readonly decode = undeclaredDecoder();
  private pluginTypes = new Map<string, string>();
  private current: { name: string; type: string; node?: MayaNode } | undefined;
  private formType = '';
  private inConnections = false;

  constructor(private readonly model: MayaSceneModel, private readonly at: (offset: number) => void) {}

  group(c: IffChunk): boolean {
    if (c.depth === 0) {
      this.at(c.offset);
      this.current = undefined;
      this.inConnections = c.tag.startsWith('LIS') && c.formType?.toString('latin1') === 'CONS';
      this.formType = nodeTypeOf(c.formType!, this.pluginTypes);
      return true;
    }
    return this.inConnections; // nested groups of a node (rare) carry nothing the facts need
  }

  wantData(c: IffChunk): boolean {
    if (this.inConnections) return c.tag === 'CWFL';
    return HEAD_LEAVES.has(c.tag) || NODE_LEAVES.has(c.tag);
  }

  leaf(c: IffChunk, data: Buffer | undefined): void {
    if (!data) {
      // A chunk the facts need but too big to read statically: its value is missing from the facts.
      if (c.size > MAX_LEAF_DATA && this.wantData(c)) {
        this.model.warn(SceneDamageTips.mbUnreadChunk, `Chunk ${c.tag.trim()} at byte ${c.offset} (${c.size} bytes${this.current ? `, node ${this.current.name}` : ''}) is too large to read statically; its value is missing. Analyse the scene in Maya (batch mode).`);
      }
      return;
    }
    switch (c.tag) {
      case 'VERS': this.model.headerVersion = this.decode(data).replace(/\0+$/, ''); return;
      case 'TUNI': this.model.units.time = this.decode(data).replace(/\0+$/, ''); return;
      case 'LUNI': this.model.units.linear = this.decode(data).replace(/\0+$/, ''); return;
      case 'AUNI': this.model.units.angle = this.decode(data).replace(/\0+$/, ''); return;
      case 'FINF': {
        const [k, v] = nulFields(data, this.decode);
        if (k) this.model.fileInfo[k] = v ?? '';
        return;
      }
      case 'PLUG': {
        const p = decodePlug(data, this.decode);
        if (!p) return;
        this.model.requires[p.plugin] = p.version;
        for (const [id, name] of p.typeIds) this.pluginTypes.set(id, name);
        return;
      }
      case 'FREF': return this.reference(data);
      case 'INCL': return this.includes(data);
      case 'CREA': return this.create(data);
      case 'SLCT': return this.select(data);
      case 'CWFL': {
        const conn = decodeConnection(data, this.decode);
        if (conn && keepConnection(this.model, conn.src, conn.dst)) this.model.connections.push(conn);
        return;
      }
      default: return this.attr(c.tag, data);
    }
  }

  private reference(data: Buffer): void {
    // FREF: path NUL namespace NUL reference node NUL type NUL options (third-party decoders; unverified)
    const [path, namespace, node, type] = nulFields(data, this.decode);
    if (!path) return;
    const listed = this.model.references.find((r) => r.path === path && r.node === undefined);
    const ref: MayaSceneModel['references'][number] = listed ?? { path };
    if (namespace) ref.namespace = namespace;
    if (node) ref.node = node;
    if (type) ref.type = type;
    if (!listed) this.model.references.push(ref);
  }

  /** INCL lists the included (referenced) files, `undef` when none (unverified beyond `undef`). */
  private includes(data: Buffer): void {
    for (const field of nulFields(data, this.decode)) {
      const path = field.replace(/[(\s]+$/, '');
      if (/\.m[ab]$/i.test(path) && !this.model.references.some((r) => r.path === path)) this.model.references.push({ path });
    }
  }

  private create(data: Buffer): void {
    const crea = decodeCrea(data, this.decode);
    if (!crea) return;
    const type = this.formType;
    this.model.countType(type);
    this.current = { name: crea.name, type };
    if (isKeptType(type)) this.current.node = this.model.addNode(type, crea.name, crea.parent);
  }

  private select(data: Buffer): void {
    const name = shortName(this.decode(data).replace(/\0+$/, ''));
    const existing = this.model.node(name);
    const type = existing?.type ?? SHARED_NODE_TYPES[name] ?? 'unknown';
    this.current = { name, type };
    if (existing) this.current.node = existing;
    else if (isKeptType(type)) this.current.node = this.model.addNode(type, name);
  }

  private attr(tag: string, data: Buffer): void {
    const cur = this.current;
    if (!cur) return;
    const v = tag === 'STR ' ? decodeStr(data, this.decode)
      : tag === 'STR#' ? decodeStrArray(data, this.decode)
        : tag === 'DBLE' ? decodeDble(data, this.decode, framesPerSecond(this.model.units.time))
          : undefined;
    if (!v) return;
    const stored = storeAttr(this.model, cur.node, cur.name, cur.type, v.attr, v.value);
    if (stored) cur.node = stored;
  }
}

/** Reads a .mb file into the scene model (exported for tests). */
export function readMayaBinaryModel(path: string, options: StaticReadOptions = {}): Promise<MayaSceneModel> {
  return readWithProgress(path, options, 'Reading Maya binary scene', (progress) => readModel(path, options, progress));
}

async function readModel(path: string, options: StaticReadOptions, progress: ReadProgress): Promise<MayaSceneModel> {
  const model = new MayaSceneModel();
  let src: BlockReader;
  try {
    src = await BlockReader.open(path);
  } catch (e) {
    throw new SceneParseError(path, 0, `cannot open the file: ${(e as Error).message}`, e);
  }
  try {
    const head = await src.read(0, 20);
    const top = head.toString('latin1', 0, 4);
    if (head.length < 20 || !['FOR8', 'FOR4', 'FORM'].includes(top)) {
      throw new SceneParseError(path, 0, 'not a Maya binary file (no FOR8/FOR4 header)');
    }
    const walker = new IffWalker(src, top, options.signal);
    const root = await walker.header(0, Number.MAX_SAFE_INTEGER, -1).catch((e: unknown) => {
      throw new SceneParseError(path, 0, (e as Error).message, e);
    });
    if (root.formType?.toString('latin1') !== 'Maya') throw new SceneParseError(path, 16, 'the top form is not "Maya"');
    let end = root.dataOffset + root.size;
    const fileTruncated = end > src.size;
    if (fileTruncated) {
      model.warn(SceneDamageTips.mbTruncated, `The scene file is shorter (${src.size} bytes) than its header says (${end}): it is truncated. Re-save it in Maya.`);
      end = src.size;
    }
    try {
      await walker.walk(root.dataOffset + 4, end, 0, new MbVisitor(model, (offset) => progress.at(offset)));
    } catch (e) {
      if (!(e instanceof IffStructureError)) throw e;
      if (!e.truncated || !fileTruncated) throw new SceneParseError(path, e.offset, e.message, e);
      model.warn(SceneDamageTips.mbTruncated, `The scene file ends inside a chunk (byte ${e.offset}): it is truncated. Re-save it in Maya.`);
    }
    return model;
  } catch (e) {
    if (e instanceof FarmError) throw e;
    throw new SceneParseError(path, 0, `read failed: ${(e as Error).message}`, e);
  } finally {
    await src.close();
  }
}

/** Facts of a Maya binary scene, read statically (no Maya needed). */
export async function readMayaBinary(path: string, options: StaticReadOptions = {}): Promise<SceneFacts> {
  return modelToFacts(await readMayaBinaryModel(path, options), resolve(path));
}
