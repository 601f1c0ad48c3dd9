/**
 * The protocol version, `major.minor`. A client and the sidecar are compatible when the majors are
 * equal; a minor adds methods or optional fields only. `session/initialize` checks it.
 * @since 1.0
 */
export const PROTOCOL_VERSION = '1.2';

/** Parses "major.minor" (a patch part is tolerated and ignored); undefined when malformed. */
export function parseProtocolVersion(version: string): { major: number; minor: number } | undefined {
  const m = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** True when a client speaking `clientVersion` can talk to a server speaking `serverVersion`. */
export function isCompatibleProtocol(clientVersion: string, serverVersion: string = PROTOCOL_VERSION): boolean {
  const c = parseProtocolVersion(clientVersion);
  const s = parseProtocolVersion(serverVersion);
  return c !== undefined && s !== undefined && c.major === s.major;
}
