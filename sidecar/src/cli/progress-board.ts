/**
 * Progress bars on a terminal (cli-progress's MultiBar): one bar per stage of a job (analyse, read,
 * check, upload-config, upload-assets, submit, download …), drawn together, so stages that overlap
 * each move their own bar. A stage stays as a finished line once another one starts. Lines printed
 * meanwhile (a landed frame) go above the bars. `finish()` leaves the final lines; `clear()` (error,
 * cancel) removes the bars. Either way the cursor is shown again, also when the process is ended
 * by a second Ctrl-C (process.exit) or SIGTERM.
 */
import cliProgress from 'cli-progress';
import type { Progress } from '../../../protocol/src/index';
import { mainCounter, stageLine, terminalColumns, type StageView } from './stage-line';

const SHOW_CURSOR = '\x1b[?25h';

interface Stage {
  view: StageView;
  bar: cliProgress.SingleBar;
  startedAt: number;
  endedAt?: number;
  /** First byte count seen and when: the measured rate when the sidecar sends none. */
  firstBytes?: { at: number; value: number };
}

export class ProgressBoard {
  private multibar: cliProgress.MultiBar | undefined;
  private readonly stages = new Map<string, Stage>();
  private labelWidth = 0;
  private readonly restore = () => this.clear();
  private readonly onTerm = () => {
    this.clear();
    process.kill(process.pid, 'SIGTERM'); // this listener is gone now: the default action ends the process
  };

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly fallbackStage = 'progress',
  ) {}

  /** Feeds one progress notification of the job. */
  update(p: Progress): void {
    const name = p.stage ?? [...this.stages.keys()].at(-1) ?? this.fallbackStage;
    const now = Date.now();
    let s = this.stages.get(name);
    if (!s) {
      for (const other of this.stages.values()) this.settle(other, now);
      s = this.add(name, now);
    }
    const v = s.view;
    s.endedAt = undefined;
    v.done = false;
    if (p.bytes) v.bytes = p.bytes;
    if (p.files) v.files = p.files;
    if (p.frames) v.frames = p.frames;
    // "done" says nothing the finished line does not: the title or last message stays.
    const text = p.message === 'done' ? undefined : (p.message ?? p.title);
    if (text !== undefined) v.message = text;
    if (p.bytes && !s.firstBytes) s.firstBytes = { at: now, value: p.bytes.transferred };
    const measured = s.firstBytes && p.bytes && now > s.firstBytes.at ? ((p.bytes.transferred - s.firstBytes.value) * 1000) / (now - s.firstBytes.at) : undefined;
    v.rate = p.speedBps ?? measured ?? v.rate;
    const main = mainCounter(v);
    if (main) {
      s.bar.setTotal(main.total!);
      s.bar.update(main.transferred);
    } else s.bar.update(0);
  }

  /** A line above the bars (or straight out when none is drawn). */
  log(line: string): void {
    // Erase to the end of the line: the text lands where a (longer) bar was drawn.
    if (this.multibar) this.multibar.log(`${line}\x1b[K\n`);
    else this.stream.write(`${line}\n`);
  }

  /** The job succeeded: the bars become their final lines, kept on screen. */
  finish(): void {
    const lines = [...this.stages.values()].map((s) => {
      this.settle(s, Date.now());
      return stageLine(this.viewOf(s), this.columns(), this.labelWidth);
    });
    this.clear();
    for (const line of lines) this.stream.write(`${line}\n`);
  }

  /** The job failed or was cancelled: the bars go, the terminal is as before them. */
  clear(): void {
    const m = this.multibar;
    if (!m) return;
    this.multibar = undefined;
    process.removeListener('exit', this.restore);
    process.removeListener('SIGTERM', this.onTerm);
    m.update(); // prints lines still waiting above the bars
    m.stop(); // clearOnComplete: the bars are wiped; the cursor is shown again
    this.stream.write(SHOW_CURSOR);
    this.stages.clear();
  }

  private add(name: string, now: number): Stage {
    if (!this.multibar) {
      this.multibar = new cliProgress.MultiBar({
        stream: this.stream,
        hideCursor: true,
        clearOnComplete: true,
        // Lines are cut to the width here; autowrap stays on, so a killed CLI leaves the terminal as it was.
        linewrap: true,
        fps: 10,
        // Lines logged above the bars move them down: every bar is drawn again, changed or not.
        forceRedraw: true,
        format: (_options, params, payload: { stage: Stage }) => {
          const eta = typeof params.eta === 'number' && params.eta > 0 ? params.eta : undefined;
          return stageLine({ ...this.viewOf(payload.stage), etaSeconds: eta }, this.columns(), this.labelWidth);
        },
      });
      process.once('exit', this.restore);
      process.once('SIGTERM', this.onTerm);
    }
    this.labelWidth = Math.max(this.labelWidth, name.length);
    const stage = { view: { stage: name, done: false, elapsedMs: 0 }, startedAt: now } as Stage;
    stage.bar = this.multibar.create(0, 0, { stage });
    this.stages.set(name, stage);
    return stage;
  }

  private settle(s: Stage, now: number): void {
    if (s.endedAt === undefined) s.endedAt = now;
    s.view.done = true;
  }

  private viewOf(s: Stage): StageView {
    return { ...s.view, elapsedMs: (s.endedAt ?? Date.now()) - s.startedAt };
  }

  private columns(): number {
    return terminalColumns(this.stream);
  }
}
