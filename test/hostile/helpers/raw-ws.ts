// Raw TCP clients from Node's `net` (not our WebSocket client): hand-written upgrade requests and
// hand-built frames, so the sidecar meets bytes no library would send.
import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

export function upgradeRequest(port: number, token?: string): string {
  return [
    'GET / HTTP/1.1',
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...(token ? [`Authorization: Bearer ${token}`] : []),
    '',
    '',
  ].join('\r\n');
}

/** Resolves once connected; every socket gets an error listener (a reset is what we cause). */
export function rawConnect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => resolve(s));
    s.once('error', reject);
    s.on('error', () => {});
  });
}

/** Resolves when the peer closes or resets the socket. */
export function closedByPeer(s: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (s.destroyed) return resolve();
    s.resume(); // 'end' only comes to a socket that reads
    s.once('close', () => resolve());
    s.once('end', () => resolve());
  });
}

/** Opens a WebSocket by hand; resolves with the socket once the 101 has been read. */
export async function rawUpgrade(port: number, token: string): Promise<Socket> {
  const s = await rawConnect(port);
  s.write(upgradeRequest(port, token));
  await new Promise<void>((resolve, reject) => {
    let head = '';
    const onData = (d: Buffer): void => {
      head += d.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      s.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve();
      else reject(new Error(`upgrade refused: ${head.split('\r\n')[0]}`));
    };
    s.on('data', onData);
  });
  return s;
}

/** One frame; `mask: false` breaks the rule that clients mask every frame. */
export function frame(opcode: number, payload: Buffer | string, opts: { mask?: boolean; fin?: boolean; rsv?: number } = {}): Buffer {
  const data = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const mask = opts.mask ?? true;
  const b0 = ((opts.fin ?? true) ? 0x80 : 0) | ((opts.rsv ?? 0) << 4) | opcode;
  let header: Buffer;
  if (data.length < 126) header = Buffer.from([b0, (mask ? 0x80 : 0) | data.length]);
  else if (data.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = b0;
    header[1] = (mask ? 0x80 : 0) | 126;
    header.writeUInt16BE(data.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = b0;
    header[1] = (mask ? 0x80 : 0) | 127;
    header.writeBigUInt64BE(BigInt(data.length), 2);
  }
  if (!mask) return Buffer.concat([header, data]);
  const key = randomBytes(4);
  const body = Buffer.from(data);
  for (let i = 0; i < body.length; i++) body[i]! ^= key[i % 4]!;
  return Buffer.concat([header, key, body]);
}

/** Reads the first close frame the server sends; resolves with its code (undefined: dropped without one). */
export function serverCloseCode(s: Socket): Promise<number | undefined> {
  return new Promise((resolve) => {
    let buf = Buffer.alloc(0);
    s.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      // Walk unmasked server frames until a close (opcode 8).
      let at = 0;
      while (buf.length - at >= 2) {
        const op = buf[at]! & 0x0f;
        let len = buf[at + 1]! & 0x7f;
        let off = at + 2;
        if (len === 126) {
          if (buf.length < off + 2) return;
          len = buf.readUInt16BE(off);
          off += 2;
        } else if (len === 127) {
          if (buf.length < off + 8) return;
          len = Number(buf.readBigUInt64BE(off));
          off += 8;
        }
        if (buf.length < off + len) return;
        if (op === 8) return resolve(len >= 2 ? buf.readUInt16BE(off) : 1005);
        at = off + len;
      }
    });
    s.once('close', () => resolve(undefined));
  });
}
