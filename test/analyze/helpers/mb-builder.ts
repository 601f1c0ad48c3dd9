// Builds small Maya binary (.mb, FOR8) files for tests: a HEAD with version and file references,
// and node forms with string attributes, in the chunk layout the reader walks (spec/analysis.md §4.3).

const pad = (buf: Buffer, to: number): Buffer => (buf.length % to === 0 ? buf : Buffer.concat([buf, Buffer.alloc(to - (buf.length % to))]));

function header(tag: string, size: number): Buffer {
  const h = Buffer.alloc(16);
  h.write(tag, 0, 'latin1');
  h.writeBigUInt64BE(BigInt(size), 8);
  return h;
}

/** A leaf chunk, padded to 8 bytes from its start. */
export function leaf(tag: string, data: Buffer | string): Buffer {
  const d = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return pad(Buffer.concat([header(tag, d.length), d]), 8);
}

/** A group chunk (`FOR8 <form>` + children), padded to 4. */
export function group(formType: string, children: Buffer[], tag = 'FOR8'): Buffer {
  const body = Buffer.concat([Buffer.from(formType, 'latin1'), ...children]);
  return pad(Buffer.concat([header(tag, body.length), body]), 4);
}

export interface MbNode {
  /** 4-character type id (RTFT = file, SCRP = script …). */
  form: string;
  name: string;
  strings?: Record<string, string>;
}

/** A whole .mb: HEAD (VERS, FINF product, FREF per reference), then the node forms. */
export function buildMb(o: { version?: string; references?: Array<{ path: string; namespace?: string; node?: string; type?: string }>; nodes?: MbNode[] }): Buffer {
  const version = o.version ?? '2022';
  const head = group('HEAD', [
    leaf('VERS', `${version}\0`),
    leaf('FINF', `product\0Maya ${version}\0`),
    ...(o.references ?? []).map((r) => leaf('FREF', `${r.path}\0${r.namespace ?? 'ref'}\0${r.node ?? 'refRN'}\0${r.type ?? 'mayaAscii'}\0v=0\0`)),
  ]);
  const nodes = (o.nodes ?? []).map((n) => group(n.form, [
    leaf('CREA', Buffer.concat([Buffer.from([0]), Buffer.from(`${n.name}\0`, 'utf8')])),
    ...Object.entries(n.strings ?? {}).map(([attr, value]) => leaf('STR ', Buffer.concat([Buffer.from(`${attr}\0`, 'utf8'), Buffer.from([0]), Buffer.from(`${value}\0`, 'utf8')]))),
  ]));
  return group('Maya', [head, ...nodes]);
}
