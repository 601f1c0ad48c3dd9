/** Tip codes the analysis writes to tips.json (spec/analysis.md §1.0–1.3, api.md §8.2). */
export const TIPS = {
  unknownError: '999',
  versionMismatch: '15013',
  cgNotExists: '15019',
  cgFileNotExists: '15024',
  getSceneInfoFailed: '15002',
  /** Houdini: a referenced file is missing (or could not be resolved/read). */
  houdiniMissingFile: '50001',
  /** Houdini: a ROP's camera is missing. */
  houdiniCameraError: '50002',
  /** Houdini: distributed sim slice type unsupported / too many slices. */
  houdiniSliceType: '50007',
  houdiniSliceCount: '50008',
  /** Maya / Clarisse: "Reference file not found". */
  referenceMissing: '25009',
  /**
   * Any host: a file was not at its saved path and was found by a fallback rule or a path map
   * (the message says which, so the artist can fix the scene). Our code; a warning, never blocking.
   */
  foundByFallback: '25010',
  /** Houdini: the ROP graph has a cycle (Houdini refuses to render it; the order breaks it at the repeat), or a fetch/wedge names no node. Our code. */
  houdiniRopGraph: '25011',
  /** Houdini: a ROP's take is not in the scene, or holds data the static reader cannot interpret. Our code. */
  houdiniTake: '25012',
  /** Houdini: a wedge ROP varies parms of the ROP it drives; the farm renders that ROP once, as stored. Our code. */
  houdiniWedge: '25013',
} as const;

/** The missing-file tip code of a host. */
export function missingFileCode(host: string): string {
  return host === 'houdini' ? TIPS.houdiniMissingFile : TIPS.referenceMissing;
}
