/**
 * What the RPC layer needs from a transport, after vscode-jsonrpc's MessageReader/MessageWriter:
 * whole text messages in, whole text messages out. `ws-transport.ts` adapts a WebSocket; tests
 * cross-wire two in-memory ends (`memory-transport.ts`).
 */
export interface MessageReader {
  /** Called once per received message (one JSON text). */
  onMessage(listener: (text: string) => void): void;
  /** Called once when the peer is gone. */
  onClose(listener: () => void): void;
}

export interface MessageWriter {
  write(text: string): void;
  /** Closes the channel; `code` follows WebSocket close codes (1000 normal, 1009 too big). */
  close(code?: number, reason?: string): void;
}
