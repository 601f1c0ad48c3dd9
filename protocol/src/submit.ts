/**
 * The whole flow in one job, what a plugin's "Submit" button calls: analyse (or take host facts),
 * apply task-info edits, check, upload, submit, and optionally download frames as they finish.
 * Progress carries the `stage` of the SDK call running (e.g. analyse, check, upload-config, upload,
 * submit, download), under one begin … end for the whole job.
 * @since 1.0
 */
import { z } from 'zod';
import { defineMethod } from './define';
import { ErrorCodes } from './errors';
import { HostName, SceneFacts } from './scene';
import { JobStarted } from './common';
import { AnalyzeOptions } from './analyze';
import { HardwareConfig } from './check';
import { TransferOptions } from './transfer';
import { frameSpecProblem } from './frame-spec';

/** A frame spec such as `1-100x2, 120, 200-210` (protocol/src/frame-spec.ts); a bad one is refused naming its field. */
export const FrameSpec = z.string().superRefine((text, ctx) => {
  const problem = frameSpecProblem(text);
  if (problem) ctx.addIssue({ code: 'custom', message: `The frame spec "${text}" ${problem}.` });
});

/**
 * Scout (test) frames rendered before the rest: the farm's `pre_frames` (first/middle/last flags plus a
 * custom list) and `stop_after_test` ("1" pause after them; a later task/start renders the rest).
 */
export const ScoutFrames = z
  .object({
    mode: z.enum(['none', 'first', 'first-middle-last', 'custom']).default('none'),
    /** `custom` only: which frames, as a frame spec. */
    frames: FrameSpec.optional(),
    /** Pause after the scout frames until the task is started again. */
    stopAfter: z.boolean().default(false),
  })
  .superRefine((s, ctx) => {
    if (s.mode === 'custom' && !s.frames) ctx.addIssue({ code: 'custom', path: ['frames'], message: 'custom scout frames need a frame spec, e.g. 1, 50, 100' });
  });
export type ScoutFrames = z.infer<typeof ScoutFrames>;

/**
 * What an artist sets in the submit dialog (or on the CLI) beyond the analysis: applied to task.json
 * and upload.json after the analysis and before the check. Every field is optional.
 */
export const SubmitSettings = z.object({
  /** Frames per ROP / render layer / Clarisse image or layer (node path, or its last name part); `*` = every renderable one. */
  frames: z.record(z.string().min(1), FrameSpec).optional(),
  /** Render only these nodes / layers / images (others are switched off); default: as the scene or facts say. */
  renderNodes: z.array(z.string().min(1)).optional(),
  /** Frames per farm task (task_info.frames_per_task). */
  chunk: z.number().int().min(1).max(1000).optional(),
  /** The camera to render (Maya: each layer's render_camera; Clarisse: each image's camera), or one per node. */
  camera: z.union([z.string().min(1), z.record(z.string().min(1), z.string().min(1))]).optional(),
  scout: ScoutFrames.optional(),
  /** Seconds a frame may run before the farm warns (task_info.time_out). */
  timeoutSeconds: z.number().int().min(1).max(30 * 24 * 3600).optional(),
  /** Seconds after which the farm stops a frame that still runs (task_info.job_stop_time). */
  overTimeStopSeconds: z.number().int().min(1).max(30 * 24 * 3600).optional(),
  /** Files or folders to upload besides what the analysis found, and analysis entries to leave out. */
  assets: z.object({ add: z.array(z.string().min(1)).default([]), remove: z.array(z.string().min(1)).default([]) }).optional(),
});
export type SubmitSettings = z.infer<typeof SubmitSettings>;

/**
 * `submit/scene` (job): analyse, check, upload and submit a scene; optionally bring frames back.
 * @since 1.0
 */
export const scene = defineMethod({
  method: 'submit/scene',
  params: AnalyzeOptions.extend(TransferOptions.shape).extend(SubmitSettings.shape).extend({
    scenePath: z.string().min(1),
    host: HostName.optional(),
    mode: z.enum(['static', 'batch', 'auto']).default('auto'),
    /** Batch mode: the DCC interpreter to run instead of the one found on this machine. @since 1.1 */
    exePath: z.string().optional(),
    /** Facts computed inside the DCC (then no file analysis runs). */
    facts: SceneFacts.optional(),
    /** Keys set in task_info before the check (e.g. frames, `frames_per_task`). */
    taskInfo: z.record(z.string(), z.unknown()).optional(),
    /** The hardware to render on (one of `submit/options`' `hardware`); default: the farm's CPU Default. */
    hardwareConfig: HardwareConfig.optional(),
    /**
     * Submit even though the scene was read incompletely (a truncated or damaged scene file: tips
     * 15101–15107). Without it the check refuses such a scene and lists what was damaged.
     */
    allowIncomplete: z.boolean().optional(),
    /** The task's priority (the farm's taskUserLevel, 0–100; the farm's default is 50), set before the submit. */
    priority: z.number().int().min(0).max(100).optional(),
    /** When given, frames are downloaded here as they finish; the job ends when the task ends. */
    download: z.object({ localPath: z.string().optional(), sleepTime: z.number().positive().default(5) }).optional(),
  }),
  result: JobStarted,
  jobResult: z.object({
    taskId: z.number().int(),
    workspace: z.string(),
    /** Downloaded files (when `download` was asked). */
    paths: z.array(z.string()).default([]),
  }),
  progress: ['bytes', 'files', 'frames'],
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'Analyse, check, upload and submit a scene (and optionally download its frames).',
  since: '1.0',
});

const VersionMenu = z.object({
  name: z.string(),
  versions: z.array(z.string()),
  /** The version the scene was saved with / uses. */
  detected: z.string().optional(),
  /** Preselected: the detected one when the farm offers it, else the closest. */
  selected: z.string().optional(),
  /** Why the preselection differs from the detected version. */
  note: z.string().optional(),
});

/**
 * `submit/options`: the dialog's menus from the farm for a scene's facts: hardware (hardwareConfig/list,
 * with a GPU configuration preselected, and why, when a renderer of the renderable nodes needs one),
 * the DCC versions and the versions of each plugin the scene uses (querySoftwareDetail).
 * @since 1.0
 */
export const options = defineMethod({
  method: 'submit/options',
  params: z.object({
    facts: SceneFacts,
    /** The platform the dialog submits to (default: the session's). */
    platform: z.string().optional(),
  }),
  result: z.object({
    hardware: z.array(z.object({
      id: z.string(), model: z.string(), ram: z.string(), gpuNum: z.string().nullable(), platform: z.string(), gpu: z.boolean(), label: z.string(),
    })),
    /** Index into `hardware` of the preselected configuration; -1 when the account lists none. */
    hardwareSelected: z.number().int(),
    hardwareReason: z.string(),
    /** node → why it needs a GPU. */
    gpuNodes: z.record(z.string(), z.string()),
    software: VersionMenu,
    plugins: z.array(VersionMenu),
  }),
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'The submit dialog\'s hardware, software and plugin menus from the farm, with preselections.',
  since: '1.1',
});

/**
 * `submit/assets`: the assets to review before submitting: the analysis of the facts (as `submit/scene`
 * would run it), the artist's additions and removals applied, then every upload.json entry with its
 * size and whether the upload-record DB says the farm has it, and the references left out (missing, or
 * needing the DCC). The entries are upload.json's, in order: what is shown is what is uploaded.
 * @since 1.0
 */
export const assets = defineMethod({
  method: 'submit/assets',
  params: AnalyzeOptions.extend({ facts: SceneFacts, assets: SubmitSettings.shape.assets }),
  result: z.object({
    workspace: z.string(),
    uploadJsonPath: z.string(),
    entries: z.array(z.object({ local: z.string(), server: z.string(), size: z.number(), status: z.enum(['upload', 'on-farm', 'missing']) })),
    unresolved: z.array(z.object({ path: z.string(), status: z.enum(['missing', 'needs-dcc']) })),
    totalBytes: z.number(),
    onFarmBytes: z.number(),
    toUploadBytes: z.number(),
  }),
  errors: [ErrorCodes.SdkError, ErrorCodes.NotLoggedIn],
  needsLogin: true,
  summary: 'The upload list of a scene (sizes, already on the farm, left out) for review before submitting.',
  since: '1.1',
});

export const submitMethods = [scene, options, assets] as const;
