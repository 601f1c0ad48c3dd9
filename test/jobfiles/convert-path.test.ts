import { describe, expect, it } from 'vitest';
import { convertPath, parseWinMntMap } from '../../sidecar/src/jobfiles';

describe('convertPath', () => {
  const none = { winMntMap: {} };
  it.each([
    ['D:\\a\\b.png', '/D/a/b.png'],
    ['D:/work/c05/112132P-embery.jpg', '/D/work/c05/112132P-embery.jpg'],
    ['d:\\Work\\x.jpg', '/d/Work/x.jpg'],
    ['D:\\houdini\\CG file\\Cam003\\cam.abc', '/D/houdini/CG file/Cam003/cam.abc'],
    ['\\\\192.168.0.22\\share\\proj\\a.png', '/192.168.0.22/share/proj/a.png'],
    ['//nas/share/a.png', '/nas/share/a.png'],
    ['/home/user/a.png', '/home/user/a.png'],
    ['/mnt/x', '/mnt/x'],
    ['relative/path.png', '/relative/path.png'],
    ['C:', '/C'],
    ['\\\\?\\C:\\long\\a.png', '/C/long/a.png'],
    ['\\\\?\\UNC\\srv\\share\\a.png', '/srv/share/a.png'],
    ['E:/项目 一/贴图.png', '/E/项目 一/贴图.png'],
  ])('%s → %s', (input, expected) => {
    expect(convertPath(input, none)).toBe(expected);
  });

  it('refuses an empty path with a typed error', () => {
    expect(() => convertPath('', none)).toThrow(/empty path/);
  });

  it('replaces a mapped drive letter by the mapped folder name', () => {
    const winMntMap = parseWinMntMap('G:=\\\\nas\\projects;H:=//srv/x');
    expect(winMntMap).toEqual({ G: '\\\\nas\\projects', H: '//srv/x' });
    expect(convertPath('G:\\shot\\a.exr', { winMntMap })).toBe('/projects/shot/a.exr');
    // a one-letter folder name keeps the drive letter
    expect(convertPath('H:/shot/a.exr', { winMntMap })).toBe('/H/shot/a.exr');
    expect(convertPath('D:/shot/a.exr', { winMntMap })).toBe('/D/shot/a.exr');
  });

  it('reads G_WIN_MNT_MAP as JSON and from the environment', () => {
    expect(parseWinMntMap('{"g:": "//nas/proj"}')).toEqual({ G: '//nas/proj' });
    const old = process.env.G_WIN_MNT_MAP;
    process.env.G_WIN_MNT_MAP = 'G:=//nas/projects';
    try {
      expect(convertPath('G:/a.exr')).toBe('/projects/a.exr');
    } finally {
      if (old === undefined) delete process.env.G_WIN_MNT_MAP;
      else process.env.G_WIN_MNT_MAP = old;
    }
  });
});
