/**
 * File primitives for the CLI's state folder: whole-file JSON written atomically (temp file +
 * rename, so a crash leaves the old or the new file, never half of one), and append-only ndjson
 * tables where the last line for a key wins.
 * @module
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError } from '../errors';
import { errorMessage } from '../../src/core/errors';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, path);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, `${JSON.stringify(value, null, 1)}\n`);
}

export function readJson<T>(path: string): T | undefined {
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new CliError(`State file ${path} is damaged (${errorMessage(error)}). Restore it from a backup or delete the state folder to start over.`);
  }
}

/**
 * An append-only table of JSON lines. `put` appends one line; loading keeps the last line of each
 * key. A torn last line (the process died mid-write) is cut off; a bad line elsewhere means the
 * file was edited or damaged, which is reported rather than guessed around.
 */
export class NdjsonTable<T> {
  private readonly rows = new Map<string, T>();
  private lines = 0;

  constructor(
    readonly path: string,
    private readonly keyOf: (record: T) => string,
  ) {
    this.load();
  }

  private load(): void {
    if (!existsSync(this.path)) return;
    const text = readFileSync(this.path, 'utf8');
    let offset = 0;
    let lineNumber = 0;
    while (offset < text.length) {
      const end = text.indexOf('\n', offset);
      lineNumber++;
      if (end === -1) {
        // No newline: the last write was cut short. Drop it so the next append starts clean.
        truncateSync(this.path, Buffer.byteLength(text.slice(0, offset)));
        break;
      }
      const line = text.slice(offset, end);
      offset = end + 1;
      if (line.trim() === '') continue;
      let record: T;
      try {
        record = JSON.parse(line) as T;
      } catch {
        throw new CliError(`State file ${this.path} is damaged at line ${lineNumber}. Delete the file to recompute what it held.`);
      }
      this.rows.set(this.keyOf(record), record);
      this.lines++;
    }
  }

  get size(): number {
    return this.rows.size;
  }

  get(key: string): T | undefined {
    return this.rows.get(key);
  }

  values(): IterableIterator<T> {
    return this.rows.values();
  }

  put(record: T): void {
    mkdirSync(dirname(this.path), { recursive: true });
    appendFileSync(this.path, `${JSON.stringify(record)}\n`);
    this.rows.set(this.keyOf(record), record);
    this.lines++;
  }

  /** Rewrite the file with one line per key (sorted) once superseded lines dominate it. */
  compact(force = false): boolean {
    if (!force && this.lines <= 2 * this.rows.size + 64) return false;
    const keys = [...this.rows.keys()].sort();
    writeFileAtomic(this.path, keys.map((key) => `${JSON.stringify(this.rows.get(key))}\n`).join(''));
    this.lines = keys.length;
    return true;
  }
}
