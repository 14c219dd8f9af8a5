import { describe, expect, it } from 'vitest';
import { VectorRows, type ByteFile } from './vectorRows';

/** The format over plain memory (what an OPFS handle or a file descriptor gives the codec), optionally refusing writes past `capacity`. */
function memoryFile(initial: number[] = [], capacity = Infinity): ByteFile & { bytes: () => Uint8Array } {
  let bytes = Uint8Array.from(initial);
  return {
    bytes: () => bytes,
    read(buffer, at) {
      const n = Math.max(0, Math.min(buffer.byteLength, bytes.byteLength - at));
      buffer.set(bytes.subarray(at, at + n));
      return n;
    },
    write(buffer, at) {
      const n = Math.max(0, Math.min(buffer.byteLength, capacity - at));
      const next = new Uint8Array(Math.max(bytes.byteLength, at + n));
      next.set(bytes);
      next.set(buffer.subarray(0, n), at);
      bytes = next;
      return n;
    },
    truncate(size) {
      bytes = bytes.slice(0, size);
    },
    size: () => bytes.byteLength,
    flush: () => undefined,
    close: () => undefined,
  };
}

describe('VectorRows (the vector file format)', () => {
  it('appends rows of little-endian float32 back to back and reads them in any order', () => {
    const file = memoryFile();
    const rows = new VectorRows(file, 'm.f32', 2);
    expect(rows.append(Float32Array.of(1, 2, 3, 4))).toBe(0);
    expect(rows.append(Float32Array.of(5, 6))).toBe(2);
    expect(rows.rows).toBe(3);
    expect(Array.from(rows.readRows([2, 0]))).toEqual([5, 6, 1, 2]);
    const view = new DataView(file.bytes().buffer);
    expect(view.getFloat32(4 * 4, true)).toBe(5);
    expect(file.bytes().byteLength).toBe(3 * 2 * 4);
  });

  it('drops a torn last row when opened', () => {
    const file = memoryFile([...new Uint8Array(Float32Array.of(1, 2).buffer), 9, 9, 9]);
    const rows = new VectorRows(file, 'm.f32', 2);
    expect(rows.rows).toBe(1);
    expect(file.size()).toBe(8);
  });

  it('refuses partial rows and rows that are not there, with the reason', () => {
    const rows = new VectorRows(memoryFile(), 'm.f32', 2);
    expect(() => rows.append(Float32Array.of(1, 2, 3))).toThrow(/whole rows of 2 floats, got 3/);
    expect(() => rows.readRows([0])).toThrow(/Row 0 is not in m.f32 \(0 rows\)/);
    expect(() => new VectorRows(memoryFile(), 'm.f32', 0)).toThrow(/positive whole number of dimensions/);
  });

  it('a short write (disk full) leaves the file as it was and says so as a quota error', () => {
    const file = memoryFile([], 12);
    const rows = new VectorRows(file, 'm.f32', 2);
    rows.append(Float32Array.of(1, 2));
    let error: Error | undefined;
    try {
      rows.append(Float32Array.of(3, 4));
    } catch (e) {
      error = e as Error;
    }
    expect(error).toMatchObject({ name: 'QuotaExceededError', message: expect.stringMatching(/Only 4 of 8 bytes/) });
    expect(rows.rows).toBe(1);
    expect(file.size()).toBe(8);
  });

  it('copies live rows, in the given order, into another file', () => {
    const source = new VectorRows(memoryFile(), 'a.f32', 1);
    source.append(Float32Array.of(10, 11, 12, 13));
    const target = new VectorRows(memoryFile([1, 2, 3, 4]), 'b.f32', 1);
    source.copyInto(target, [3, 1]);
    expect(Array.from(target.readRows([0, 1]))).toEqual([13, 11]);
    expect(target.rows).toBe(2);
  });
});
