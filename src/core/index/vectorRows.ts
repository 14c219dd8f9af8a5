/**
 * The vector file format, for every host: `vectors/<modelId>.f32` holds rows of `dims` float32,
 * little-endian, back to back, nothing else; row n is the vector labelled n in the index. The file
 * is append-only; which track a row belongs to is recorded elsewhere *after* the row is flushed, so a
 * crash can leave an unreferenced row but never a reference to a missing one. Pure: the bytes come
 * through a `ByteFile` (an OPFS sync access handle in a worker, a file descriptor in Node).
 * @module
 */
/** Random-access bytes under a vector file. */
export interface ByteFile {
  /** Reads into `buffer` from byte `at`; returns the bytes read. */
  read(buffer: Uint8Array, at: number): number;
  /** Writes `buffer` at byte `at`; returns the bytes written. */
  write(buffer: Uint8Array, at: number): number;
  truncate(size: number): void;
  size(): number;
  flush(): void;
  close(): void;
}

/** A short write: the disk or the origin's quota is full. Named like the browser's quota error, which callers already handle. */
export class VectorFileFullError extends Error {
  constructor(written: number, wanted: number) {
    super(`Only ${written} of ${wanted} bytes of a vector could be written (disk full?)`);
    this.name = 'QuotaExceededError';
  }
}

const hostIsLittleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
if (!hostIsLittleEndian) throw new Error('rbassist vector files are little-endian float32; this platform is big-endian');

export class VectorRows {
  private readonly rowBytes: number;

  /** Opens the rows of `file`; a torn write (crash mid-row) left a partial row at the end: it is dropped. */
  constructor(
    private readonly file: ByteFile,
    readonly name: string,
    readonly dims: number,
  ) {
    if (!Number.isInteger(dims) || dims < 1) throw new RangeError(`A vector file needs a positive whole number of dimensions, got ${dims}`);
    this.rowBytes = dims * 4;
    const whole = this.rows * this.rowBytes;
    if (file.size() !== whole) file.truncate(whole);
  }

  get rows(): number {
    return Math.floor(this.file.size() / this.rowBytes);
  }

  /** Append rows (a multiple of `dims` floats), flushed; returns the first new row number. */
  append(vectors: Float32Array): number {
    if (vectors.length === 0 || vectors.length % this.dims !== 0) throw new RangeError(`append needs whole rows of ${this.dims} floats, got ${vectors.length}`);
    const first = this.rows;
    const bytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
    const written = this.file.write(bytes, first * this.rowBytes);
    if (written !== bytes.byteLength) {
      this.file.truncate(first * this.rowBytes);
      throw new VectorFileFullError(written, bytes.byteLength);
    }
    this.file.flush();
    return first;
  }

  /** Rows in the given order, back to back. */
  readRows(rows: ArrayLike<number>): Float32Array {
    const out = new Float32Array(rows.length * this.dims);
    const total = this.rows;
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      if (!Number.isInteger(row) || row < 0 || row >= total) throw new RangeError(`Row ${row} is not in ${this.name} (${total} rows)`);
      this.file.read(new Uint8Array(out.buffer, i * this.rowBytes, this.rowBytes), row * this.rowBytes);
    }
    return out;
  }

  /** Copies `liveRows`, in that order, into `target` (emptied first): row i of `target` = liveRows[i]. */
  copyInto(target: VectorRows, liveRows: ArrayLike<number>): void {
    if (target.dims !== this.dims) throw new RangeError(`Cannot copy rows of ${this.dims} values into a file of ${target.dims}`);
    target.file.truncate(0);
    const batch = 1024;
    for (let i = 0; i < liveRows.length; i += batch) {
      target.append(this.readRows(Array.prototype.slice.call(liveRows, i, i + batch) as number[]));
    }
  }

  close(): void {
    this.file.close();
  }
}
