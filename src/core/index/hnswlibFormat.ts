import { IndexFileError } from './indexFile';

/**
 * Reads the base layer of hnswlib's saved-index format (hnswalg.h `saveIndex`) as compiled to
 * wasm32, where size_t is 4 bytes:
 *
 *   56-byte header: offsetLevel0, maxElements, curElementCount, sizeDataPerElement, labelOffset,
 *   offsetData (u32 each), maxLevel (i32), enterPoint (u32), maxM, maxM0, M (u32), mult (f64),
 *   efConstruction (u32); then curElementCount fixed-size base-layer records:
 *   [u32 link count (+ delete mark in byte 2)][maxM0 × u32 links][dims × f32 vector][u32 label];
 *   then the upper layers' link lists.
 *
 * The vectors and labels come out directly (~55 µs per vector through the engine's getPoint would
 * take seconds at 75k), and the layout is checked against what we saved, which doubles as a
 * consistency check of the bytes before they are handed to the engine.
 */
const HEADER_BYTES = 56;
const DELETE_MARK = 0x01;

export interface HnswlibBaseLayer {
  count: number;
  maxElements: number;
  m: number;
  efConstruction: number;
  labels: Uint32Array;
  /** 1 where the element is marked deleted. */
  deletedMarks: Uint8Array;
  /** `count` rows of `dims` floats, in element order (same order as `labels`). */
  vectors: Float32Array;
}

export function readHnswlibBaseLayer(bytes: Uint8Array, dims: number): HnswlibBaseLayer {
  const fail = (why: string) => new IndexFileError('corrupt', `The saved HNSW graph is not readable: ${why}`);
  if (bytes.length < HEADER_BYTES) throw fail('too short for its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (offset: number) => view.getUint32(offset, true);
  const count = u32(8);
  const recordBytes = u32(12);
  const labelOffset = u32(16);
  const dataOffset = u32(20);
  const maxM0 = u32(36);
  const linkBytes = 4 + maxM0 * 4;
  if (u32(0) !== 0 || dataOffset !== linkBytes || labelOffset !== dataOffset + dims * 4 || recordBytes !== labelOffset + 4) {
    throw fail(`record layout does not match ${dims}-d vectors`);
  }
  if (HEADER_BYTES + count * recordBytes > bytes.length) throw fail(`${count} records do not fit in ${bytes.length} bytes`);

  const labels = new Uint32Array(count);
  const deletedMarks = new Uint8Array(count);
  const vectors = new Float32Array(count * dims);
  for (let i = 0; i < count; i++) {
    const record = HEADER_BYTES + i * recordBytes;
    deletedMarks[i] = bytes[record + 2] & DELETE_MARK;
    labels[i] = u32(record + labelOffset);
    const start = record + dataOffset;
    // A copy through a fresh buffer: records are not 4-byte aligned in general.
    vectors.set(new Float32Array(bytes.slice(start, start + dims * 4).buffer), i * dims);
  }
  return { count, maxElements: u32(4), m: u32(40), efConstruction: u32(52), labels, deletedMarks, vectors };
}
