import { describe, expect, it } from 'vitest';
import { CheckFailedError, type CheckIssue } from '../../sidecar/src/check/errors';
import { MAX_PROBLEMS, nodeOf, problemsOf } from '../../sidecar/src/check/problems';

describe('check problems (details.problems)', () => {
  it('reads node and parameter back from each wording the analyzer uses', () => {
    expect(nodeOf('Reference file not found: D:/a.png (node pSphere1|file2, attribute fileTextureName, raw a.png)')).toEqual({ node: 'pSphere1|file2', parm: 'fileTextureName' });
    expect(nodeOf('Nodes: /obj/geo1/file1  Parm: file  File name: $HIP/a.bgeo  miss file: D:/a.bgeo')).toEqual({ node: '/obj/geo1/file1', parm: 'file' });
    expect(nodeOf('Camera is not renderable (node /out/mantra1, parm camera)')).toEqual({ node: '/out/mantra1', parm: 'camera' });
    expect(nodeOf('scene file D:/proj/sphere.hip is missing')).toEqual({});
  });

  it('lists errors before warnings, one problem per analyzer message, and cuts a huge list with a count', () => {
    const issues: CheckIssue[] = [
      { severity: 'warning', code: '10012', message: 'Texture missing', details: ['a (node n1, parm p)', 'b (node n2, parm p)'], file: 'tips.json' },
      { severity: 'error', code: 'ERR_HARDWARE_CONFIG', message: 'No hardware', setting: 'hardwareConfig' },
    ];
    expect(problemsOf(issues)).toEqual([
      { code: 'ERR_HARDWARE_CONFIG', severity: 'error', message: 'No hardware', setting: 'hardwareConfig' },
      { code: '10012', severity: 'warning', message: 'Texture missing', file: 'tips.json', detail: 'a (node n1, parm p)', node: 'n1', parm: 'p' },
      { code: '10012', severity: 'warning', message: 'Texture missing', file: 'tips.json', detail: 'b (node n2, parm p)', node: 'n2', parm: 'p' },
    ]);
    const many: CheckIssue[] = [{ severity: 'error', code: '15024', message: 'Missing', details: Array.from({ length: 500 }, (_, i) => `f${i} (node n${i}, parm file)`) }];
    const cut = problemsOf(many);
    expect(cut).toHaveLength(MAX_PROBLEMS);
    expect(cut[MAX_PROBLEMS - 2]!.node).toBe(`n${MAX_PROBLEMS - 2}`);
    expect(cut[MAX_PROBLEMS - 1]!.message).toContain(`${500 - (MAX_PROBLEMS - 1)} more`);
  });

  it('CheckFailedError carries them in details with the error and warning counts', () => {
    const err = new CheckFailedError([{ severity: 'error', code: '15024', message: 'Scene missing', file: 'tips.json', solution: 'Upload it' }]);
    expect(err.details).toEqual({ errors: 1, warnings: 0, problems: [{ code: '15024', severity: 'error', message: 'Scene missing', file: 'tips.json', solution: 'Upload it' }] });
  });
});
