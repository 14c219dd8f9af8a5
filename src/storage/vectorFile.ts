/**
 * The append-only vector file of one model in OPFS (`vectors/<modelId>.f32`): rows of `dims`
 * float32, nothing else. Opened with a synchronous access handle, so it lives in a worker. Which
 * track a row belongs to is recorded in IndexedDB (`embeddings`) *after* the row is flushed here, so
 * a crash can leave an unreferenced row (retired, reclaimed by compaction) but never a dangling one.
 */
/** OPFS synchronous access handle (worker-only; not in TypeScript's DOM lib). */
interface SyncAccessHandle {
  read(buffer: Uint8Array, options: { at: number }): number;
  write(buffer: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}

/** A read-only copy of the file's bytes, for tabs that do not own the vector file. */
class SnapshotHandle implements SyncAccessHandle {
  constructor(private readonly bytes: Uint8Array) {}
  read(buffer: Uint8Array, { at }: { at: number }): number {
    const n = Math.max(0, Math.min(buffer.byteLength, this.bytes.byteLength - at));
    buffer.set(this.bytes.subarray(at, at + n));
    return n;
  }
  write(): number {
    throw new DOMException('This rbassist tab only reads the library: another tab owns the vector file', 'NoModificationAllowedError');
  }
  truncate(): void {
    this.write();
  }
  getSize(): number {
    return this.bytes.byteLength;
  }
  flush(): void {}
  close(): void {}
}

export class VectorFile {
  private constructor(
    private handle: SyncAccessHandle,
    private readonly dir: FileSystemDirectoryHandle,
    readonly name: string,
    readonly dims: number,
  ) {}

  static async open(dir: FileSystemDirectoryHandle, name: string, dims: number): Promise<VectorFile> {
    const fileHandle = await dir.getFileHandle(name, { create: true });
    const handle = await (fileHandle as FileSystemFileHandle & { createSyncAccessHandle(): Promise<SyncAccessHandle> }).createSyncAccessHandle();
    const file = new VectorFile(handle, dir, name, dims);
    // A torn write (crash mid-row) leaves a partial row at the end: drop it.
    const whole = file.rows * file.rowBytes;
    if (handle.getSize() !== whole) handle.truncate(whole);
    return file;
  }

  /**
   * The file as it is now, read-only, without taking its access handle (which another tab may
   * hold: only one context at a time can). A missing file reads as empty.
   */
  static async openSnapshot(dir: FileSystemDirectoryHandle, name: string, dims: number): Promise<VectorFile> {
    let bytes = new Uint8Array(0);
    try {
      bytes = new Uint8Array(await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer());
    } catch (error) {
      if ((error as Error).name !== 'NotFoundError') throw error;
    }
    return new VectorFile(new SnapshotHandle(bytes), dir, name, dims);
  }

  private get rowBytes(): number {
    return this.dims * 4;
  }

  get rows(): number {
    return Math.floor(this.handle.getSize() / this.rowBytes);
  }

  /** Append rows (a multiple of `dims` floats); returns the first new row number. */
  append(vectors: Float32Array): number {
    if (vectors.length === 0 || vectors.length % this.dims !== 0) throw new RangeError(`append needs whole rows of ${this.dims} floats, got ${vectors.length}`);
    const first = this.rows;
    const bytes = new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength);
    const written = this.handle.write(bytes, { at: first * this.rowBytes });
    if (written !== bytes.byteLength) {
      this.handle.truncate(first * this.rowBytes);
      throw new DOMException(`Only ${written} of ${bytes.byteLength} bytes could be written (disk full?)`, 'QuotaExceededError');
    }
    this.handle.flush();
    return first;
  }

  read(row: number): Float32Array {
    if (!Number.isInteger(row) || row < 0 || row >= this.rows) throw new RangeError(`Row ${row} is not in ${this.name} (${this.rows} rows)`);
    const out = new Float32Array(this.dims);
    this.handle.read(new Uint8Array(out.buffer), { at: row * this.rowBytes });
    return out;
  }

  /** Rows in the given order, back to back. */
  readRows(rows: ArrayLike<number>): Float32Array {
    const out = new Float32Array(rows.length * this.dims);
    for (let i = 0; i < rows.length; i++) {
      this.handle.read(new Uint8Array(out.buffer, i * this.rowBytes, this.rowBytes), { at: rows[i] * this.rowBytes });
    }
    return out;
  }

  /**
   * Rewrite the file with only `liveRows`, in that order (row i of the new file = liveRows[i]).
   * Written to a new file first; the caller records the new row numbers, then `adopt`s it.
   */
  async compactInto(newName: string, liveRows: ArrayLike<number>): Promise<VectorFile> {
    const target = await VectorFile.open(this.dir, newName, this.dims);
    target.handle.truncate(0);
    const batch = 1024;
    for (let i = 0; i < liveRows.length; i += batch) {
      const slice = Array.prototype.slice.call(liveRows, i, i + batch) as number[];
      target.append(this.readRows(slice));
    }
    return target;
  }

  close(): void {
    this.handle.close();
  }

  async remove(): Promise<void> {
    this.close();
    await this.dir.removeEntry(this.name);
  }
}
