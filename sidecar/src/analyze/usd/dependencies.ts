/**
 * ComputeAllDependencies without USD (spec/usd.md §1, §4.4, §5, §6): from a root layer, every
 * layer and asset it needs, recursively, each path once, cycles safe; layers inside .usdz packages
 * are read in place and reported as members, not as files to upload; what does not resolve is
 * reported with the layer and prim that name it.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { throwIfAborted } from '../../errors';
import { AnalyzeError, SceneParseError } from '../errors';
import { ByteSource } from './byte-source';
import { splitClipTemplate } from './clip-template';
import { isFilteredMetadata, type LayerDependency } from './layer-dependency';
import { locationId, splitPackagePath, type LayerLocation } from './package-path';
import { formatOf, packageRoot, readLayer } from './read-layer';
import { listPackage, type PackageMember } from './usdz-package';

export interface UnresolvedDependency {
  /** Anchored for `./` paths, as authored for search paths (OpenUSD's own report). */
  path: string;
  authored: string;
  kind: LayerDependency['kind'];
  /** The layer (file, or `pkg.usdz[member]`) and the prim that name it. */
  layer: string;
  prim: string;
}

export interface UsdDependencyResult {
  /** Layer files on disk the root needs (root excluded), absolute, sorted. */
  layers: string[];
  /** Other files on disk (textures, caches, .txt …), absolute, sorted. */
  assets: string[];
  /** Layers and assets found inside packages, as `pkg.usdz[member]`. */
  packageMembers: string[];
  unresolved: UnresolvedDependency[];
  /** Layers that could not be read (damaged): their own dependencies are unknown. */
  unreadable: { layer: string; message: string }[];
  /** Variable-expression paths (`` `"./${SHOT}.usd"` ``): only the DCC can evaluate them. */
  needsDcc: { path: string; layer: string; prim: string }[];
}

export interface UsdDependencyOptions {
  /** Extra search folders; default PXR_AR_DEFAULT_SEARCH_PATH. The root layer's folder always comes first. */
  searchPaths?: string[];
  signal?: AbortSignal;
  /** Stop after reading this many layers (a runaway graph); default 100 000. */
  maxLayers?: number;
}

/** Layers are opened and walked: USD's own formats and MaterialX (USD's usdMtlx file format plugin). */
const LAYER_EXT = /\.(usd|usda|usdc|usdz|mtlx)$/i;
const FORMAT_ARGS = ':SDF_FORMAT_ARGS:';
const UDIM_FIRST = 1001;
const UDIM_LAST = 1100;

/**
 * Each tile a `<UDIM>` path can name (1001–1100, the first token only, as USD), or a MaterialX
 * `<UVTILE>` one (`u1_v1` … `u10_v10`, the same 100 tiles in Mari's naming).
 */
function tileNames(p: string): string[] | undefined {
  const out: string[] = [];
  if (p.includes('<UDIM>')) for (let t = UDIM_FIRST; t <= UDIM_LAST; t += 1) out.push(p.replace('<UDIM>', String(t)));
  else if (p.includes('<UVTILE>')) for (let t = 0; t < 100; t += 1) out.push(p.replace('<UVTILE>', `u${(t % 10) + 1}_v${Math.floor(t / 10) + 1}`));
  return out.length > 0 ? out : undefined;
}

const stripArgs = (p: string): string => (p.includes(FORMAT_ARGS) ? p.slice(0, p.indexOf(FORMAT_ARGS)) : p);
const isFileRelative = (p: string): boolean => p.startsWith('./') || p.startsWith('../') || p.startsWith('.\\') || p.startsWith('..\\');
const isAbsolute = (p: string): boolean => path.isAbsolute(p) || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');
const innermost = (loc: LayerLocation): string => loc.members[loc.members.length - 1] ?? loc.file;

/** The dependencies of the layer (or .usdz package) at `root`. */
export async function computeUsdDependencies(root: string, options: UsdDependencyOptions = {}): Promise<UsdDependencyResult> {
  return new DependencyWalk(path.resolve(root), options).run();
}

class DependencyWalk {
  private readonly searchDirs: string[];
  private readonly packages = new Map<string, PackageMember[]>();
  private readonly seen = new Set<string>();
  private readonly layers = new Set<string>();
  private readonly assets = new Set<string>();
  private readonly members = new Set<string>();
  private readonly unresolved = new Map<string, UnresolvedDependency>();
  private readonly unreadable: { layer: string; message: string }[] = [];
  private readonly needsDcc: { path: string; layer: string; prim: string }[] = [];
  private readonly queue: LayerLocation[] = [];

  constructor(private readonly root: string, private readonly options: UsdDependencyOptions) {
    const env = process.env.PXR_AR_DEFAULT_SEARCH_PATH;
    const extra = options.searchPaths ?? (env ? env.split(path.delimiter).filter(Boolean) : []);
    this.searchDirs = [path.dirname(root), ...extra.map((d) => path.resolve(d))];
  }

  async run(): Promise<UsdDependencyResult> {
    const rootLoc = await this.layerOf({ file: this.root, members: [] }, true);
    this.seen.add(locationId({ file: this.root, members: [] }));
    this.seen.add(locationId(rootLoc));
    this.queue.push(rootLoc);
    const limit = this.options.maxLayers ?? 100_000;
    let read = 0;
    while (this.queue.length > 0) {
      throwIfAborted(this.options.signal);
      if (read >= limit) throw new AnalyzeError('ERR_USD_TOO_MANY_LAYERS', `More than ${limit} USD layers are reachable from ${this.root}; the analysis stopped.`);
      const loc = this.queue.shift()!;
      read += 1;
      let found: LayerDependency[];
      try {
        found = await this.withSource(loc, (src) => readLayer(src, this.options.signal));
      } catch (err) {
        if (loc === rootLoc || !(err instanceof AnalyzeError)) throw err;
        this.unreadable.push({ layer: locationId(loc), message: err.message });
        continue;
      }
      const perLayer = new Set<string>();
      for (const dep of found) {
        if (dep.kind === 'asset' && isFilteredMetadata(dep)) continue;
        const key = `${dep.kind === 'clipTemplate' ? 't' : 'p'}${dep.path}`;
        if (perLayer.has(key)) continue;
        perLayer.add(key);
        await this.visit(dep, loc);
      }
    }
    const sorted = (s: Set<string>): string[] => [...s].sort();
    return {
      layers: sorted(this.layers),
      assets: sorted(this.assets),
      packageMembers: sorted(this.members),
      unresolved: [...this.unresolved.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
      unreadable: this.unreadable,
      needsDcc: this.needsDcc,
    };
  }

  private async visit(dep: LayerDependency, from: LayerLocation): Promise<void> {
    const authored = stripArgs(dep.path);
    if (!authored || authored.startsWith('anon:')) return;
    if (authored.length > 2 && authored.startsWith('`') && authored.endsWith('`')) {
      this.needsDcc.push({ path: authored, layer: locationId(from), prim: dep.prim });
      return;
    }
    if (dep.kind === 'clipTemplate') return this.clipTemplate(dep, authored, from);
    const tiles = tileNames(authored);
    if (tiles) {
      let any = false;
      for (const tile of tiles) {
        const loc = await this.anchor(tile, from);
        if (loc.found) { any = true; await this.record(loc.loc, dep, from); }
      }
      if (!any) this.miss(dep, authored, (await this.anchor(authored, from)).report, from);
      return;
    }
    const r = await this.anchor(authored, from);
    if (r.found) await this.record(r.loc, dep, from);
    else this.miss(dep, authored, r.report, from);
  }

  private miss(dep: LayerDependency, authored: string, report: string, from: LayerLocation): void {
    if (!this.unresolved.has(report)) this.unresolved.set(report, { path: report, authored, kind: dep.kind, layer: locationId(from), prim: dep.prim });
  }

  /** A resolved dependency: a file to upload or a member, opened when it is a layer. */
  private async record(loc: LayerLocation, dep: LayerDependency, from: LayerLocation): Promise<void> {
    const id = locationId(loc);
    const isLayer = LAYER_EXT.test(stripArgs(innermost(loc)));
    if (loc.members.length > 0) this.members.add(id);
    else if (loc.file === this.root) return; // a cycle back to the root
    else if (isLayer) this.layers.add(loc.file);
    else this.assets.add(loc.file);
    if (!isLayer || this.seen.has(id)) return;
    this.seen.add(id);
    try {
      const layer = await this.layerOf(loc, false);
      if (layer !== loc) {
        if (this.seen.has(locationId(layer))) return;
        this.seen.add(locationId(layer));
        this.members.add(locationId(layer));
      }
      this.queue.push(layer);
    } catch (err) {
      if (!(err instanceof AnalyzeError)) throw err;
      this.unreadable.push({ layer: `${id} (named by ${locationId(from)} at ${dep.prim})`, message: err.message });
    }
  }

  /** A package's root layer (its first member, through nested packages); any other layer as it is. */
  private async layerOf(loc: LayerLocation, isRoot: boolean): Promise<LayerLocation> {
    let current = loc;
    for (let depth = 0; depth < 32; depth += 1) {
      const format = await this.withSource(current, formatOf);
      if (format !== 'package') return current;
      const { root } = await this.withSource(current, packageRoot);
      current = { file: current.file, members: [...current.members, root.name] };
    }
    throw new SceneParseError(loc.file, 0, `packages nested more than 32 deep${isRoot ? '' : ''}`);
  }

  private async withSource<T>(loc: LayerLocation, use: (src: ByteSource) => Promise<T>): Promise<T> {
    let src: ByteSource;
    try {
      src = await ByteSource.openFile(loc.file);
    } catch (err) {
      throw new SceneParseError(loc.file, 0, `cannot open the layer (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
    }
    try {
      let inner = src;
      const chain: string[] = [];
      for (const name of loc.members) {
        const members = await this.membersOf({ file: loc.file, members: chain }, inner);
        const m = members.find((x) => x.name === name);
        if (!m) throw new SceneParseError(loc.file, 0, `the package has no member ${name}`);
        inner = inner.slice(m.offset, m.size);
        chain.push(name);
      }
      return await use(inner);
    } finally {
      await src.close();
    }
  }

  private async membersOf(pkg: LayerLocation, src: ByteSource): Promise<PackageMember[]> {
    const id = locationId(pkg);
    let members = this.packages.get(id);
    if (!members) {
      members = await listPackage(src);
      this.packages.set(id, members);
    }
    return members;
  }

  private async exists(loc: LayerLocation): Promise<boolean> {
    try {
      const s = await stat(loc.file);
      if (!s.isFile()) return false;
    } catch {
      return false;
    }
    if (loc.members.length === 0) return true;
    try {
      await this.withSource({ file: loc.file, members: loc.members.slice(0, -1) }, async (src) => {
        const members = await this.membersOf({ file: loc.file, members: loc.members.slice(0, -1) }, src);
        if (!members.some((m) => m.name === loc.members[loc.members.length - 1])) throw new SceneParseError(loc.file, 0, 'no member');
      });
      return true;
    } catch (err) {
      if (err instanceof AnalyzeError) return false;
      throw err;
    }
  }

  /** Anchors and resolves an authored path the way the default resolver does (§4.4, §5.2, §5.3). */
  private async anchor(authored: string, from: LayerLocation): Promise<{ found: boolean; loc: LayerLocation; report: string }> {
    const pkg = splitPackagePath(authored);
    const outer = pkg ? pkg.outer : authored;
    const withInner = (loc: LayerLocation): LayerLocation => (pkg ? { file: loc.file, members: [...loc.members, ...pkg.inner] } : loc);
    const plain = outer.replace(/\\/g, '/');
    const attempt = async (loc: LayerLocation): Promise<LayerLocation | undefined> => ((await this.exists(withInner(loc))) ? withInner(loc) : undefined);

    if (isAbsolute(outer)) {
      const loc = { file: path.resolve(outer), members: [] };
      const hit = await attempt(loc);
      return { found: !!hit, loc: hit ?? withInner(loc), report: locationId(withInner(loc)) };
    }
    if (from.members.length > 0) {
      const pkgMembers = from.members.slice(0, -1);
      const authoring = from.members[from.members.length - 1]!;
      const inside = (dir: string): LayerLocation | undefined => {
        const m = path.posix.normalize(path.posix.join(dir, plain));
        return m.startsWith('../') || m === '..' ? undefined : { file: from.file, members: [...pkgMembers, m] };
      };
      const here = inside(path.posix.dirname(authoring));
      if (isFileRelative(plain)) {
        const hit = here && (await attempt(here));
        const loc = here ?? { file: from.file, members: [...pkgMembers, plain] };
        return { found: !!hit, loc: hit ?? withInner(loc), report: locationId(withInner(loc)) };
      }
      const tries = [here];
      const first = (await this.withSource({ file: from.file, members: pkgMembers }, (src) => this.membersOf({ file: from.file, members: pkgMembers }, src)))[0];
      if (first) tries.push(inside(path.posix.dirname(first.name)));
      for (const t of tries) {
        const hit = t && (await attempt(t));
        if (hit) return { found: true, loc: hit, report: locationId(hit) };
      }
      return this.search(plain, authored, withInner);
    }
    const dir = path.dirname(from.file);
    const anchored = { file: path.resolve(dir, plain), members: [] };
    const hit = await attempt(anchored);
    if (hit) return { found: true, loc: hit, report: locationId(hit) };
    if (isFileRelative(plain)) return { found: false, loc: withInner(anchored), report: locationId(withInner(anchored)) };
    return this.search(plain, authored, withInner);
  }

  private async search(plain: string, authored: string, withInner: (l: LayerLocation) => LayerLocation): Promise<{ found: boolean; loc: LayerLocation; report: string }> {
    for (const dir of this.searchDirs) {
      const loc = withInner({ file: path.resolve(dir, plain), members: [] });
      if (await this.exists(loc)) return { found: true, loc, report: locationId(loc) };
    }
    return { found: false, loc: withInner({ file: path.resolve(this.searchDirs[0]!, plain), members: [] }), report: authored };
  }

  /** A clip template (§5.6): its folder globbed with every `#` as `*`; not expanded inside packages. */
  private async clipTemplate(dep: LayerDependency, authored: string, from: LayerLocation): Promise<void> {
    if (from.members.length > 0) return;
    const split = splitClipTemplate(authored);
    if (!split) return;
    const { folder: dirPart, pattern } = split;
    const dir = isAbsolute(dirPart) ? path.resolve(dirPart) : path.resolve(path.dirname(from.file), dirPart);
    let names: string[] = [];
    try {
      names = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isFile() && pattern.test(e.name)).map((e) => e.name).sort();
    } catch {
      names = [];
    }
    if (names.length === 0) {
      this.miss(dep, authored, path.resolve(path.dirname(from.file), authored.replace(/\\/g, '/')), from);
      return;
    }
    for (const name of names) await this.record({ file: path.join(dir, name), members: [] }, { ...dep, kind: 'asset', path: `${dirPart}/${name}` }, from);
  }
}
