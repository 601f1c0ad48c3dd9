// Starts a private sidecar (no discovery file unless asked) in a temp SDK home, for one test file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSidecar, type Sidecar, type SidecarOptions } from '../../../sidecar/src/rpc/index';

export interface TestSidecar {
  sidecar: Sidecar;
  home: string;
  close(): Promise<void>;
}

export async function withSidecar(options: SidecarOptions = {}): Promise<TestSidecar> {
  const home = mkdtempSync(join(tmpdir(), 'rv-sidecar-'));
  // Every SDK default under the SDK home (record DB, analysis cache, downloads) goes to the temp dir.
  const previous = process.env.RAYVISION_SDK_HOME;
  process.env.RAYVISION_SDK_HOME = home;
  const sidecar = await startSidecar({ home, discovery: false, idleTimeoutMs: 0, checkResults: true, ...options });
  return {
    sidecar,
    home,
    close: async () => {
      await sidecar.close();
      if (previous === undefined) delete process.env.RAYVISION_SDK_HOME;
      else process.env.RAYVISION_SDK_HOME = previous;
      rmSync(home, { recursive: true, force: true });
    },
  };
}
