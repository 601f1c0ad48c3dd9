/**
 * A MaterialX document (.mtlx, XML) read as a stream for the files it names: every element with
 * `type="filename"` and a `value` (inputs, parameters, tokens, geomprops …), with the `fileprefix`
 * in force (the nearest ancestor's, as MaterialX's getActiveFilePrefix) put in front of relative ones, `[token]`
 * references replaced by the `<token>` values declared on an ancestor; and each `<xi:include href>`.
 * `<UDIM>`/`<UVTILE>` stay in the path (the dependency walk expands them); each path is reported
 * with the element's name path (`NG_wood/image1/file`), the way MaterialX names elements.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { throwIfAborted } from '../../errors';
import { SceneParseError } from '../errors';
import type { ByteSource } from './byte-source';
import type { LayerDependency } from './layer-dependency';

const CHUNK = 64 * 1024;
const MAX_DEPTH = 10_000;

interface Scope {
  namePath: string;
  prefix: string;
  tokens: Map<string, string>;
  /** False while `tokens` is still the parent's map (copied on the first own token). */
  ownTokens: boolean;
}

/** True for a MaterialX file name (the walk opens these like layers, as USD's usdMtlx plugin does). */
export const isMaterialX = (file: string): boolean => /\.mtlx$/i.test(file);

/** What a MaterialX document names, as authored (fileprefix and tokens applied, not anchored). */
export async function readMaterialX(src: ByteSource, signal?: AbortSignal): Promise<LayerDependency[]> {
  const found: LayerDependency[] = [];
  const stack: Scope[] = [];
  const parser = new SaxesParser<{ position: true; xmlns: false }>({ position: true, xmlns: false });
  let failure: Error | undefined;
  let sawRoot = false;
  const fail = (what: string): never => {
    throw new SceneParseError(src.file, src.offset, `MaterialX ${what} (line ${parser.line}, column ${parser.column})`);
  };

  parser.on('error', (err) => { failure ??= err; });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const attrs = tag.attributes;
    if (stack.length === 0) {
      if (sawRoot || tag.name !== 'materialx') fail(`document's root element is <${tag.name}>, not <materialx>`);
      sawRoot = true;
    }
    if (stack.length >= MAX_DEPTH) fail(`elements nested more than ${MAX_DEPTH} deep`);
    const parent = stack[stack.length - 1];
    const name = stack.length === 0 ? '' : attrs.name ?? '';
    const namePath = parent?.namePath ? (name ? `${parent.namePath}/${name}` : parent.namePath) : name;
    const scope: Scope = { namePath, prefix: attrs.fileprefix ?? parent?.prefix ?? '', tokens: parent?.tokens ?? new Map(), ownTokens: false };
    if (tag.name === 'xi:include' || tag.name.endsWith(':include') || tag.name === 'include') {
      if (attrs.href) found.push({ kind: 'include', path: attrs.href, prim: parent?.namePath || '/', key: 'xi:include' });
    } else if (tag.name === 'token' && parent && attrs.name && attrs.value !== undefined) {
      // a token is visible to its parent's later children: [name] in their file names
      if (!parent.ownTokens) { parent.tokens = new Map(parent.tokens); parent.ownTokens = true; }
      parent.tokens.set(attrs.name, attrs.value);
      scope.tokens = parent.tokens;
    }
    if (attrs.type === 'filename' && attrs.value) {
      const value = attrs.value.replace(/\[([^\][]+)\]/g, (whole, token: string) => scope.tokens.get(token) ?? whole);
      // a prefix in front of an absolute path would name nothing: it stays as written
      const absolute = /^([\\/]|[A-Za-z]:[\\/])/.test(value);
      found.push({ kind: 'asset', path: absolute ? value : scope.prefix + value, prim: namePath || '/', key: attrs.name ?? tag.name });
    }
    stack.push(scope);
  });
  parser.on('closetag', () => { stack.pop(); });

  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let at = 0; at < src.size; at += CHUNK) {
    throwIfAborted(signal);
    const bytes = await src.read(at, Math.min(CHUNK, src.size - at), 'MaterialX document');
    parser.write(decoder.decode(bytes, { stream: true }));
    if (failure) fail(failure.message.replace(/^[^:]*:\d+:\d+: /, ''));
  }
  parser.write(decoder.decode());
  parser.close();
  if (failure) fail(failure.message.replace(/^[^:]*:\d+:\d+: /, ''));
  if (!sawRoot) fail('document has no <materialx> element');
  return found;
}
