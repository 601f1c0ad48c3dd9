/**
 * A scene whose renderer needs a GPU (task.json `additional_info.gpu_nodes`, written by the analysis)
 * cannot render on CPU-only hardware: the check refuses it and names the GPU configurations to pick.
 */
import type { TaskJson } from '../jobfiles';
import { CheckError } from './errors';
import type { FarmHardwareConfig, HardwareRequest } from './hardware';

/** Is this configuration a GPU one (type 2, or a GPU count)? */
export const isGpuConfig = (c: { type?: number | string | null; gpuNum?: string | null }): boolean => Number(c.type) === 2 || Boolean(c.gpuNum);

/** Why the rendered nodes of `task` need a GPU (empty when none does). */
export function gpuReasons(task: TaskJson, rendering: string[]): string[] {
  const nodes = (task.additional_info?.gpu_nodes ?? {}) as Record<string, string>;
  const on = new Set(rendering);
  return Object.entries(nodes).filter(([node]) => on.has(node)).map(([, why]) => why);
}

/** Throws ERR_HARDWARE_NEEDS_GPU when a GPU scene asks for CPU-only hardware. */
export function gpuProblem(task: TaskJson, rendering: string[], request: HardwareRequest, configs: (FarmHardwareConfig & { type?: number })[]): void {
  const reasons = gpuReasons(task, rendering);
  if (reasons.length === 0 || isGpuConfig(request)) return;
  const gpus = configs.filter((c) => c.status && isGpuConfig(c)).map((c) => `${c.model} ${c.ram} ${c.gpuNum ?? ''} (platform ${c.platform})`.replace(/\s+\(/, ' ('));
  throw new CheckError('ERR_HARDWARE_NEEDS_GPU', `${reasons.join('; ')}, but ${String(request.model)} ${request.ram} is CPU-only. Choose a GPU configuration${gpus.length ? `: ${gpus.join(', ')}` : ' (the account has none: ask the farm)'}.`, {
    farmCode: 1000000,
    setting: 'hardwareConfig',
  });
}
