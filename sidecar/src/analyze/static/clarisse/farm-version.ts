/**
 * Clarisse versions as the farm names them ("clarisse_ifx_4.0_sp3"), from what a project header or a
 * live session says ("4.0 SP3"). Same rule as the plugin's scene walk (rayvision_clarisse/walk.py
 * `farm_version`), so static and host analysis write the same cg_version.
 */
const RELEASE = /(\d+\.\d+)\D*?sp\s*(\d+)/i;

/** "4.0 SP3" → "clarisse_ifx_4.0_sp3" (Builder: "clarisse_builder_…"); undefined when the text names no release. */
export function clarisseFarmVersion(version: string, builder = false): string | undefined {
  const text = version.trim();
  if (text.toLowerCase().startsWith('clarisse_')) return text;
  const m = RELEASE.exec(text);
  if (!m) return undefined;
  return `clarisse_${builder || /builder/i.test(text) ? 'builder' : 'ifx'}_${m[1]}_sp${m[2]}`;
}
