/**
 * upload.json's `asset` list read as a stream, in batches: the file keeps its documented shape
 * (`{"asset": [{"local", "server"}, …]}`, readable by the old SDK), but it is never held whole, so a
 * million-file upload.json costs one batch of entries in memory, not a million. Other top-level keys
 * (`scene`, …) are skipped as they stream past.
 */
import { createReadStream } from 'node:fs';
import { Tokenizer, TokenParser, TokenType } from '@streamparser/json';
import { JobFileError, JOBFILE_CODES } from './errors';
import type { UploadAssetEntry } from './types';

export interface StreamUploadOptions {
  /** Entries per yielded batch, at most (default 1000). */
  batchSize?: number;
  /** Bytes read from disk at a time (default 256 KiB). */
  chunkBytes?: number;
}

/** Watches the token stream for what the path selector cannot see: the root and `asset` must be an object and a list. */
class ShapeWatch {
  private depth = 0;
  private previous: TokenType | undefined;
  private keyAtRoot: string | undefined;

  /** Returns an error text, or undefined while the shape is right. */
  see(token: TokenType, value: unknown): string | undefined {
    const atRoot = this.depth === 1;
    let problem: string | undefined;
    if (this.previous === undefined && token !== TokenType.LEFT_BRACE) problem = 'must hold a JSON object';
    else if (atRoot && token === TokenType.STRING && (this.previous === TokenType.LEFT_BRACE || this.previous === TokenType.COMMA)) this.keyAtRoot = value as string;
    else if (atRoot && this.previous === TokenType.COLON && this.keyAtRoot === 'asset' && token !== TokenType.LEFT_BRACKET && token !== TokenType.NULL) problem = 'has an "asset" that is not a list';
    if (token === TokenType.LEFT_BRACE || token === TokenType.LEFT_BRACKET) this.depth++;
    else if (token === TokenType.RIGHT_BRACE || token === TokenType.RIGHT_BRACKET) this.depth--;
    if (atRoot || this.depth <= 1) this.previous = token;
    return problem;
  }
}

/**
 * Yield upload.json's `asset` entries in batches of at most `batchSize`, reading the file incrementally.
 * A missing file is ERR_JOBFILE_NOT_FOUND (1000004); bad JSON, a root that is no object, an `asset`
 * that is no list or an entry without string `local`/`server` is ERR_JOBFILE_INVALID naming the entry.
 * An absent `asset` reads as empty, as readUploadJson does.
 */
export async function* readUploadAssetBatches(file: string, options: StreamUploadOptions = {}): AsyncGenerator<UploadAssetEntry[]> {
  const batchSize = Math.max(1, options.batchSize ?? 1000);
  const invalid = (what: string, cause?: unknown) =>
    new JobFileError('ERR_JOBFILE_INVALID', `${file} ${what}; re-run the analysis to rebuild it.`, { ...(cause ? { cause } : {}), details: { file } });
  const tokenizer = new Tokenizer();
  const parser = new TokenParser({ paths: ['$.asset.*'], keepStack: false });
  const shape = new ShapeWatch();
  let failure: Error | undefined;
  let batch: UploadAssetEntry[] = [];
  let index = 0;
  tokenizer.onToken = (t) => {
    const problem = shape.see(t.token, t.value);
    if (problem) throw invalid(problem);
    parser.write(t);
  };
  parser.onValue = ({ value }) => {
    const at = index++;
    const e = value as Partial<UploadAssetEntry> | null;
    if (typeof e !== 'object' || e === null || typeof e.local !== 'string' || typeof e.server !== 'string' || !e.local) {
      throw invalid(`has an asset entry ${at} without a "local" and a "server" path`);
    }
    batch.push({ local: e.local, server: e.server });
  };
  const fail = (err: unknown) => {
    failure ??= err instanceof JobFileError ? err : invalid('is not valid JSON', err);
  };
  tokenizer.onError = fail;
  parser.onError = fail;
  // The parser ends itself after the root value; what follows it must be whitespace only.
  parser.onEnd = () => {};
  const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 256 * 1024 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      tokenizer.write(chunk);
      if (failure) throw failure;
      if (batch.length >= batchSize) {
        const full = batch;
        batch = [];
        for (let i = 0; i < full.length; i += batchSize) yield full.length <= batchSize ? full : full.slice(i, i + batchSize);
      }
    }
    if (!parser.isEnded) {
      if (!tokenizer.isEnded) tokenizer.end();
      if (failure) throw failure;
      throw invalid('is not valid JSON (it ends too early)');
    }
    if (batch.length) yield batch;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new JobFileError('ERR_JOBFILE_NOT_FOUND', `${file} is not found. Run the analysis first or check the path.`, {
        farmCode: JOBFILE_CODES.fileNotFound,
        details: { file },
      });
    }
    throw err instanceof JobFileError ? err : invalid('is not valid JSON', err);
  } finally {
    stream.destroy();
  }
}
