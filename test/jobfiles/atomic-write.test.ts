import { readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultTaskJson, writeTaskJson } from '../../sidecar/src/jobfiles';
import { tempTree } from '../analyze/helpers/temp-dir';

let tree: Awaited<ReturnType<typeof tempTree>>;
beforeEach(async () => {
  tree = await tempTree('atomic-');
});
afterEach(() => tree.cleanup());

const repoRoot = path.resolve(__dirname, '..', '..');

describe('atomic job-file writes', () => {
  it('a process killed while rewriting task.json leaves the old or the new file, never half of one', async () => {
    const file = path.join(tree.dir, 'task.json');
    await writeTaskJson(file, defaultTaskJson());
    // A writer that rewrites a large task.json as fast as it can, until killed.
    const script = path.join(tree.dir, 'writer.mts');
    await writeFile(script, `
import { writeTaskJson, defaultTaskJson } from ${JSON.stringify(path.join(repoRoot, 'sidecar/src/jobfiles/index.ts'))};
const task = defaultTaskJson();
task.scene_info = { big: 'x'.repeat(4_000_000) };
for (let i = 0; ; i += 1) {
  task.task_info.task_id = String(i);
  await writeTaskJson(process.argv[2], task);
  if (i === 0) console.log('writing');
}
`);
    for (let round = 0; round < 3; round += 1) {
      // node with tsx's loader: one process, so SIGKILL really stops the writer mid-write.
      const child = execa(process.execPath, ['--import', 'tsx', script, file], { reject: false, cwd: repoRoot });
      await new Promise<void>((resolve, reject) => {
        child.stdout!.once('data', () => resolve());
        void child.then((r) => reject(new Error(`writer exited early: ${r.stderr}`)));
      });
      await new Promise((r) => setTimeout(r, 20 + round * 30));
      child.kill('SIGKILL');
      await child;
      const parsed = JSON.parse(await readFile(file, 'utf8'));
      expect(parsed.task_info.channel).toBe('4');
    }
    // Only the target (and possibly temp files of the killed writer, never a truncated target).
    expect((await readdir(tree.dir)).filter((n) => n === 'task.json')).toHaveLength(1);
  });
});
