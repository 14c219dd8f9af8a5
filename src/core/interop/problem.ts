/**
 * Errors of the interop readers and writers are values: a sentence a DJ can act on and, for files,
 * the 1-based line it refers to. Importers never throw; they return a `Result` (src/core/errors.ts)
 * whose reason is an `InteropProblem`.
 * @module
 */
import type { Result as CoreResult } from '../errors';

export interface InteropProblem {
  message: string;
  /** 1-based line in the input file, when the problem has a place. */
  line?: number;
}

export type Result<T> = CoreResult<T, InteropProblem>;

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail<T = never>(message: string, line?: number): Result<T> {
  return { ok: false, reason: line === undefined ? { message } : { message, line } };
}

/** "Line 12: …" when the line is known, the bare message otherwise. */
export function describeProblem(problem: InteropProblem): string {
  return problem.line === undefined ? problem.message : `Line ${problem.line}: ${problem.message}`;
}

/** Thrown inside a reader to abort with a located problem; caught at the reader's boundary. */
export class InteropProblemError extends Error {
  constructor(readonly problem: InteropProblem) {
    super(describeProblem(problem));
    this.name = 'InteropProblemError';
  }
}

/** Maps character offsets of a text to 1-based line numbers (binary search over line starts). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  }
}

/** Text decoded from a file may start with a byte-order mark; parsers should not see it. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
