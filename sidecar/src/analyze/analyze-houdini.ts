import { open } from 'node:fs/promises';
import type { SceneFacts } from '../../../protocol/src/scene';
import { JobFileError, JOBFILE_CODES } from '../jobfiles/errors';
import { writeTaskJson } from '../jobfiles/write';
import { AnalyzeBase } from './analyze-base';
import { FactsCache, houdiniDbDir } from './cache/facts-cache';
import type { AnalyseCallOptions, AnalyzeOptions } from './options';
import { readHip } from './static/houdini/read-hip';

/** The `_HIP_SAVEVERSION` of a .hip, from its first 256 KiB (the `.variables` entry comes early). */
export async function sniffHipVersion(file: string): Promise<string | undefined> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(256 * 1024);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return /set -g _HIP_SAVEVERSION = '([^']+)'/.exec(buf.toString('latin1', 0, bytesRead))?.[1];
  } finally {
    await handle.close();
  }
}

/**
 * Analyses a Houdini scene (.hip/.hipnc/.hiplc) into job files (rayvision_houdini AnalyzeHoudini).
 * Static facts are cached in the Houdini analysis database (customDbPath, RAYVISION_HOUDINI or the
 * SDK home) keyed by scene path, size and mtime: re-analysing an unchanged scene skips the reader.
 */
export class AnalyzeHoudini extends AnalyzeBase {
  protected readonly host = 'houdini' as const;
  readonly customDbPath?: string;

  constructor(options: AnalyzeOptions) {
    super(options, 'Houdini');
    if (options.customDbPath) this.customDbPath = options.customDbPath;
  }

  protected override readStatic(options: { signal?: AbortSignal; onProgress?: AnalyseCallOptions['onProgress'] }): Promise<SceneFacts> {
    return readHip(this.cgFile, options);
  }

  /**
   * The database only saves time: one that cannot be opened, read or written (a damaged file, a
   * read-only folder) never fails the analysis; the scene is read and the facts say why it was not cached.
   */
  protected override async staticFacts(options: { signal?: AbortSignal; onProgress?: AnalyseCallOptions['onProgress'] }): Promise<SceneFacts> {
    const dir = houdiniDbDir(this.customDbPath);
    let problem: unknown;
    let cache: FactsCache | undefined;
    try {
      cache = FactsCache.open(dir);
    } catch (err) {
      problem = err;
    }
    try {
      const cached = cache ? await cache.get(this.cgFile, 'static').catch((err: unknown) => void (problem = err)) : undefined;
      if (cached) return cached;
      const facts = await this.readStatic(options);
      if (cache && problem === undefined) await cache.put(this.cgFile, 'static', facts).catch((err: unknown) => void (problem = err));
      if (problem === undefined) return facts;
      const message = `The Houdini analysis database in ${dir} could not be used (${(problem as Error).message}); the scene was read without it. Fix or delete data_tl.db there, or set customDbPath.`;
      return { ...facts, warnings: [...facts.warnings, { code: 'CACHE_UNUSABLE', message }] };
    } finally {
      try {
        cache?.close();
      } catch {
        // closing a database that failed mid-way has nothing left to release
      }
    }
  }

  protected override async versionForSearch(): Promise<string> {
    return this.softwareVersion || ((await sniffHipVersion(this.cgFile).catch(() => undefined)) ?? '');
  }

  /** `{ <geo node path>: "" }` for scene_info_render.geo_node entries with render "1". */
  getGeoNodeDict(): Record<string, string> {
    const geo = (this.taskInfo?.scene_info_render?.geo_node ?? []) as Array<{ node: string; render: string }>;
    return Object.fromEntries(geo.filter((g) => g.render === '1').map((g) => [g.node, '']));
  }

  /**
   * Sets the render order of geo nodes: ranks "1".."N" (a permutation) go to each node's
   * `geoDependencySort`, and task_info gets multi_node "0", geo_node_dependency "1"; task.json is rewritten.
   * The user's order replaces the one analysis filled from the ROP graph: a geo node it leaves out loses its rank.
   */
  async setGeoNodeOrder(order: Record<string, string>): Promise<void> {
    if (!this.taskInfo || !this.jobDir) throw new JobFileError('ERR_NOT_ANALYSED', 'Run analyse() before setGeoNodeOrder().');
    const ranks = Object.values(order).map(Number).sort((a, b) => a - b);
    if (!ranks.every((r, i) => r === i + 1)) {
      throw new JobFileError('ERR_BAD_ARGUMENT', 'Geo node ranks must be "1" to "N", each used once.', { farmCode: JOBFILE_CODES.badArgument });
    }
    for (const info of [this.taskInfo.scene_info, this.taskInfo.scene_info_render]) {
      for (const g of (info.geo_node ?? []) as Array<Record<string, string>>) {
        if (g.node! in order) g.geoDependencySort = String(order[g.node!]);
        else delete g.geoDependencySort;
      }
    }
    this.taskInfo.task_info.multi_node = '0';
    this.taskInfo.task_info.geo_node_dependency = '1';
    await writeTaskJson(`${this.jobDir}/task.json`, this.taskInfo);
  }
}
