/**
 * One model's vectors on disk, in the browser's format: `vectors/<modelId>.f32` holds rows of 256
 * float32 (little-endian, nothing else), append-only; `vectors/<modelId>.rows.ndjson` says which
 * track a row belongs to. The row is written before its map line, so a crash can leave an
 * unreferenced row (harmless) but never a map line pointing at a missing row.
 * @module
 */
import { closeSync, existsSync, ftruncateSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { indexPath } from '../../src/core/index/indexStore';
import type { VectorSource } from '../../src/core/index/indexSync';
import { NdjsonTable } from './files';

export interface SourceStamp {
  size: number;
  lastModified: number;
}

export interface VectorRowRecord {
  trackId: string;
  row: number;
  /** The file and sampling profile the vector was computed from (re-embedded when either changes). */
  source: SourceStamp;
  windowsCacheKey: string;
  at: number;
}

export class VectorStore {
  readonly rowsOf: NdjsonTable<VectorRowRecord>;
  private readonly fd: number;
  private readonly rowBytes: number;

  constructor(stateDir: string, readonly modelId: string, readonly dims: number) {
    indexPath(modelId); // rejects ids that cannot be file names
    const dir = join(stateDir, 'vectors');
    mkdirSync(dir, { recursive: true });
    this.rowBytes = dims * 4;
    this.fd = openSync(join(dir, `${modelId}.f32`), 'a+');
    // A torn write (crash mid-row) leaves a partial row at the end: drop it.
    const size = fstatSync(this.fd).size;
    if (size % this.rowBytes !== 0) ftruncateSync(this.fd, size - (size % this.rowBytes));
    this.rowsOf = new NdjsonTable<VectorRowRecord>(join(dir, `${modelId}.rows.ndjson`), (r) => r.trackId);
  }

  /** Whether any vector of `modelId` was stored (read-only commands must not create the files). */
  static exists(stateDir: string, modelId: string): boolean {
    return existsSync(join(stateDir, 'vectors', `${modelId}.rows.ndjson`));
  }

  get rows(): number {
    return Math.floor(fstatSync(this.fd).size / this.rowBytes);
  }

  /** Append one vector and record it as `trackId`'s; returns the row. */
  store(trackId: string, vector: Float32Array, source: SourceStamp, windowsCacheKey: string): number {
    if (vector.length !== this.dims) throw new RangeError(`A vector of ${this.modelId} has ${this.dims} values, got ${vector.length}`);
    const row = this.rows;
    const bytes = new Uint8Array(vector.buffer, vector.byteOffset, vector.byteLength);
    const written = writeSync(this.fd, bytes);
    if (written !== bytes.byteLength) {
      ftruncateSync(this.fd, row * this.rowBytes);
      throw new Error(`Only ${written} of ${bytes.byteLength} bytes of a vector could be written (disk full?)`);
    }
    this.rowsOf.put({ trackId, row, source, windowsCacheKey, at: Date.now() });
    return row;
  }

  /** Rows in the given order, back to back. */
  read(rows: ArrayLike<number>): Float32Array {
    const out = new Float32Array(rows.length * this.dims);
    const total = this.rows;
    for (let i = 0; i < rows.length; i++) {
      if (rows[i] >= total) throw new RangeError(`Row ${rows[i]} is not in ${this.modelId}.f32 (${total} rows)`);
      readSync(this.fd, new Uint8Array(out.buffer, i * this.rowBytes, this.rowBytes), 0, this.rowBytes, rows[i] * this.rowBytes);
    }
    return out;
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
    closeSync(this.fd);
  }
}
