/**
 * Frame number from an output file name, so a DCC plugin can load the frame it belongs to.
 * Renderers name frames `beauty.0012.exr`, `beauty_0012.png`, `shot-12.jpg` or `0012.exr`.
 */

/** The frame number in a file name, or undefined when the name carries none. */
export function frameFromFileName(fileName: string): number | undefined {
  const base = fileName.replace(/\\/g, '/').split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  const stem = dot > 0 ? base.slice(0, dot) : base;
  const match = /(?:^|[._-])(\d{1,9})$/.exec(stem);
  return match ? Number(match[1]) : undefined;
}
