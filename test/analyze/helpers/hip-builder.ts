import { gzipSync } from 'node:zlib';

/**
 * Writes .hip files in the odc cpio text format (spec/analysis.md §4.1) for tests: each entry is
 * a 76-byte octal header, the name + NUL, then the data; the archive ends with TRAILER!!!.
 */
const oct = (n: number, width: number): string => n.toString(8).padStart(width, '0');

function header(name: string, size: number): Buffer {
  const nameBytes = Buffer.byteLength(name, 'utf8') + 1;
  const text = '070707' + oct(0, 6) + oct(1, 6) + oct(0o100666, 6) + oct(0, 6) + oct(0, 6) + oct(1, 6) + oct(0, 6) + oct(0, 11) + oct(nameBytes, 6) + oct(size, 11);
  return Buffer.concat([Buffer.from(text, 'latin1'), Buffer.from(name + '\0', 'utf8')]);
}

/** One cpio entry. */
export function cpioEntry(name: string, data: string | Buffer): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([header(name, body.length), body]);
}

/** A whole .hip from entries, with the trailer. */
export function buildHip(entries: Array<[string, string | Buffer]>): Buffer {
  return Buffer.concat([...entries.map(([n, d]) => cpioEntry(n, d)), cpioEntry('TRAILER!!!', '')]);
}

/** A `.parm` entry body from name → values (strings with spaces or quotes are quoted). */
export function parmText(parms: Record<string, Array<string | number | { channel: string; value: string | number }>>): string {
  const fmt = (v: string | number | { channel: string; value: string | number }): string => {
    if (typeof v === 'object') return `[ ${v.channel}\t${typeof v.value === 'string' ? `'${v.value}'` : v.value} ] `;
    if (typeof v === 'number') return String(v);
    return v === '' || /[\s"]/.test(v) ? `"${v.replace(/(["\\])/g, '\\$1')}"` : v;
  };
  const lines = Object.entries(parms).map(([name, values]) => `${name}\t[ 0\tlocks=0 ]\t(\t${values.map(fmt).join('\t')}\t)`);
  return `{\nversion 0.8\n${lines.join('\n')}\n}\n`;
}

/** The entries of one node: `.init` (type), `.def` (flags), `.parm`, optional `.chn` and `.spareparmdef`. */
export function nodeEntries(
  path: string,
  type: string,
  parms: Parameters<typeof parmText>[0],
  extra: { bypass?: boolean; chn?: Record<string, string>; fileParms?: string[]; inputs?: string[] } = {},
): Array<[string, string]> {
  const base = path.replace(/^\//, '');
  const inputs = (extra.inputs ?? []).map((name, i) => `${i} \t${name || '""'} 0 1\n`).join('');
  const out: Array<[string, string]> = [
    [`${base}.init`, `type = ${type}\nmatchesdef = 0\n`],
    [`${base}.def`, `comment ""\nposition 0 0\nflags =  lock off model off template off footprint off xray off bypass ${extra.bypass ? 'on' : 'off'} display on render on\ninputs\n{\n${inputs}}\nend\n`],
  ];
  if (extra.fileParms) {
    const defs = extra.fileParms.map((p) => `    parm {\n\tname\t"${p}"\n\tlabel\t"${p}"\n\ttype\tfile\n\tdefault\t{ "" }\n    }`).join('\n');
    out.push([`${base}.spareparmdef`, `    group {\n\tname\t"folder0"\n${defs}\n    }\n`]);
  }
  if (extra.chn) {
    const chans = Object.entries(extra.chn).map(([c, e]) => `    channel ${c} {\n      lefttype = extend\n      segment { length = 0 expr = ${e} }\n    }`).join('\n');
    out.push([`${base}.chn`, `{\n${chans}\n  }\n`]);
  }
  out.push([`${base}.parm`, parmText(parms)]);
  return out;
}

/** `.start` and `.variables` entries. */
export function sceneEntries(opts: { fps?: number; tset?: [number, number]; tcur?: number; vars?: Record<string, string> }): Array<[string, string]> {
  const start = `fplayback -i on\ntcur ${opts.tcur ?? 0}\nfps ${opts.fps ?? 24}\ntset ${(opts.tset ?? [0, 10]).join(' ')}\nfrange 1 240\n`;
  const vars = Object.entries(opts.vars ?? {}).map(([k, v]) => `set -g ${k} = '${v}'`).join('\n');
  return [['.start', start], ['.variables', vars + '\n']];
}

/** An INDX block (HDA libraries and their definitions): sections in order, offsets after the table. */
export function buildIndx(sections: Array<[string, Buffer | string]>): Buffer {
  const datas = sections.map(([, d]) => (typeof d === 'string' ? Buffer.from(d, 'utf8') : d));
  const table: Buffer[] = [];
  let offset = 0;
  sections.forEach(([name], i) => {
    const n = Buffer.from(name, 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32BE(n.length);
    const tail = Buffer.alloc(12);
    tail.writeUInt32BE(offset, 0);
    tail.writeUInt32BE(datas[i]!.length, 4);
    tail.writeUInt32BE(0x5f000000, 8);
    table.push(head, n, tail);
    offset += datas[i]!.length;
  });
  const count = Buffer.alloc(4);
  count.writeUInt32BE(sections.length);
  return Buffer.concat([Buffer.from('INDX', 'latin1'), Buffer.alloc(8), count, ...table, ...datas]);
}

/** An HDA library with one definition whose network (`Contents`, or gzipped `Contents.gz`) holds `entries`. */
export function buildHda(definition: string, entries: Array<[string, string | Buffer]>, gzip = false): Buffer {
  const contents = buildHip(entries);
  const def = buildIndx([[gzip ? 'Contents.gz' : 'Contents', gzip ? gzipSync(contents) : contents], ['DialogScript', `# Dialog script for ${definition}\n{\n    name\t${definition}\n}\n`]]);
  return buildIndx([['INDEX_SECTION', Buffer.alloc(8)], [definition, def]]);
}
