// The CLI in a real terminal (tmux 100×30), as a person sees it: `submit --local --download` on a
// real scene draws one bar per stage, the download's counters grow while frames land, and the
// final screen holds each stage once, finished, with the cursor visible again; `--quiet` shows
// the result only, and a piped run one line per stage. The built bundle, its own SDK home and
// sidecar, the sidecar's in-process local farm rendering a frame every 400 ms.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, removeBundle, sphere, type BuiltCli } from './helpers/built-cli';
import { runInTmux, tmuxAvailable } from './helpers/tmux';

let cli: BuiltCli;
const STAGES = ['analyse', 'check', 'upload-config', 'upload-assets', 'submit', 'download'];

beforeAll(async () => {
  cli = await builtCli();
});
afterAll(async () => {
  await cli?.close();
  removeBundle();
});

const env = () => ({ RAYVISION_SDK_HOME: cli.home, RAYVISION_PLUGINS_DIR: '', RAYVISION_API_ACCESS_ID: '', RAYVISION_API_KEY: '' });
const submit = (dir: string, ...extra: string[]) => [process.execPath, cli.bundle, ...extra, 'submit', sphere, '--local', '--frame-ms', '400', '--download', path.join(cli.home, dir)];
/** The files count on the download bar of a screen, if it shows one. */
const downloaded = (screen: string) => Number(/^download +(\d+) files?\b/m.exec(screen)?.[1] ?? NaN);

describe.runIf(await tmuxAvailable)('under tmux', () => {
  it('submit --download: bars per stage that advance, then a clean final screen with the cursor shown', async () => {
    const r = await runInTmux(submit('frames'), env());
    expect(r.exitCode, r.final).toBe(0);
    // While it ran: bars were drawn with the cursor hidden, and the download bar's counter grew.
    const withBars = r.screens.filter((s) => /^download +\d+ files?/m.test(s));
    expect(withBars.length, r.screens.join('\n----\n')).toBeGreaterThan(1);
    expect(r.cursorShown.some((shown) => !shown)).toBe(true);
    const counts = withBars.map(downloaded);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)!).toBeGreaterThan(counts[0]!);
    // The end: every stage once, finished ("done in …", no ETA or rate left), then the result.
    const lines = r.final.split('\n');
    for (const stage of STAGES) {
      const rows = lines.filter((l) => new RegExp(`^${stage} `).test(l));
      expect(rows, `${stage} in\n${r.final}`).toHaveLength(1);
      expect(rows[0]).toMatch(/ done in \d+/);
      expect(rows[0]).not.toMatch(/ETA|\/s\b/);
    }
    expect(lines.find((l) => l.startsWith('download '))).toMatch(/^download +10 files +10 frames .* 10 files downloaded/);
    expect(r.final).toMatch(/^task \d+ submitted$/m);
    expect(lines.filter((l) => /^downloaded \//.test(l))).toHaveLength(10);
    expect(r.cursorAtEnd).toBe(true);
  });

  it('Ctrl-C while it downloads: the job is cancelled (exit 5), the bars are gone, the cursor is back', async () => {
    const r = await runInTmux(submit('cancelled'), env(), { interruptWhen: (s) => /^download +\d+ files?/m.test(s) });
    expect(r.exitCode, r.final).toBe(5);
    expect(r.final).toMatch(/^rayvision: .*cancel/im);
    expect(r.final).not.toMatch(/^(analyse|check|upload-config|upload-assets|submit|download) /m);
    expect(r.cursorAtEnd).toBe(true);
  });

  it('--quiet: no bars, no stage lines, only the result (task id and where the frames landed)', async () => {
    const r = await runInTmux(submit('quiet', '--quiet'), env());
    expect(r.exitCode, r.final).toBe(0);
    const lines = r.final.split('\n');
    expect(lines[0]).toMatch(/^task \d+ submitted$/);
    expect(lines.slice(1, -1).every((l) => l.startsWith(`  ${path.join(cli.home, 'quiet')}`)), r.final).toBe(true);
    expect(lines).toHaveLength(12);
    expect(r.screens.every((s) => !/done in|files|^\[/m.test(s))).toBe(true);
    expect(r.cursorAtEnd).toBe(true);
  });

  it('piped: one line per stage, no bars', async () => {
    const r = await runInTmux(submit('piped'), env(), { pipe: true });
    expect(r.exitCode, r.final).toBe(0);
    for (const stage of ['[analyse]', '[check]', '[upload-config]', '[upload-assets]', '[submit]', '[download]']) expect(r.final).toContain(stage);
    expect(r.final).not.toMatch(/done in|ETA/);
  });
});
