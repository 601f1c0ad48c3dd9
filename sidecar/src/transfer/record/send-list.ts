/**
 * The files a plan decided to send, kept between the plan pass and the send pass without holding a
 * million of them: up to `memoryItems` stay in memory (the usual upload), beyond that the list goes
 * to a private temporary file (one JSON line per file) and is read back in chunks. Removed on close.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, type WriteStream } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { PlannedItem } from './plan-upload';

/** What a line holds: local, server, size, record value (the key is rebuilt from local and server). */
type Line = [string, string, number, string];

export class SendList {
  private held: PlannedItem[] = [];
  private dir: string | undefined;
  private out: WriteStream | undefined;
  files = 0;
  bytes = 0;

  constructor(
    private readonly keyOf: (local: string, server: string) => string,
    private readonly memoryItems = 4096,
  ) {}

  /** Where the list spilled to, if it did (for tests). */
  get spillFile(): string | undefined {
    return this.dir && path.join(this.dir, 'send.jsonl');
  }

  async add(items: readonly PlannedItem[]): Promise<void> {
    for (const p of items) (this.files++, (this.bytes += p.size));
    if (!this.out && this.held.length + items.length <= this.memoryItems) {
      for (const p of items) this.held.push(p);
      return;
    }
    if (!this.out) {
      this.dir = mkdtempSync(path.join(os.tmpdir(), 'rayvision-send-'));
      this.out = createWriteStream(this.spillFile!, { mode: 0o600 });
      const first = this.held;
      this.held = [];
      await this.write(first);
    }
    await this.write(items);
  }

  private async write(items: readonly PlannedItem[]): Promise<void> {
    if (items.length === 0) return;
    let text = '';
    for (const p of items) text += `${JSON.stringify([p.local, p.server, p.size, p.recordValue] satisfies Line)}\n`;
    if (!this.out!.write(text)) await once(this.out!, 'drain');
  }

  /** The list in chunks of at most `size`, in the order it was added. */
  async *chunks(size: number): AsyncGenerator<PlannedItem[]> {
    if (!this.out) {
      for (let i = 0; i < this.held.length; i += size) yield this.held.slice(i, i + size);
      return;
    }
    if (!this.out.writableFinished) await new Promise<void>((resolve, reject) => this.out!.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const lines = createInterface({ input: createReadStream(this.spillFile!), crlfDelay: Infinity });
    let chunk: PlannedItem[] = [];
    try {
      for await (const text of lines) {
        const [local, server, fileSize, recordValue] = JSON.parse(text) as Line;
        chunk.push({ local, server, size: fileSize, recordKey: this.keyOf(local, server), recordValue });
        if (chunk.length >= size) {
          yield chunk;
          chunk = [];
        }
      }
      if (chunk.length) yield chunk;
    } finally {
      lines.close();
    }
  }

  /** Remove the temporary file. */
  close(): void {
    this.out?.destroy();
    if (this.dir) rmSync(this.dir, { recursive: true, force: true });
    this.held = [];
  }
}
