/**
 * Two cross-wired in-memory message channels: what one side writes the other reads. Used by tests
 * and by in-process clients (no socket, same contract as the WebSocket transport).
 */
import type { MessageReader, MessageWriter } from './transport';

export interface MemoryEnd {
  reader: MessageReader;
  writer: MessageWriter;
}

/** Creates a pair of connected ends; messages are delivered asynchronously, in order. */
export function createMemoryPair(): [MemoryEnd, MemoryEnd] {
  const listeners: [((t: string) => void)[], ((t: string) => void)[]] = [[], []];
  const closers: [(() => void)[], (() => void)[]] = [[], []];
  let closed = false;
  const end = (self: 0 | 1): MemoryEnd => {
    const other = self === 0 ? 1 : 0;
    return {
      reader: {
        onMessage: (l) => void listeners[self].push(l),
        onClose: (l) => void closers[self].push(l),
      },
      writer: {
        write: (text) => {
          if (closed) return;
          queueMicrotask(() => listeners[other].forEach((l) => l(text)));
        },
        close: () => {
          if (closed) return;
          closed = true;
          queueMicrotask(() => [...closers[0], ...closers[1]].forEach((c) => c()));
        },
      },
    };
  };
  return [end(0), end(1)];
}
