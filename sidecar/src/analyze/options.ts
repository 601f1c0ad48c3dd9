import type { ProgressListener } from '../../../protocol/src/progress';
import type { PathMapInput } from '../../../protocol/src/path-map';

/** Constructor options shared by AnalyzeHoudini/Maya/Clarisse (the Python parameters in camelCase). */
export interface AnalyzeOptions {
  cgFile: string;
  /** The DCC version to render with; defaults to the version that saved the scene. */
  softwareVersion?: string;
  projectName?: string | null;
  pluginConfig?: Record<string, string> | null;
  renderSoftware?: string;
  /** "windows" or "linux"; default from this machine (macOS counts as "linux", not Windows). */
  localOs?: 'windows' | 'linux';
  /** Root for the per-analysis folder; must exist. Default: the SDK home (RAYVISION_SDK_HOME). */
  workspace?: string;
  /** The DCC interpreter to run for batch analysis instead of the one found on this machine. */
  customExePath?: string;
  platform?: string;
  /** Houdini: folder of the analysis cache database (else RAYVISION_HOUDINI, else the SDK home). */
  customDbPath?: string;
  /**
   * The user's path map, applied with the scene's own maps (Maya dirmap, HOUDINI_PATHMAP) before the
   * host's fallbacks: `{"D:/projects": "/mnt/projects"}`, a rule list or an OJD path-mapping document.
   */
  pathMap?: PathMapInput | string;
}

export interface AnalyseCallOptions {
  /** static: TypeScript reader; batch: the DCC's interpreter; auto: batch when a DCC is installed, else static. */
  mode?: 'auto' | 'static' | 'batch';
  /** Batch: the interpreter to run (wins over customExePath). */
  exePath?: string;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

/** The local OS name the farm expects, from this machine. */
export function detectLocalOs(): 'windows' | 'linux' {
  return process.platform === 'win32' ? 'windows' : 'linux';
}
