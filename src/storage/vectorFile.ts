/**
 * One model's vector file in OPFS (`vectors/<modelId>.f32`), in the format of
 * src/core/index/vectorRows.ts, over a synchronous access handle (so it lives in a worker). Which
 * track a row belongs to is recorded in IndexedDB (`embeddings`) after the row is flushed here.
 * @module
 */
import { VectorRows, type ByteFile } from '../core/index/vectorRows';

/** OPFS synchronous access handle (worker-only; not in TypeScript's DOM lib). */
interface SyncAccessHandle {
  read(buffer: Uint8Array, options: { at: number }): number;
  write(buffer: Uint8Array, options: { at: number }): number;
  truncate(size: number): void;
  getSize(): number;
  flush(): void;
  close(): void;
}

function overHandle(handle: SyncAccessHandle): ByteFile {
  return {
    read: (buffer, at) => handle.read(buffer, { at }),
    write: (buffer, at) => handle.write(buffer, { at }),
    truncate: (size) => handle.truncate(size),
    size: () => handle.getSize(),
    flush: () => handle.flush(),
    close: () => handle.close(),
  };
}

/** A read-only copy of the file's bytes, for tabs that do not own the vector file. */
function overSnapshot(bytes: Uint8Array): ByteFile {
  const refuse = (): never => {
    throw new DOMException('This rbassist tab only reads the library: another tab owns the vector file', 'NoModificationAllowedError');
  };
  return {
    read(buffer, at) {
      const n = Math.max(0, Math.min(buffer.byteLength, bytes.byteLength - at));
      buffer.set(bytes.subarray(at, at + n));
      return n;
    },
    write: refuse,
    truncate: (size) => (size === bytes.byteLength ? undefined : refuse()),
    size: () => bytes.byteLength,
    flush: () => undefined,
    close: () => undefined,
  };
}

export class VectorFile {
  private constructor(
    private readonly rowFile: VectorRows,
    private readonly dir: FileSystemDirectoryHandle,
  ) {}

  static async open(dir: FileSystemDirectoryHandle, name: string, dims: number): Promise<VectorFile> {
    const fileHandle = await dir.getFileHandle(name, { create: true });
    const handle = await (fileHandle as FileSystemFileHandle & { createSyncAccessHandle(): Promise<SyncAccessHandle> }).createSyncAccessHandle();
    return new VectorFile(new VectorRows(overHandle(handle), name, dims), dir);
  }

  /**
   * The file as it is now, read-only, without taking its access handle (which another tab may
   * hold: only one context at a time can). A missing file reads as empty; a torn last row is ignored.
   */
  static async openSnapshot(dir: FileSystemDirectoryHandle, name: string, dims: number): Promise<VectorFile> {
    let bytes = new Uint8Array(0);
    try {
      bytes = new Uint8Array(await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer());
    } catch (error) {
      if ((error as Error).name !== 'NotFoundError') throw error;
    }
    const whole = bytes.subarray(0, bytes.byteLength - (bytes.byteLength % (dims * 4)));
    return new VectorFile(new VectorRows(overSnapshot(whole), name, dims), dir);
  }

  get name(): string {
    return this.rowFile.name;
  }

  get dims(): number {
    return this.rowFile.dims;
  }

  get rows(): number {
    return this.rowFile.rows;
  }

  /** Append rows (a multiple of `dims` floats); returns the first new row number. */
  append(vectors: Float32Array): number {
    return this.rowFile.append(vectors);
  }

  read(row: number): Float32Array {
    return this.rowFile.readRows([row]);
  }

  /** Rows in the given order, back to back. */
  readRows(rows: ArrayLike<number>): Float32Array {
    return this.rowFile.readRows(rows);
  }

  /**
   * Rewrite the file with only `liveRows`, in that order (row i of the new file = liveRows[i]).
   * Written to a new file first; the caller records the new row numbers, then `adopt`s it.
   */
  async compactInto(newName: string, liveRows: ArrayLike<number>): Promise<VectorFile> {
    const target = await VectorFile.open(this.dir, newName, this.dims);
    this.rowFile.copyInto(target.rowFile, liveRows);
    return target;
  }

  close(): void {
    this.rowFile.close();
  }

  async remove(): Promise<void> {
    this.close();
    await this.dir.removeEntry(this.name);
  }
}
