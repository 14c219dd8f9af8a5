/**
 * The project's one error convention.
 * - An expected failure is a value: `Result<T, Reason>` (`{ ok: true, value }` or `{ ok: false, reason }`),
 *   the reason in words a DJ understands (a string unless a caller needs more, e.g. a line number).
 * - An unexpected one is thrown; an error class is named `SomethingError` and sets `name` to match.
 * - `errorMessage(e)` words whatever was caught, so no caller guesses at its type.
 * @module
 */

export type Result<T, Reason = string> = { ok: true; value: T } | { ok: false; reason: Reason };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function fail<Reason = string>(reason: Reason): { ok: false; reason: Reason } {
  return { ok: false, reason };
}

/** The message of anything thrown: an Error's (or DOMException's) message, a thrown string, else a description. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error || 'Unknown error';
  if (error === null || error === undefined) return 'Unknown error';
  const message = (error as { message?: unknown }).message;
  if (typeof message === 'string' && message) return message;
  if (typeof error === 'object') {
    try {
      return JSON.stringify(error);
    } catch {
      return Object.prototype.toString.call(error);
    }
  }
  return String(error);
}
