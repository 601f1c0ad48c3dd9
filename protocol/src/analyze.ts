/**
 * Scene analysis (spec/analysis.md): a scene becomes the four job files (task, asset, tips, upload
 * json) in a workspace folder. Three ways in, one format out (`SceneFacts`, protocol/src/scene.ts):
 * `analyze/scene` reads the file statically or runs the DCC's batch interpreter; `analyze/intake`
 * takes facts a plugin computed inside a live DCC session.
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod } from './define';
import { ErrorCodes } from './errors';
import { HostName, SceneFacts } from './scene';
import { PathMapInput } from './path-map';
import { JobFilePaths, JobStarted } from './common';

/** Options shared by both ways in; names follow the Python Analyze* constructors in camelCase. */
export const AnalyzeOptions = z.object({
  /** Folder under which a per-analysis folder is made; default `<sdk home>` (RAYVISION_SDK_HOME). */
  workspace: z.string().optional(),
  /** The DCC version to render with, e.g. "17.5.293"; defaults to the version that saved the scene. */
  softwareVersion: z.string().optional(),
  projectName: z.string().optional(),
  /** Renderer plugins and versions, e.g. { "renderman": "22.6" }. */
  pluginConfig: z.record(z.string(), z.string()).optional(),
  platform: z.string().optional(),
  /**
   * The user's path map, applied to every path the scene names before the host's fallbacks, e.g.
   * `{"D:/projects": "/mnt/projects"}` (also a rule list or an OJD path-mapping document). @since 1.1
   */
  pathMap: PathMapInput.optional(),
});

export const AnalyzeResult = JobFilePaths.extend({
  /** The per-analysis folder holding the four files. */
  workspace: z.string(),
  /** The facts the files were made from. */
  facts: SceneFacts.optional(),
  /** tips.json content: problems found, by tip code. */
  tips: z.record(z.string(), z.unknown()).optional(),
});
export type AnalyzeResult = z.infer<typeof AnalyzeResult>;

/**
 * `analyze/scene` (job): analyse a scene file into job files.
 * `mode`: `static` reads the file in TypeScript; `batch` runs the DCC's interpreter (hython, mayapy,
 * cnode) with our script; `auto` reads statically and falls back to batch when references need a DCC.
 * @since 1.0
 */
export const scene = defineMethod({
  method: 'analyze/scene',
  params: AnalyzeOptions.extend({
    scenePath: z.string().min(1),
    /** Guessed from the extension when omitted (.hip/.hiplc/.hipnc, .ma/.mb, .project). */
    host: HostName.optional(),
    mode: z.enum(['static', 'batch', 'auto']).default('auto'),
    /** Batch mode: the DCC interpreter to run instead of the one found on this machine. */
    exePath: z.string().optional(),
  }),
  result: JobStarted,
  jobResult: AnalyzeResult,
  errors: [ErrorCodes.SdkError],
  summary: 'Analyse a scene file into the four job files.',
  since: '1.0',
});

/**
 * `analyze/intake`: turn facts a plugin computed in a live DCC session (`source: "host"`) into job files.
 * @since 1.0
 */
export const intake = defineMethod({
  method: 'analyze/intake',
  params: AnalyzeOptions.extend({ facts: SceneFacts }),
  result: AnalyzeResult,
  errors: [ErrorCodes.SdkError],
  summary: 'Write job files from facts computed inside a DCC.',
  since: '1.0',
});

export const analyzeMethods = [scene, intake] as const;
