import { describe, expect, it } from 'vitest';
import { selectHardware, type FarmHardwareConfig, type HardwareInput } from '../../sidecar/src/check/hardware';
import { HardwareConfigIdError, NotSupportCGSoftwareError, NotSupportHardwareCodeError, NotSupportPluginError } from '../../sidecar/src/check/errors';

// The local farm's catalogue rows (sidecar/src/farm/catalog.ts), as hardwareConfig/list returns them.
const CONFIGS: FarmHardwareConfig[] = [
  { id: 496, model: 'Default', ram: '64GB', gpuNum: null, platform: 2, status: 1 },
  { id: 498, model: '28C', ram: '64GB', gpuNum: null, platform: 2, status: 1 },
  { id: 500, model: '44C', ram: '256GB', gpuNum: null, platform: 2, status: 0 },
  { id: 610, model: 'Default', ram: '64GB', gpuNum: null, platform: 62, status: 1 },
  { id: 720, model: '1080Ti', ram: '64GB', gpuNum: '2*GPU', platform: 21, status: 1, notSupportCode: ['15020'], notSupportPluginList: ['(redshift 2\\.5)'] },
  { id: 721, model: '2080Ti', ram: '64GB', gpuNum: '2*GPU', platform: 21, status: 1 },
  { id: 722, model: '2080Ti', ram: '128GB', gpuNum: '1*GPU', platform: 21, status: 1, notSupportCgId: [2001] },
];

const base: HardwareInput = {
  configs: CONFIGS, request: { model: 'Default', ram: '64GB', gpuNum: null },
  cgId: '2004', cgName: 'Houdini', cgVersion: '17.5.293', plugins: {}, tipCodes: [], platform: '2',
};

describe('hardware selection (§5.3)', () => {
  it('picks the enabled config of the task platform; ram loses GB, gpu count is its first digit or "2"', () => {
    expect(selectHardware(base)).toEqual({ hardwareConfigId: '496', ram: '64', graphicsCardsNum: '2' });
    expect(selectHardware({ ...base, platform: '62' }).hardwareConfigId).toBe('610');
    expect(selectHardware({ ...base, platform: '21', request: { model: '2080Ti', ram: '128GB', gpuNum: '1*GPU' } })).toEqual({ hardwareConfigId: '722', ram: '128', graphicsCardsNum: '1' });
  });

  it('accepts the 2026 docs multi-select model list, and ignores case/spacing of ram and a missing gpuNum', () => {
    expect(selectHardware({ ...base, request: { model: ['28C'], ram: '64 gb' } }).hardwareConfigId).toBe('498');
  });

  it('a disabled or absent config is HardwareConfigIdError listing the allowed ones', () => {
    const e = (() => { try { selectHardware({ ...base, request: { model: '44C', ram: '256GB', gpuNum: null } }); } catch (x) { return x; } })() as Error;
    expect(e).toBeInstanceOf(HardwareConfigIdError);
    expect(e.message).toContain("{'model': 'Default', 'ram': '64GB', 'gpuNum': None}");
    expect(e.message).not.toContain('1080Ti');
  });

  it('refuses software (cg id as number or string), plugins and tip codes the hardware does not support', () => {
    const gpu = { ...base, platform: '21' };
    expect(() => selectHardware({ ...gpu, cgId: '2001', request: { model: '2080Ti', ram: '128GB', gpuNum: '1*GPU' } })).toThrow(NotSupportCGSoftwareError);
    expect(() => selectHardware({ ...gpu, plugins: { redshift: '2.5.40' }, request: { model: '1080Ti', ram: '64GB', gpuNum: '2*GPU' } })).toThrow(/is not support redshift2\.5\.40/);
    expect(() => selectHardware({ ...gpu, plugins: { redshift: '2.5.40' }, request: { model: '1080Ti', ram: '64GB', gpuNum: '2*GPU' } })).toThrow(NotSupportPluginError);
    const conflict = () => selectHardware({ ...gpu, tipCodes: ['15020'], request: { model: '1080Ti', ram: '64GB', gpuNum: '2*GPU' } });
    expect(conflict).toThrow(NotSupportHardwareCodeError);
    expect(conflict).toThrow(/2080Ti/);
  });

  it('CINEMA 4D 2024 may not use Default or 1080Ti on GPU platforms (1000001)', () => {
    const e = (() => { try { selectHardware({ ...base, cgName: 'CINEMA 4D', cgVersion: '2024', cgId: '2005', platform: '21', request: { model: '1080Ti', ram: '64GB', gpuNum: '2*GPU' } }); } catch (x) { return x; } })() as HardwareConfigIdError;
    expect(e).toBeInstanceOf(HardwareConfigIdError);
    expect(e.farmCode).toBe(1000001);
  });
});
