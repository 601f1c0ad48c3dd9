// Engine "transmitter" through RayvisionUpload imported on its own (not through the package index, so no
// side-effect import can have registered the engine): the binary runs with `-C None` (the sidecar owns
// the record DB), and the records RayvisionUpload writes make a re-upload of unchanged files send nothing.
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RayvisionUpload } from '../../../sidecar/src/transfer/upload';
import { perTest } from '../download/farm-task';

const exe = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/standins/rayvision_transmitter.mjs');
const scope = perTest();

/** The argv of every stand-in run so far. */
async function runs(calls: string): Promise<string[][]> {
  const text = await readFile(calls, 'utf8').catch(() => '');
  return text.trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { argv: string[] }).argv);
}
const flag = (argv: string[], name: string) => argv[argv.indexOf(name) + 1];
/** Asset runs (configs go with upload_path). */
const sentBy = (argv: string[]) => flag(argv, '-T') === 'upload_json';

describe('transmitter engine with the sidecar-owned record DB', () => {
  it('runs upload_json with -C None, and a re-upload sends only the changed files', async () => {
    const env = await scope.farm();
    const { api, farm } = env;
    const t = await scope.temp('rv-txrec-');
    const src = path.join(t.dir, 'job', 'tex');
    await mkdir(src, { recursive: true });
    const files: string[] = [];
    for (let i = 0; i < 5; i++) {
      const f = path.join(src, `t${i}.png`);
      await writeFile(f, `texture ${i}`);
      files.push(f);
    }
    const uploadJson = path.join(t.dir, 'job', 'upload.json');
    await writeFile(uploadJson, JSON.stringify({ asset: files.map((f) => ({ local: f, server: '/' + f.replace(/^\/+/, '') })) }));
    const calls = path.join(t.dir, 'calls.jsonl');
    const home = path.join(t.dir, 'home');
    await mkdir(home, { recursive: true });
    const childEnv = {
      ...process.env,
      RAYVISION_SDK_HOME: home,
      RAYVISION_STANDIN_HTTP_AUTH: `${farm.account.storageName}:${farm.account.storagePassword}`,
      RAYVISION_STANDIN_HTTP_BASE: farm.url,
      RAYVISION_STANDIN_CALLS: calls,
    };
    const upload = new RayvisionUpload({ api, engine: 'transmitter', transmitterExe: exe, env: childEnv });

    const first = await upload.uploadAsset(uploadJson);
    expect(first).toMatchObject({ sent: 5, skipped: 0 });
    const firstRuns = (await runs(calls)).filter(sentBy);
    expect(firstRuns).toHaveLength(1);
    expect(flag(firstRuns[0]!, '-C')).toBe('None');
    const stored = path.join(farm.storageDir, farm.account.inputBid, ...files[2]!.split('/').filter(Boolean));
    expect(await readFile(stored, 'utf8')).toBe('texture 2');

    // Unchanged: planned as skipped by the sidecar's records, the binary is not even started.
    const again = await upload.uploadAsset(uploadJson);
    expect(again).toMatchObject({ sent: 0, skipped: 5, bytes: 0 });
    expect((await runs(calls)).filter(sentBy)).toHaveLength(1);

    // Two touched files: exactly those two go to the binary, still with -C None.
    await writeFile(files[1]!, 'texture 1, repainted');
    await utimes(files[4]!, 1_600_000_000, 1_600_000_000);
    const third = await upload.uploadAsset(uploadJson);
    expect(third).toMatchObject({ sent: 2, skipped: 3 });
    const thirdRuns = (await runs(calls)).filter(sentBy);
    expect(thirdRuns).toHaveLength(2);
    expect(flag(thirdRuns[1]!, '-C')).toBe('None');
    const storedOne = path.join(farm.storageDir, farm.account.inputBid, ...files[1]!.split('/').filter(Boolean));
    expect(await readFile(storedOne, 'utf8')).toBe('texture 1, repainted');
  });
});
