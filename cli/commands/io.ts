import type { ProgressStream } from '../progress';

/** Where a command writes: results to `out` (stdout), progress and problems to `err` (stderr). */
export interface CommandIO {
  out: { write(text: string): unknown };
  err: ProgressStream;
  /** Aborted on Ctrl-C: long commands stop taking new work and save what they have. */
  signal: AbortSignal;
}

export const line = (io: CommandIO, text = '') => io.out.write(`${text}\n`);
export const problem = (io: CommandIO, text: string) => io.err.write(`${text}\n`);
