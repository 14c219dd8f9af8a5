/**
 * Progress of a long run on stderr (stdout stays clean for results). On a terminal: one bar redrawn
 * in place, with tracks done / total, tracks per minute, ETA, failures and what each worker is on.
 * Otherwise (piped, CI, log file): a plain line every 10 % or every 15 s, and at the end.
 * @module
 */
import { formatClock } from '../src/core/decode/ffmpegDecode';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressState {
  done: number;
  failed: number;
  /** What each worker is working on (shown on a terminal only). */
  current?: readonly (string | undefined)[];
}

const REDRAW_MS = 100;
const PLAIN_EVERY_MS = 15_000;
const BAR_WIDTH = 24;

export class ProgressBar {
  private readonly started: number;
  private lastDraw = 0;
  private lastPlainStep = -1;
  private lastPlainAt: number;
  private state: ProgressState = { done: 0, failed: 0 };
  private drawn = false;

  constructor(
    private readonly out: ProgressStream,
    private readonly label: string,
    private readonly total: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.started = now();
    this.lastPlainAt = this.started;
  }

  /** Tracks per minute so far. */
  rate(): number {
    const minutes = (this.now() - this.started) / 60_000;
    return minutes > 0 ? this.state.done / minutes : 0;
  }

  summary(): string {
    const { done, failed } = this.state;
    const rate = this.rate();
    const parts = [`${done}/${this.total}`];
    if (done > 0 && rate > 0) parts.push(`${rate.toFixed(1)} tracks/min`);
    if (done > 0 && done < this.total && rate > 0) parts.push(`ETA ${formatClock(((this.total - done) / rate) * 60)}`);
    if (failed > 0) parts.push(`${failed} failed`);
    return parts.join(' · ');
  }

  update(state: ProgressState): void {
    this.state = state;
    const now = this.now();
    if (this.out.isTTY) {
      if (now - this.lastDraw >= REDRAW_MS || state.done === this.total) this.draw(now);
      return;
    }
    const step = this.total > 0 ? Math.floor((state.done * 10) / this.total) : 10;
    if (step > this.lastPlainStep || now - this.lastPlainAt >= PLAIN_EVERY_MS) {
      this.lastPlainStep = step;
      this.lastPlainAt = now;
      this.out.write(`${this.label}: ${this.summary()}\n`);
    }
  }

  /** Print a line (a failure, a note) above the bar. */
  note(line: string): void {
    if (this.out.isTTY && this.drawn) this.out.write('\r\x1b[2K');
    this.out.write(`${line}\n`);
    if (this.out.isTTY && this.drawn) this.draw(this.now());
  }

  /** Leave the final state on screen. */
  finish(): void {
    if (this.out.isTTY) {
      this.draw(this.now(), true);
      this.out.write('\n');
    } else if (this.lastPlainStep < 10 || this.state.done === 0) {
      this.out.write(`${this.label}: ${this.summary()}\n`);
    }
  }

  private draw(now: number, final = false): void {
    this.lastDraw = now;
    this.drawn = true;
    const filled = this.total > 0 ? Math.round((this.state.done / this.total) * BAR_WIDTH) : BAR_WIDTH;
    const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
    const busy = final ? [] : (this.state.current ?? []).filter((c): c is string => !!c);
    let line = `${this.label} ${bar} ${this.summary()}${busy.length ? ` · ${busy.join(', ')}` : ''}`;
    const width = this.out.columns ?? 100;
    if (line.length > width - 1) line = `${line.slice(0, width - 2)}…`;
    this.out.write(`\r\x1b[2K${line}`);
  }
}
