// Path forms and path maps on their own: Windows drive/UNC/long forms, the three spellings of a user
// map, HOUDINI_PATHMAP and dirmap text, longest-source-first matching at component boundaries,
// Windows sources case-insensitive with either slash, POSIX sources exact.
import { describe, expect, it } from 'vitest';
import {
  applyPathMap, normalizePathMap, parseFileRules, parseHoudiniPathmap, parseMayaDirmap, parsePathForm, PathMapError,
} from '../../../sidecar/src/analyze';

describe('path forms', () => {
  it('splits drive, UNC, long and POSIX forms; C:x and \\x are relative', () => {
    expect(parsePathForm('D:\\proj\\tex\\a.png')).toEqual({ kind: 'drive', root: 'D:', segments: ['proj', 'tex', 'a.png'] });
    expect(parsePathForm('\\\\srv\\share\\x\\a.png')).toEqual({ kind: 'unc', root: '//srv/share', segments: ['x', 'a.png'] });
    expect(parsePathForm('//srv/share')).toEqual({ kind: 'unc', root: '//srv/share', segments: [] });
    expect(parsePathForm('\\\\?\\C:\\long\\a.exr')).toEqual({ kind: 'drive', root: 'C:', segments: ['long', 'a.exr'] });
    expect(parsePathForm('\\\\?\\UNC\\srv\\share\\a.exr')).toEqual({ kind: 'unc', root: '//srv/share', segments: ['a.exr'] });
    expect(parsePathForm('/mnt/x//a.png')).toEqual({ kind: 'posix', root: '/', segments: ['mnt', 'x', 'a.png'] });
    expect(parsePathForm('C:tex/a.png')).toEqual({ kind: 'relative', root: '', segments: ['tex', 'a.png'] });
    expect(parsePathForm('tex\\a.png').kind).toBe('relative');
  });
});

describe('user path maps', () => {
  const rule = { sourcePath: 'D:/projects', destinationPath: '/mnt/projects', origin: 'user' };
  it('accepts {src: dst}, a rule list, an OJD document and their JSON text', () => {
    expect(normalizePathMap({ 'D:/projects': '/mnt/projects' })).toEqual([rule]);
    expect(normalizePathMap([{ sourcePath: 'D:/projects', destinationPath: '/mnt/projects' }])).toEqual([rule]);
    expect(normalizePathMap({ version: 'pathmapping-1.0', path_mapping_rules: [{ source_path_format: 'WINDOWS', source_path: 'D:/projects', destination_path: '/mnt/projects' }] }))
      .toEqual([{ ...rule, sourcePathFormat: 'WINDOWS' }]);
    expect(normalizePathMap('{"D:/projects": "/mnt/projects"}')).toEqual([rule]);
    expect(normalizePathMap(undefined)).toEqual([]);
  });

  it('refuses what is none of them, and relative sources, with ERR_PATH_MAP saying how to write it', () => {
    for (const bad of ['{not json', 42, { 'D:/x': 3 }, [{ sourcePath: 'D:/x' }], { 'tex/': '/mnt/tex' }]) {
      let caught: unknown;
      try {
        normalizePathMap(bad);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(PathMapError);
      expect((caught as PathMapError).code).toBe('ERR_PATH_MAP');
      expect((caught as Error).message).toMatch(/D:\/projects/);
    }
  });

  it('maps longest source first, at whole components; Windows sources any case and slash, POSIX exact', () => {
    const rules = normalizePathMap({ 'D:/Projects': '/mnt/p', 'D:/projects/shot/tex': '/mnt/tex', '/home/old': '/home/new', '\\\\NAS\\share': '/mnt/nas' });
    expect(applyPathMap(rules, 'd:\\projects\\shot\\tex\\a.png').map((m) => m.path)).toEqual(['/mnt/tex/a.png', '/mnt/p/shot/tex/a.png']);
    expect(applyPathMap(rules, 'D:/projects2/a.png')).toEqual([]);
    expect(applyPathMap(rules, '/home/old/a.png').map((m) => [m.path, m.kept])).toEqual([['/home/new/a.png', 1]]);
    expect(applyPathMap(rules, '/home/OLD/a.png')).toEqual([]);
    expect(applyPathMap(rules, '//nas/SHARE/x/a.png').map((m) => m.path)).toEqual(['/mnt/nas/x/a.png']);
  });
});

describe('maps the scene or the session defines', () => {
  it('HOUDINI_PATHMAP in JSON or Python quotes; unreadable values give none', () => {
    expect(parseHoudiniPathmap('{"D:/proj": "/mnt/proj", "E:/lib": "/mnt/lib"}').map((r) => [r.sourcePath, r.destinationPath, r.origin]))
      .toEqual([['D:/proj', '/mnt/proj', 'HOUDINI_PATHMAP'], ['E:/lib', '/mnt/lib', 'HOUDINI_PATHMAP']]);
    expect(parseHoudiniPathmap("{'D:/proj': '/mnt/proj'}")).toHaveLength(1);
    expect(parseHoudiniPathmap('nonsense')).toEqual([]);
  });

  it('Maya dirmap -m/-mapDirectory commands in script text, case-sensitive', () => {
    const rules = parseMayaDirmap('dirmap -en true;\ndirmap -m "D:/proj" "/mnt/proj";\ndirmap -mapDirectory "E:/a b" "/mnt/ab";');
    expect(rules.map((r) => [r.sourcePath, r.destinationPath, r.sourcePathFormat])).toEqual([['D:/proj', '/mnt/proj', 'POSIX'], ['E:/a b', '/mnt/ab', 'POSIX']]);
    expect(applyPathMap(rules, 'D:/PROJ/a.png')).toEqual([]);
    expect(applyPathMap(rules, 'D:/proj/a.png').map((m) => m.path)).toEqual(['/mnt/proj/a.png']);
  });

  it('workspace.mel file rules, comments ignored', () => {
    expect(parseFileRules('//workspace -fr "x" "y";\nworkspace -fr "sourceImages" "maps";\nworkspace -fr "scene" "";\n'))
      .toEqual([['sourceImages', 'maps'], ['scene', '']]);
  });
});
