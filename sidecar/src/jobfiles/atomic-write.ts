import { writeFileAtomic } from '../atomic-write';

export { writeFileAtomic };

/** JSON text as the old SDK wrote it: indent 2, every non-ASCII character escaped as \uXXXX. */
export function formatJson(data: unknown): string {
  const text = JSON.stringify(data, null, 2);
  return text.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Writes JSON atomically in the job-file format (indent 2, ASCII-escaped). */
export async function writeJsonAtomic(file: string, data: unknown): Promise<void> {
  await writeFileAtomic(file, formatJson(data) + '\n');
}
