/**
 * The local side of farm tasks: which files of each task this sidecar downloaded and the folder
 * they landed in (the common folder of the files, so a layered task's units share one). Fed with
 * every landed file (`download/frame`); read by the monitor and by "open output folder".
 */
import path from 'node:path';

const RECENT = 20;
/** Tasks remembered: as many as the monitor lists (its newest 200); older ones are forgotten first. */
const MAX_TASKS = 200;

export interface LocalTaskOutputs {
  taskId: number;
  folder: string;
  files: number;
  recent: string[];
}

function commonFolder(a: string, b: string): string {
  const pa = a.split(path.sep);
  const pb = b.split(path.sep);
  let i = 0;
  while (i < pa.length && i < pb.length && pa[i] === pb[i]) i += 1;
  return pa.slice(0, i).join(path.sep) || path.sep;
}

/**
 * Landed files per task, in memory (what this sidecar process downloaded), for the `maxTasks` tasks
 * that landed a file last: a sidecar that runs for weeks does not grow with every task it ever saw.
 */
export class LocalOutputs {
  private readonly byTask = new Map<number, { folder: string; seen: Set<string>; recent: string[] }>();

  constructor(
    private readonly onChange: () => void = () => {},
    private readonly maxTasks = MAX_TASKS,
  ) {}

  /** Records one landed file of `taskId`. */
  record(taskId: number, localPath: string): void {
    const file = path.resolve(localPath);
    const dir = path.dirname(file);
    const entry = this.byTask.get(taskId) ?? { folder: dir, seen: new Set<string>(), recent: [] };
    entry.folder = commonFolder(entry.folder, dir);
    if (!entry.seen.has(file)) {
      entry.seen.add(file);
      entry.recent = [...entry.recent.filter((f) => f !== file), file].slice(-RECENT);
    }
    this.byTask.delete(taskId); // re-inserted last: the map's order is the order of last use
    this.byTask.set(taskId, entry);
    for (const oldest of this.byTask.keys()) {
      if (this.byTask.size <= this.maxTasks) break;
      this.byTask.delete(oldest);
    }
    this.onChange();
  }

  /** The folder holding the task's landed files, or undefined when none landed. */
  folderOf(taskId: number): string | undefined {
    return this.byTask.get(taskId)?.folder;
  }

  /** How many tasks are remembered. */
  get size(): number {
    return this.byTask.size;
  }

  list(): LocalTaskOutputs[] {
    return [...this.byTask.entries()].map(([taskId, e]) => ({ taskId, folder: e.folder, files: e.seen.size, recent: [...e.recent] }));
  }
}
