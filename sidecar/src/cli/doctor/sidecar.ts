/**
 * The sidecar: its discovery file (present, owner-only), its process (alive), its port (answers with
 * the token) and its version (the same as this CLI's; the protocol's major must match). When it
 * answers, its session and transfer settings are returned for the farm and record-DB checks.
 */
import { statSync } from 'node:fs';
import { isCompatibleProtocol, PROTOCOL_VERSION } from '../../../../protocol/src/index';
import { connectWs, discoveryPath, pidAlive, probeSidecar, readDiscovery, SidecarClient, SIDECAR_VERSION } from '../../rpc/index';
import { fail, ok, warn, type CheckResult } from './check';

export interface SidecarFacts {
  results: CheckResult[];
  /** The running sidecar's session (who is logged in where), when it answered. */
  session?: { loggedIn: boolean; farm?: string | undefined; domain?: string | undefined };
  /** Its db_config.ini, when one is set. */
  dbConfigPath?: string | undefined;
}

export async function checkSidecar(home: string): Promise<SidecarFacts> {
  const file = discoveryPath(home);
  const info = readDiscovery(home);
  if (!info) {
    return { results: [warn('sidecar', `no sidecar is running (no ${file})`, 'nothing to do: work commands and the plugins start one; `rayvision sidecar` starts it now')] };
  }
  const results: CheckResult[] = [];
  const mode = statSync(file).mode & 0o777;
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    results.push(fail('sidecar:file', `${file} is readable by other users (mode ${mode.toString(8)}): they can take the sidecar's token`, `chmod 600 ${file}, then \`rayvision stop\` so a new token is made`));
  }
  if (!pidAlive(info.pid)) {
    return { results: [...results, warn('sidecar', `the discovery file names pid ${info.pid}, which is gone (a sidecar that did not stop cleanly)`, 'nothing to do: the next command replaces the file; or delete it')] };
  }
  if (!(await probeSidecar(info.port, info.token))) {
    return { results: [...results, fail('sidecar', `pid ${info.pid} is alive but does not answer on 127.0.0.1:${info.port} with its token`, `stop that process (kill ${info.pid}) and run the command again; a new sidecar starts`)] };
  }
  if (info.protocolVersion && !isCompatibleProtocol(PROTOCOL_VERSION, info.protocolVersion)) {
    return { results: [...results, fail('sidecar', `sidecar ${info.version} speaks protocol ${info.protocolVersion}; this CLI speaks ${PROTOCOL_VERSION}`, '`rayvision stop`, then run the command again: a sidecar of this version starts')] };
  }
  const facts: SidecarFacts = { results };
  const { reader, writer } = await connectWs(info.port, info.token);
  const client = new SidecarClient(reader, writer);
  try {
    await client.initialize('rayvision-doctor', SIDECAR_VERSION);
    const status = await client.call('session/status', {});
    const settings = await client.call('transfer/getSettings', {});
    facts.session = { loggedIn: status.loggedIn, farm: status.farm, domain: status.domain };
    facts.dbConfigPath = (settings as { dbConfigPath?: string }).dbConfigPath ?? undefined;
  } finally {
    client.close();
  }
  const where = `pid ${info.pid}, 127.0.0.1:${info.port}`;
  results.push(
    info.version && info.version !== SIDECAR_VERSION
      ? warn('sidecar', `sidecar ${info.version} runs (${where}); this CLI is ${SIDECAR_VERSION}`, '`rayvision stop` when no job runs: the next command starts the matching version')
      : ok('sidecar', `sidecar ${info.version || SIDECAR_VERSION} (protocol ${info.protocolVersion || PROTOCOL_VERSION}) answers, ${where}`),
  );
  return facts;
}
