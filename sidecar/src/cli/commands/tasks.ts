/** `tasks`: the farm's task list as a table (header, status names, optional sort by time). */
import { Option, type Command } from 'commander';
import { taskStatusName } from '../../api/task-status';
import { wholeNumber } from '../flag-values';
import { ensureLogin, withLoginFlags, type LoginFlags } from '../login-flags';
import { runAction, type GlobalFlags } from '../run';

type Task = Record<string, unknown>;
type Flags = LoginFlags & GlobalFlags & { page: number; pageSize: number; sort?: 'time' | 'id' | 'status'; reverse?: boolean };

const SORTS = ['time', 'id', 'status'] as const;
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0) || 0);

/** A farm time (ms since the epoch) as local `YYYY-MM-DD HH:MM`; empty when the farm sent none. */
function when(ms: unknown): string {
  if (typeof ms !== 'number' || ms <= 0) return '';
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** Sorted copy: time = submit date (newest first), id (highest first), status (by name). `reverse` flips it. */
export function sortTasks(items: Task[], key: Flags['sort'], reverse = false): Task[] {
  if (!key && !reverse) return items;
  const by: Record<string, (a: Task, b: Task) => number> = {
    time: (a, b) => num(b.submitDate) - num(a.submitDate),
    id: (a, b) => num(b.id) - num(a.id),
    status: (a, b) => taskStatusName(a.taskStatus).localeCompare(taskStatusName(b.taskStatus)),
  };
  const sorted = key ? [...items].sort(by[key]) : [...items];
  return reverse ? sorted.reverse() : sorted;
}

/** The table: a header, then one row per task, columns padded to their widest cell. */
export function formatTasks(items: Task[]): string {
  const rows = items.map((t) => [String(t.id ?? ''), taskStatusName(t.taskStatus), `${num(t.doneFrames)}/${num(t.totalFrames)}`, when(t.submitDate), String(t.sceneName ?? '')]);
  const all = [['ID', 'STATUS', 'FRAMES', 'SUBMITTED', 'SCENE'], ...rows];
  const widths = all[0]!.map((_, i) => Math.max(...all.map((r) => r[i]!.length)));
  return all.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** Registers tasks. */
export function registerTasksCommand(program: Command): void {
  withLoginFlags(program.command('tasks'))
    .description('list the farm tasks')
    .option('--page-size <n>', 'tasks per page', wholeNumber(1), 20)
    .option('--page <n>', 'page number', wholeNumber(1), 1)
    .addOption(new Option('--sort <key>', 'sort the page (time: newest first)').choices(SORTS))
    .option('--reverse', 'reverse the order')
    .action((_o, cmd: Command) => {
      const f = cmd.optsWithGlobals() as Flags;
      return runAction(f, async (client, out) => {
        await ensureLogin(client, f);
        const page = (await client.call('task/list', { pageNum: f.page, pageSize: f.pageSize })) as { items?: Task[] };
        const items = sortTasks(page.items ?? [], f.sort, f.reverse).map((t) => ({ ...t, statusName: taskStatusName(t.taskStatus) }));
        out.result({ ...page, items }, () => (items.length === 0 ? 'no tasks' : formatTasks(items)));
      });
    });
}
