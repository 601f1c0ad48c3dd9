/** Options and report of `rayvision install-plugins` (issue 7, item 3). */

export type PluginHost = 'houdini' | 'maya' | 'clarisse';
export const PLUGIN_HOSTS: readonly PluginHost[] = ['houdini', 'maya', 'clarisse'];

export interface InstallOptions {
  /** Hosts to install for; all three when empty or omitted. */
  hosts?: readonly PluginHost[];
  /** The `dcc-plugins` folder to point the hosts at; default RAYVISION_PLUGINS_DIR or the repository's. */
  pluginRoot?: string;
  /** Home folder to search (tests pass a temp dir); default USERPROFILE/HOME of `env`. */
  home?: string;
  /** OS whose folder layout to use; default process.platform. */
  platform?: NodeJS.Platform;
  /** Environment (HOUDINI_USER_PREF_DIR, MAYA_APP_DIR, APPDATA …); default process.env. */
  env?: NodeJS.ProcessEnv;
  /** Report what would change without writing. */
  dryRun?: boolean;
}

export type ActionKind = 'written' | 'updated' | 'unchanged' | 'removed' | 'absent' | 'not-found';

/** One thing done (or found undoable) for one host version. */
export interface InstallAction {
  host: PluginHost;
  /** Host version folder name, e.g. "20.5", "2024", "4.0"; undefined when no version was found. */
  version?: string;
  /** File written or removed, or the folder searched when nothing was found. */
  path: string;
  action: ActionKind;
  detail?: string;
}

export interface InstallReport {
  pluginRoot: string;
  actions: InstallAction[];
  /** Nothing was written: the actions say what would have been done. */
  dryRun?: boolean;
}
