/** A value-clip template (spec/usd.md §5.6): its folder part and its file name with every `#` as `*`. */
export function splitClipTemplate(template: string): { folder: string; pattern: RegExp } | undefined {
  const plain = template.replace(/\\/g, '/');
  const slash = plain.lastIndexOf('/');
  if (slash <= 0) return undefined; // OpenUSD rejects a template without a folder part
  const base = plain.slice(slash + 1);
  const pattern = new RegExp(`^${base.split('#').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return { folder: plain.slice(0, slash), pattern };
}
