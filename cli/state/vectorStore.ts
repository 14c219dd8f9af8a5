/**
 * One model's vectors on disk, in the browser's format (src/core/index/vectorRows.ts):
 * `vectors/<modelId>.f32` over a node file descriptor, and `vectors/<modelId>.rows.ndjson`, which
 * says which track a row belongs to, written after the row.
 * @module
 */
import { closeSync, existsSync, ftruncateSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { indexPath } from '../../src/core/index/indexStore';
import type { VectorSource } from '../../src/core/index/indexSync';
import { VectorRows, type ByteFile } from '../../src/core/index/vectorRows';
import type { VectorKey } from '../../src/core/analysis/plan';
import { NdjsonTable } from './files';

function overDescriptor(fd: number): ByteFile {
  return {
    read: (buffer, at) => readSync(fd, buffer, 0, buffer.byteLength, at),
    write: (buffer, at) => writeSync(fd, buffer, 0, buffer.byteLength, at),
    truncate: (size) => ftruncateSync(fd, size),
    size: () => fstatSync(fd).size,
    // A written row is in the OS's cache before its map line is written: enough when the process dies.
    flush: () => undefined,
    close: () => closeSync(fd),
  };
}

export interface SourceStamp {
  size: number;
  lastModified: number;
}

/** The file, sampling profile and embedder version the vector was made with (re-embedded when one changes). */
export interface VectorRowRecord extends VectorKey {
  trackId: string;
  row: number;
  source: SourceStamp;
  at: number;
}

export class VectorStore {
  readonly rowsOf: NdjsonTable<VectorRowRecord>;
  private readonly file: VectorRows;

  constructor(
    stateDir: string,
    readonly modelId: string,
    readonly dims: number,
  ) {
    indexPath(modelId); // rejects ids that cannot be file names
    const dir = join(stateDir, 'vectors');
    mkdirSync(dir, { recursive: true });
    this.file = new VectorRows(overDescriptor(openSync(join(dir, `${modelId}.f32`), 'a+')), `${modelId}.f32`, dims);
    this.rowsOf = new NdjsonTable<VectorRowRecord>(join(dir, `${modelId}.rows.ndjson`), (r) => r.trackId);
  }

  /** Whether any vector of `modelId` was stored (read-only commands must not create the files). */
  static exists(stateDir: string, modelId: string): boolean {
    return existsSync(join(stateDir, 'vectors', `${modelId}.rows.ndjson`));
  }

  get rows(): number {
    return this.file.rows;
  }

  /** Append one vector and record it as `trackId`'s, with what it was made from; returns the row. */
  store(trackId: string, vector: Float32Array, source: SourceStamp, key: VectorKey): number {
    if (vector.length !== this.dims) throw new RangeError(`A vector of ${this.modelId} has ${this.dims} values, got ${vector.length}`);
    const row = this.file.append(vector);
    this.rowsOf.put({ trackId, row, source, windowsCacheKey: key.windowsCacheKey, embedderVersion: key.embedderVersion, at: Date.now() });
    return row;
  }

  /** Rows in the given order, back to back. */
  read(rows: ArrayLike<number>): Float32Array {
    return this.file.readRows(rows);
  }

  /** The index's view of this store: the rows of the given (present) tracks. */
  sourceFor(trackIds: Iterable<string>): VectorSource {
    const total = this.rows;
    const live: number[] = [];
    for (const id of trackIds) {
      const record = this.rowsOf.get(id);
      if (record && record.row < total) live.push(record.row);
    }
    const labels = Uint32Array.from(live).sort();
    return {
      liveLabels: async () => labels,
      read: async (rows) => this.read(rows),
    };
  }

  close(): void {
    this.file.close();
  }
}
