import { describe, expect, it } from 'vitest';
import { checksum32, decodeIndexFile, encodeIndexFile, IndexFileError, readIndexFileHeader } from './indexFile';

const payload = Uint8Array.from({ length: 1003 }, (_, i) => (i * 31) & 0xff);
const header = { kind: 'exact' as const, dims: 4, modelId: 'builtin-v1', count: 2, deleted: 0, params: {} };
const expected = { dims: 4, modelId: 'builtin-v1' };

function problemOf(bytes: Uint8Array, expectation = expected): string | undefined {
  try {
    decodeIndexFile(bytes, expectation);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(IndexFileError);
    return (error as IndexFileError).problem;
  }
}

describe('index file container', () => {
  it('round-trips header and payload', () => {
    const bytes = encodeIndexFile(header, payload, new Date('2026-01-02T03:04:05Z'));
    const decoded = decodeIndexFile(bytes, expected);
    expect(decoded.payload).toEqual(payload);
    expect(decoded.header).toMatchObject({ ...header, format: 1, payloadBytes: 1003, savedAt: '2026-01-02T03:04:05.000Z' });
  });

  it('detects a flipped bit anywhere in the payload', () => {
    const bytes = encodeIndexFile(header, payload);
    for (const offset of [bytes.length - 1, bytes.length - 500, bytes.length - 1003]) {
      const damaged = bytes.slice();
      damaged[offset] ^= 0x10;
      expect(problemOf(damaged)).toBe('corrupt');
    }
  });

  it('detects a damaged header, a truncated file and foreign bytes', () => {
    const bytes = encodeIndexFile(header, payload);
    const damagedHeader = bytes.slice();
    damagedHeader[20] ^= 0x01;
    expect(problemOf(damagedHeader)).toBe('corrupt');
    expect(problemOf(bytes.subarray(0, bytes.length - 10))).toBe('corrupt');
    expect(problemOf(bytes.subarray(0, 30))).toBe('corrupt');
    expect(problemOf(new TextEncoder().encode('{"not":"an index"}'))).toBe('not-an-index');
    expect(problemOf(new Uint8Array(0))).toBe('not-an-index');
  });

  it('reports a file built for another model, width or kind as a mismatch', () => {
    const bytes = encodeIndexFile(header, payload);
    expect(problemOf(bytes, { dims: 4, modelId: 'mert-v1-95m' })).toBe('mismatch');
    expect(problemOf(bytes, { dims: 256, modelId: 'builtin-v1' })).toBe('mismatch');
    expect(() => decodeIndexFile(bytes, { ...expected, kind: 'hnsw' })).toThrow(/exact index, expected hnsw/);
  });

  it('reads the header without verifying the payload', () => {
    const bytes = encodeIndexFile(header, payload);
    bytes[bytes.length - 1] ^= 0xff;
    expect(readIndexFileHeader(bytes).header.count).toBe(2);
  });

  it('checksums unaligned views like aligned copies', () => {
    const buffer = new Uint8Array(1010);
    buffer.set(payload, 3);
    expect(checksum32(buffer.subarray(3, 1006))).toBe(checksum32(payload));
    expect(checksum32(payload)).not.toBe(checksum32(payload.subarray(1)));
  });
});
