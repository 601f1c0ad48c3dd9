/**
 * Where the monitor page's static files are: beside the bundle (`dist/monitor-page`, copied by
 * scripts/build.mjs) or in the source tree (`sidecar/monitor-page`). RAYVISION_MONITOR_DIR overrides.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding index.html of the monitor, or undefined when none is found. */
export function monitorPageDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [env.RAYVISION_MONITOR_DIR, path.join(here, 'monitor-page'), path.resolve(here, '..', '..', 'monitor-page')];
  return candidates.find((c): c is string => !!c && existsSync(path.join(c, 'index.html')));
}
