/**
 * Long ↔ short names of the attributes the facts read. A .ma writes short names, a script or an
 * override (`.atr "startFrame"`) uses long ones; lookups go through the long name.
 */

const SHORT_TO_LONG: Record<string, Record<string, string>> = {
  renderGlobals: {
    ren: 'currentRenderer', fs: 'startFrame', ef: 'endFrame', bfs: 'byFrameStep', an: 'animation',
    mfe: 'modifyExtension', ifp: 'imageFilePrefix', outf: 'imageFormat', imfkey: 'imfPluginKey',
    pff: 'putFrameBeforeExt', pad: 'extensionPadding', se: 'startExtension', be: 'byExtension',
  },
  resolution: { w: 'width', h: 'height' },
  camera: { rnd: 'renderable' },
  renderLayer: { rndr: 'renderable' },
  renderSetupLayer: { rndr: 'renderable' },
  aiAOVDriver: { ai_translator: 'aiTranslator' },
  VRaySettingsNode: { fnprx: 'fileNamePrefix' },
};

/** The long name of `attr` on a node of `type` (unknown names are returned as they are). */
export function longName(type: string, attr: string): string {
  return SHORT_TO_LONG[type]?.[attr] ?? attr;
}

/** Every name (long first, then short ones) that `long` may be written as on a node of `type`. */
export function namesOf(type: string, long: string): string[] {
  const table = SHORT_TO_LONG[type];
  const names = [long];
  if (table) for (const [s, l] of Object.entries(table)) if (l === long) names.push(s);
  return names;
}

/** Maya's time units → frames per second (`currentUnit -t`, .mb `TUNI`). */
const FPS: Record<string, number> = {
  game: 15, film: 24, pal: 25, ntsc: 30, show: 48, palf: 50, ntscf: 60,
  hour: 1 / 3600, min: 1 / 60, sec: 1, millisec: 1000,
};

/** Frames per second of a time unit name (`film`, `ntsc`, `23.976fps` …); unknown → 24. */
export function framesPerSecond(unit: string | undefined): number {
  if (!unit) return 24;
  const fixed = FPS[unit];
  if (fixed !== undefined) return fixed;
  const m = /^(\d+(?:\.\d+)?)fps$/.exec(unit);
  const fps = m ? Number(m[1]) : NaN;
  return Number.isFinite(fps) && fps > 0 ? fps : 24;
}

/** Maya's internal time resolution: 141 120 000 ticks per second (.mb `TDUR`). */
export const TICKS_PER_SECOND = 141_120_000;
