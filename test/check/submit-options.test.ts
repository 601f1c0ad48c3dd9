// The dialog's menus from the farm (hardware, DCC and plugin versions) and the check's new refusals:
// a GPU renderer on CPU-only hardware, a plugin version the farm lacks (naming the closest).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closestVersions, CheckFailedError, submitOptions, intakeSceneFacts, RayvisionCheck } from '../../sidecar/src/index';
import { withFarm } from '../helpers/with-farm';
import type { RenderNode } from '../../protocol/src/scene';

const dirs: string[] = [];
const touchScene = (dir: string): string => { const f = path.join(dir, 'shot.hip'); writeFileSync(f, 'HoudiniScene'); return f; };
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

const facts = (scene: string, renderNodes: RenderNode[], plugins: Record<string, string> = {}, version = '19.5.605') => ({
  host: 'houdini' as const, source: 'host' as const, scenePath: scene, software: { name: 'Houdini', version }, plugins,
  frameRange: { start: 1, end: 3, step: 1 }, renderNodes, cameras: [], references: [], variables: {}, warnings: [],
});
const rs = { node: '/out/rs1', type: 'Driver/Redshift_ROP', category: 'rop_node', renderable: true };
const mantra = { node: '/out/mantra1', type: 'Driver/ifd', category: 'rop_node', renderable: true };
const karmaXpu = { node: '/out/karma1', type: 'Driver/karma', category: 'rop_node', renderable: true, settings: { render_device: 'xpu' } };

describe('closest versions', () => {
  it('prefer the longest common prefix, then the nearest number, then the newer', () => {
    expect(closestVersions('20.5.487', ['19.5.605', '20.0.547', '20.5.278', '18.0.348'])).toEqual(['20.5.278', '20.0.547', '19.5.605']);
    expect(closestVersions('5.3.1.1', ['2.0.1', '3.1.2.1', '4.2.1', '5.2.1'], 1)).toEqual(['5.2.1']);
  });
});

describe('submit options and the GPU / plugin checks', () => {
  it('lists hardware, versions and plugins from the farm; a GPU renderer preselects GPU and says why', async () => {
    const { api, close } = await withFarm();
    try {
      const work = mkdtempSync(path.join(tmpdir(), 'rv-opts-')); dirs.push(work);
      const scene = touchScene(work);
      const cpu = await submitOptions(api, facts(scene, [mantra], { redshift: '3.0.46' }, '20.5.487'));
      expect(cpu.hardware.length).toBeGreaterThan(3);
      expect(cpu.hardware[cpu.hardwareSelected]).toMatchObject({ gpu: false, platform: String(api.platform) });
      expect(cpu.hardwareReason).toMatch(/No renderer .* needs a GPU/);
      expect(cpu.software).toMatchObject({ detected: '20.5.487', selected: '20.5.278' });
      expect(cpu.software.note).toContain('closest: 20.5.278');
      expect(cpu.plugins).toEqual([expect.objectContaining({ name: 'redshift', detected: '3.0.46', selected: '3.0.46', versions: ['3.0.46', '3.5.16'] })]);
      for (const node of [rs, karmaXpu]) {
        const gpu = await submitOptions(api, facts(scene, [mantra, node]));
        expect(gpu.hardware[gpu.hardwareSelected]!.gpu).toBe(true);
        expect(gpu.hardwareReason).toContain(node.node);
        expect(Object.keys(gpu.gpuNodes)).toEqual([node.node]);
      }
      const off = await submitOptions(api, facts(scene, [mantra, { ...rs, renderable: false }]));
      expect(off.hardware[off.hardwareSelected]!.gpu).toBe(false);
    } finally {
      await close();
    }
  });

  it('the check refuses CPU-only hardware for a Redshift ROP, and a plugin version the farm lacks', async () => {
    const { api, close } = await withFarm();
    try {
      const work = mkdtempSync(path.join(tmpdir(), 'rv-gpu-')); dirs.push(work);
      const scene = touchScene(work);
      const a = await intakeSceneFacts(facts(scene, [mantra, rs], { redshift: '3.1.0' }), { workspace: work });
      const err = await new RayvisionCheck(api).execute({ hardwareConfig: { model: 'Default', ram: '64GB', gpuNum: null }, taskJson: a.taskJsonPath }).catch((e) => e);
      expect(err).toBeInstanceOf(CheckFailedError);
      const problems = (err as CheckFailedError).details!.problems as { code: string; message: string; setting?: string }[];
      const gpu = problems.find((p) => p.code === 'ERR_HARDWARE_NEEDS_GPU')!;
      expect(gpu.message).toMatch(/Redshift \(\/out\/rs1\) renders on GPUs only, but Default 64GB is CPU-only\. Choose a GPU configuration: .*2080Ti/);
      const plugin = problems.find((p) => p.code === 'ERR_PLUGIN_VERSION')!;
      expect(plugin).toMatchObject({ setting: 'software_config.plugins.redshift' });
      expect(plugin.message).toContain('closest: 3.0.46, 3.5.16');
      // On a GPU platform with a GPU config and an offered version it goes through.
      const b = await intakeSceneFacts(facts(scene, [mantra, rs], { redshift: '3.5.16' }), { workspace: work, platform: '21' });
      const taskId = await new RayvisionCheck(api).execute({ hardwareConfig: { model: '2080Ti', ram: '64GB', gpuNum: '2*GPU' }, taskJson: b.taskJsonPath });
      expect(taskId).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});
