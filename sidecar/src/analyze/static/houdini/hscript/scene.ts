/**
 * What the evaluator needs to know about a scene, kept apart from the .hip model so the evaluator
 * can be tested and fuzzed on its own. `hip-scene.ts` builds it from a HipModel.
 */
export interface ChannelInfo {
  /** The expression of the channel's segment (absent for plain keyframes). */
  expr?: string;
  language: 'hscript' | 'python';
  /** More than one segment: the value changes over time. */
  animated: boolean;
}

/** One component of a parm: its stored text (the cached value when a channel drives it). */
export interface ParmSlot {
  text: string;
  channel?: ChannelInfo;
}

export interface HscriptScene {
  hasNode(path: string): boolean;
  /** A parm component by Houdini's name (`file`, `res1`, `tx`); undefined when the node has none. */
  parm(node: string, name: string): ParmSlot | undefined;
  /** Full path of the node wired into input `index` of `node`; '' when nothing is connected. */
  input(node: string, index: number): string;
  /** A scene variable's text (the scene's `set -g` values, then the environment), fully expanded. */
  variable(name: string): string | undefined;
  /** Numeric scene variables: FSTART, FEND, FPS, NFRAMES, RFSTART, RFEND. */
  numbers: Record<string, number>;
}
