/**
 * Where the DCC scripts (`dcc-plugins/`) are: beside the bundle (`dist/dcc-plugins`) or in the
 * source tree. Exported as RAYVISION_PLUGINS_DIR for the analysis launcher and the installer,
 * unless the user set it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Sets RAYVISION_PLUGINS_DIR when unset and a dcc-plugins folder is found; returns it. */
export function locatePlugins(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.RAYVISION_PLUGINS_DIR) return env.RAYVISION_PLUGINS_DIR;
  const here = path.dirname(fileURLToPath(import.meta.url));
  // Bundle: dist/rayvision.mjs → dist/dcc-plugins. Source: sidecar/src/cli → ../../../dcc-plugins.
  for (const candidate of [path.join(here, 'dcc-plugins'), path.resolve(here, '..', '..', '..', 'dcc-plugins')]) {
    if (existsSync(path.join(candidate, 'common'))) {
      env.RAYVISION_PLUGINS_DIR = candidate;
      return candidate;
    }
  }
  return undefined;
}
