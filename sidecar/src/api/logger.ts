/**
 * The logger the client writes to: any object with console-like methods. Lines carry the endpoint,
 * URL, attempt and farm code, never headers, the signature or the key.
 */
export interface ApiLogger {
  debug?(message: string): void;
  info?(message: string): void;
  warn?(message: string): void;
  error?(message: string): void;
}

export const silentLogger: ApiLogger = {};
