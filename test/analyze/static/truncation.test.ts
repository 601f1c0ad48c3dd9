/**
 * Issue 19: every damage the static readers notice reaches tips.json as a typed tip. Each sample
 * scene of ../shared/scenes is cut at every 1/20 of its size; the analysis of a cut copy either fails
 * with a typed error or writes tips.json with an incomplete-read code (15101–15107). The whole file
 * has none of them.
 */
import { copyFile, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INCOMPLETE_READ_TIPS } from '../../../protocol/src/tips';
import { AnalyzeClarisse, AnalyzeHoudini, AnalyzeMaya } from '../../../sidecar/src/analyze';
import { FarmError } from '../../../sidecar/src/errors';

const SCENES = path.resolve(__dirname, '../../../../shared/scenes');
const CASES: { file: string; make: (cgFile: string, workspace: string) => { analyse(o: { mode: 'static' }): Promise<{ tips: Record<string, string[]>; tipsJsonPath: string }> } }[] = [
  ...['sphere.hip', 'environment_ql_OBJ.hip', 'rop_tool_ql_ROP.hip', 'vdb_blend_color_rest.hip'].map((f) => ({
    file: `houdini/${f}`,
    make: (cgFile: string, workspace: string) => new AnalyzeHoudini({ cgFile, workspace, softwareVersion: '17.0.352' }),
  })),
  ...['demo_scenc.ma', 'demo_scenc.mb', 'maya-test.ma'].map((f) => ({
    file: `maya/${f}`,
    make: (cgFile: string, workspace: string) => new AnalyzeMaya({ cgFile, workspace, softwareVersion: '2018' }),
  })),
  { file: 'clarisse/spherix_demo.project', make: (cgFile: string, workspace: string) => new AnalyzeClarisse({ cgFile, workspace, softwareVersion: 'clarisse_ifx_4.0_sp3' }) },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'rv-trunc-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const incomplete = (tips: Record<string, string[]>) => Object.keys(tips).filter((c) => INCOMPLETE_READ_TIPS.includes(c));

describe('truncated sample scenes', () => {
  for (const c of CASES) {
    it(`${c.file}: the whole file reads complete, every cut at k/20 is a typed error or an incomplete-read tip`, async () => {
      const source = path.join(SCENES, c.file);
      const full = await readFile(source);
      const whole = path.join(dir, `whole-${path.basename(c.file)}`);
      await copyFile(source, whole);
      const ws = await mkdtemp(path.join(dir, 'ws-'));
      expect(incomplete((await c.make(whole, ws).analyse({ mode: 'static' })).tips)).toEqual([]);
      const outcomes: string[] = [];
      for (let k = 1; k < 20; k++) {
        const cut = Math.floor((full.length * k) / 20);
        const file = path.join(dir, `cut${k}-${path.basename(c.file)}`);
        await writeFile(file, full.subarray(0, cut));
        expect((await stat(file)).size).toBe(cut);
        const workspace = await mkdtemp(path.join(dir, 'ws-'));
        try {
          const { tips, tipsJsonPath } = await c.make(file, workspace).analyse({ mode: 'static' });
          const codes = incomplete(tips);
          expect(codes.length, `${c.file} cut at ${k}/20 (${cut} bytes) looked complete: ${JSON.stringify(tips)}`).toBeGreaterThan(0);
          // The tip reached tips.json on disk, not only the in-memory result.
          const written = JSON.parse(await readFile(tipsJsonPath, 'utf8')) as Record<string, string[]>;
          expect(Object.keys(written)).toEqual(expect.arrayContaining(codes));
          outcomes.push(codes.join(','));
        } catch (e) {
          if (!(e instanceof FarmError)) throw e;
          expect(e.message).toMatch(/\S/);
          outcomes.push(e.code);
        }
      }
      expect(outcomes).toHaveLength(19);
      if (process.env.RV_TRUNC_LOG) console.log(c.file, outcomes.join(' '));
    });
  }
});
