// Truncated, corrupted and random-byte Clarisse projects: valid facts or SceneParseError, never a crash or a hang.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClarisseProject, SceneParseError } from '../../../sidecar/src/analyze/static/clarisse';
import { SceneFacts } from '../../../protocol/src/scene';
import { damage, fuzzFile, prng } from '../helpers/fuzz';

const scene = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'scenes', 'clarisse', 'spherix_demo.project');
const CASES = 1200;
// braces, quotes, backslashes, newlines and dots carry the project's structure
const PROJECT_DAMAGE = { keepHeader: 40, noise: 'printable', delimiters: [0x7b, 0x7d, 0x22, 0x5c, 0x0a, 0x2e] } as const;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'fuzz-clarisse-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fuzz: damaged Clarisse projects resolve or reject with SceneParseError', () => {
  it(`.project: ${CASES} mutations of spherix_demo.project`, async () => {
    const original = await readFile(scene);
    const rnd = prng(4242);
    const r = await fuzzFile({
      cases: CASES,
      file: path.join(dir, 'input.project'),
      input: () => damage(original, rnd, PROJECT_DAMAGE),
      read: readClarisseProject,
      check: (facts) => SceneFacts.parse(facts),
      typed: (e) => e instanceof SceneParseError,
    });
    expect(r.ok + r.rejected).toBe(CASES);
    expect(r.ok).toBeGreaterThan(0);
    expect(r.rejected).toBeGreaterThan(0);
  });
});
