/**
 * Scene facts: what an analysis learns about a scene, in one format whatever computed it.
 *
 * Three sources fill it (spec/analysis.md, issue "Scene analysis"):
 * - `static`: the TypeScript readers of .hip/.ma/.mb/.project (sidecar/src/analyze/static/);
 * - `batch`: our analysis script run by the DCC's own interpreter (hython, mayapy, cnode);
 * - `host`: a plugin's walk inside a live DCC session, sent over JSON-RPC (`analyze/intake`).
 * The sidecar turns facts into the four job files; nothing downstream knows which source it was.
 *
 * References are recorded RAW (as stored in the scene, with `$HIP`, `$F4`, `####`, `<UDIM>`, `<f>` …)
 * plus, when a DCC evaluated it, `evaluated`. Expanding tokens to the files on disk is done once, in
 * the sidecar, by one token grammar for every host (sidecar/src/analyze/tokens/).
 * @since 0.1.0
 */
import { z } from 'zod';
import { PathMapRule } from './path-map';

export const HostName = z.enum(['houdini', 'maya', 'clarisse']);
export type HostName = z.infer<typeof HostName>;

export const FactsSource = z.enum(['static', 'batch', 'host']);
export type FactsSource = z.infer<typeof FactsSource>;

/** An inclusive frame range; `step` ≥ 1. Rendered as "start-end[step]" in task.json. */
export const FrameRange = z.object({
  start: z.number(),
  end: z.number(),
  step: z.number().positive().default(1),
});
export type FrameRange = z.infer<typeof FrameRange>;

export const ReferenceKind = z.enum([
  'texture', 'geometry', 'cache', 'alembic', 'vdb', 'usd', 'scene_reference', 'hda', 'image', 'procedural', 'other',
]);
export type ReferenceKind = z.infer<typeof ReferenceKind>;

/** One external file the scene reads (outputs are not references: they live on render nodes). */
export const FileReference = z.object({
  /** Node path (Houdini `/obj/geo1/file1`), Maya node name, or Clarisse item path (`project://scene/tex`). */
  node: z.string(),
  /** Parameter / attribute that holds the path (`file`, `fileTextureName`, `filename`). */
  parm: z.string(),
  /** The value exactly as stored in the scene, tokens and variables unexpanded. */
  path: z.string(),
  /** The value as the DCC evaluated it at the current frame (batch/host), or as the static HScript evaluator worked it out (frame tokens kept, Houdini). */
  evaluated: z.string().optional(),
  kind: ReferenceKind.default('other'),
  /** True when the path holds a frame token ($F, ####, <f>, %04d …) and names a sequence. */
  sequence: z.boolean().optional(),
  /** True when the value comes from an expression the static reader could not evaluate: needs a DCC. */
  needsDcc: z.boolean().optional(),
  /**
   * The file that stores this path when it is not the scene itself: a referenced .ma/.mb/.project or
   * an HDA library read while following references, or (live sessions) the reference a node came
   * from. Relative paths and fallbacks resolve from that file's folder. @since 1.1
   */
  definedIn: z.string().optional(),
  /**
   * With `needsDcc`: why the static reader could not evaluate the value (a Python expression, a
   * cycle of channel references …). Such a reference is reported as a tip and never looked up on disk.
   * @since 1.1
   */
  dccReason: z.string().optional(),
  /** Maya: the namespace a referenced scene loads into (its nodes are `<namespace>:<name>`). @since 1.1 */
  namespace: z.string().optional(),
  /**
   * Houdini: the ROP that writes this file before the render reads it (a geometry/cache ROP the render
   * ROP depends on). Produced on the farm, so neither uploaded nor reported missing. Set by the sidecar. @since 1.1
   */
  producedBy: z.string().optional(),
});
export type FileReference = z.infer<typeof FileReference>;

/**
 * A thing that renders or writes: a Houdini ROP, a Maya render layer, a Clarisse image (with its
 * 3D layers as `children`). Host-specific values that task.json needs go to `settings` as strings
 * (Maya: image_file_prefix, image_format, renumber_frames …; Clarisse: format, LUT, save_to_disk …;
 * Houdini distributed sims: output_driver, sliceType, num_slices, simControlName).
 */
export interface RenderNode {
  node: string;
  type: string;
  /** Houdini category: rop_node, geo_node, distributedsim_node; Maya: layer; Clarisse: image, layer. */
  category: string;
  renderable: boolean;
  frames?: FrameRange;
  /** Cameras this node renders (Maya: renderable cameras of the layer). */
  cameras?: string[];
  /** Output path as stored (picture / image prefix / save_as). Never uploaded. */
  output?: string;
  width?: number;
  height?: number;
  renderer?: string;
  settings?: Record<string, string>;
  children?: RenderNode[];
  /**
   * Houdini ROP graph: the render nodes (other `node` paths of renderNodes) that must run before this
   * one, in input order; pass-through nodes (merge, fetch, wedge, null, subnets) and bypassed nodes are
   * resolved through. @since 1.1
   */
  dependsOn?: string[];
  /** Houdini: the take whose parm values the frames/output/camera were read under (absent: the Main take). @since 1.1 */
  take?: string;
}
export const RenderNode: z.ZodType<RenderNode> = z.lazy(() =>
  z.object({
    node: z.string(),
    type: z.string(),
    category: z.string(),
    renderable: z.boolean(),
    frames: FrameRange.optional(),
    cameras: z.array(z.string()).optional(),
    output: z.string().optional(),
    width: z.number().int().positive().optional(),
    height: z.number().int().positive().optional(),
    renderer: z.string().optional(),
    settings: z.record(z.string(), z.string()).optional(),
    children: z.array(RenderNode).optional(),
    dependsOn: z.array(z.string()).optional(),
    take: z.string().optional(),
  }),
);

export const Camera = z.object({
  node: z.string(),
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  renderable: z.boolean().optional(),
});
export type Camera = z.infer<typeof Camera>;

/**
 * A problem found while reading the scene; becomes a tip with the documented code (analysis.md §1.0).
 * `code` is a tip code (digits, e.g. "50001") written to tips.json; any other code (e.g. "info") is a
 * diagnostic kept in the facts only.
 */
export const SceneWarning = z.object({
  code: z.string(),
  message: z.string(),
  node: z.string().optional(),
  parm: z.string().optional(),
});
export type SceneWarning = z.infer<typeof SceneWarning>;

export const SceneFacts = z.object({
  host: HostName,
  source: FactsSource,
  /** Absolute path of the scene file as the host sees it. */
  scenePath: z.string(),
  /** DCC name and the version that saved the scene (e.g. Houdini "17.0.352", Maya "2018"). */
  software: z.object({ name: z.string(), version: z.string().optional() }),
  /** Renderer plugins and versions the scene requires, e.g. { mtoa: "2.0.1" }. */
  plugins: z.record(z.string(), z.string()).default({}),
  /** The scene's global frame range ($FSTART-$FEND, render globals, Clarisse image range). */
  frameRange: FrameRange.optional(),
  renderNodes: z.array(RenderNode).default([]),
  cameras: z.array(Camera).default([]),
  references: z.array(FileReference).default([]),
  /** Scene-level variables as stored ($HIP, $JOB, $HIPNAME, Maya project root, Clarisse project dir …). */
  variables: z.record(z.string(), z.string()).default({}),
  /** Path maps the scene or session defines (Maya `dirmap`, `HOUDINI_PATHMAP`); the user's map is an option. @since 1.1 */
  pathMaps: z.array(PathMapRule).default([]),
  warnings: z.array(SceneWarning).default([]),
});
export type SceneFacts = z.infer<typeof SceneFacts>;
export type SceneFactsInput = z.input<typeof SceneFacts>;
