/**
 * Parsers for flag values: a bad value is refused on the command line (exit 2) with the flag's
 * name, before anything is sent to the sidecar or the farm.
 */
import { readFileSync, statSync } from 'node:fs';
import { InvalidArgumentError } from 'commander';

/** A whole number ≥ `min`. */
export const wholeNumber =
  (min = 0) =>
  (value: string): number => {
    if (!/^\d+$/.test(value.trim()) || Number(value) < min) throw new InvalidArgumentError(`expected a whole number${min > 0 ? ` of at least ${min}` : ''}.`);
    return Number(value);
  };

/** A positive number of seconds (fractions allowed). */
export const seconds = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number of seconds greater than 0.');
  return n;
};

/** KB/s: 0 or more (0 = unlimited). */
export const kbps = (value: string): number => {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of KB/s (0 = unlimited).');
  return n;
};

/** `--priority`: an integer 0–100 (the farm's taskUserLevel). */
export const priority = (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 100) throw new InvalidArgumentError('expected an integer from 0 to 100.');
  return n;
};

/** `--task-id`/task ids: positive integers as the farm numbers tasks. */
export const taskId = (value: string): number => {
  if (!/^\d+$/.test(value.trim()) || Number(value) <= 0) throw new InvalidArgumentError(`"${value}" is not a task id (a positive whole number, see \`rayvision tasks\`).`);
  return Number(value);
};

/** `--hardware model,ram,gpuNum` → the check's hardware request. */
export const hardware = (spec: string): { model: string; ram: string; gpuNum: string | null } => {
  const [model, ram, gpuNum, ...rest] = spec.split(',').map((s) => s.trim());
  if (!model || rest.length > 0 || ram === '') {
    throw new InvalidArgumentError('expected model[,ram[,gpuNum]], e.g. Default,64GB or "GPU,128GB,2".');
  }
  return { model, ram: ram ?? '64GB', gpuNum: gpuNum ? gpuNum : null };
};

/**
 * `--path-map`: JSON (`{"D:/projects": "/mnt/projects"}`, a rule list or an OJD path-mapping
 * document) given inline or as the path of a .json file. The sidecar checks its shape.
 */
export const pathMap = (value: string): unknown => {
  const text = value.trim();
  let json = text;
  if (!text.startsWith('{') && !text.startsWith('[')) {
    if (!statSync(text, { throwIfNoEntry: false })?.isFile()) {
      throw new InvalidArgumentError('expected JSON such as \'{"D:/projects": "/mnt/projects"}\' or the path of a .json file holding it.');
    }
    json = readFileSync(text, 'utf8');
  }
  try {
    return JSON.parse(json);
  } catch (err) {
    throw new InvalidArgumentError(`not valid JSON (${(err as Error).message}); write it as '{"D:/projects": "/mnt/projects"}'.`);
  }
};
