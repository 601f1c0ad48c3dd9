/**
 * `rayvision doctor`: every check in order (runtime, sidecar, farm, record DB, keychain, plugins,
 * disk space), each ok / warn / fail with what to fix. Reads only: nothing is started, logged in
 * (the farm gets one login call when credentials are given) or installed.
 */
import { sdkHome } from '../../rpc/index';
import type { LoginFlags } from '../login-flags';
import { guarded, type CheckResult } from './check';
import { checkDisk } from './disk';
import { checkFarm } from './farm';
import { checkKeychain, probeKeychain, type KeychainProber } from './keychain';
import { checkPlugins } from './plugins';
import { checkRecordDb } from './record-db';
import { checkRuntime } from './runtime';
import { checkSidecar, type SidecarFacts } from './sidecar';

export type { CheckResult, CheckStatus } from './check';

export interface DoctorOptions {
  login: LoginFlags;
  /** db_config.ini to check (default: the running sidecar's, else the built-in defaults). */
  dbConfigPath?: string | undefined;
  /** Where frames would land (default: the SDK home, as `submit --download` without a folder). */
  downloadFolder?: string | undefined;
  env?: NodeJS.ProcessEnv;
  keychain?: KeychainProber;
}

export async function runDoctor(o: DoctorOptions): Promise<CheckResult[]> {
  const env = o.env ?? process.env;
  const home = sdkHome(env);
  let facts: SidecarFacts = { results: [] };
  const sidecar = await guarded('sidecar', async () => {
    facts = await checkSidecar(home);
    return facts.results;
  });
  return [
    ...(await guarded('runtime', async () => checkRuntime(env))),
    ...sidecar,
    ...(await guarded('farm', () => checkFarm(o.login, facts.session, env, home))),
    ...(await guarded('record-db', () => checkRecordDb(o.dbConfigPath ?? facts.dbConfigPath, env))),
    ...(await guarded('keychain', () => checkKeychain(o.keychain ?? probeKeychain))),
    ...(await guarded('plugins', async () => checkPlugins(env))),
    ...(await guarded('disk:sdk-home', async () => checkDisk('sdk-home', home))),
    ...(o.downloadFolder ? await guarded('disk:download', async () => checkDisk('download', o.downloadFolder!)) : []),
  ];
}
