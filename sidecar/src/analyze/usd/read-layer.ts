/**
 * One layer's dependencies as authored, whatever its encoding: detected by content, never by
 * extension (a .usd may be text or crate), read in place inside packages.
 */
import { SceneParseError } from '../errors';
import { ByteSource } from './byte-source';
import { CrateReader } from './crate-reader';
import type { LayerDependency } from './layer-dependency';
import { readMaterialX } from './mtlx-reader';
import { readUsdaFile } from './usda-reader';
import { listPackage, type PackageMember } from './usdz-package';

export type LayerFormat = 'crate' | 'text' | 'package' | 'materialx';

export async function formatOf(src: ByteSource): Promise<LayerFormat> {
  const start = await src.read(0, Math.min(256, src.size), 'layer header');
  // MaterialX is XML: an optional BOM, declaration, comments or blanks, then <materialx (checked by its reader)
  if (/^(\xef\xbb\xbf)?\s*<(\?xml|!--|materialx[\s>])/.test(start.toString('latin1'))) return 'materialx';
  const head = start.subarray(0, 8);
  if (head.toString('latin1') === 'PXR-USDC') return 'crate';
  if (head.length >= 4 && head.readUInt32LE(0) === 0x04034b50) return 'package';
  const text = head.toString('latin1');
  if (/^(\xef\xbb\xbf)?#(usda|sdf)/.test(text) || text.startsWith('#usda') || text.startsWith('#sdf')) return 'text';
  throw new SceneParseError(src.file, 0, 'not a USD layer (neither a crate, a text layer, a .usdz package nor a MaterialX document)');
}

/** A package's members and its root layer (the first member, §4.2). */
export async function packageRoot(src: ByteSource): Promise<{ members: PackageMember[]; root: PackageMember }> {
  const members = await listPackage(src);
  const root = members[0]!;
  if (!/\.(usd|usda|usdc|usdz)$/i.test(root.name)) {
    throw new SceneParseError(src.file, 0, `the package's first member ${root.name} is not a USD layer, so the package has no root layer`);
  }
  return { members, root };
}

/** The dependencies a text or crate layer names (a package is opened through its root member). */
export async function readLayer(src: ByteSource, signal?: AbortSignal): Promise<LayerDependency[]> {
  const format = await formatOf(src);
  if (format === 'crate') return new CrateReader(src).dependencies();
  if (format === 'text') return readUsdaFile(src.file, src.offset, src.offset + src.size, signal);
  if (format === 'materialx') return readMaterialX(src, signal);
  throw new SceneParseError(src.file, src.offset, 'a package where a layer was expected');
}
