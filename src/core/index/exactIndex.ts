import { decodeIndexFile, concatSections, encodeIndexFile, IndexFileError, readUint32s, uint32Bytes, type IndexExpectation } from './indexFile';
import { TopK } from './topK';
import { assertLabel, type LabelFilter, type SearchHit, type VectorIndex } from './vectorIndex';
import { normalized } from './vectorMath';

/**
 * Brute-force inner-product search over one contiguous Float32Array. It is the reference the HNSW
 * recall is measured against, and the right choice for small libraries where a scan is as fast as a
 * graph walk. Deleting moves the last row into the hole so the scan never skips dead rows.
 */
export class ExactIndex implements VectorIndex {
  readonly kind = 'exact' as const;
  private data: Float32Array;
  private rowLabels: Uint32Array;
  private rows = 0;
  private readonly rowOf = new Map<number, number>();

  constructor(
    readonly dims: number,
    initialCapacity = 1024,
  ) {
    if (!Number.isInteger(dims) || dims < 1) throw new RangeError(`dims must be a positive integer, got ${dims}`);
    const capacity = Math.max(1, initialCapacity);
    this.data = new Float32Array(capacity * dims);
    this.rowLabels = new Uint32Array(capacity);
  }

  get size(): number {
    return this.rows;
  }

  readonly deletedCount = 0;

  add(label: number, vector: Float32Array): void {
    assertLabel(label);
    const unit = normalized(vector, this.dims);
    const existing = this.rowOf.get(label);
    const row = existing ?? this.appendRow(label);
    this.data.set(unit, row * this.dims);
  }

  addBatch(labels: ArrayLike<number>, vectors: Float32Array): void {
    if (vectors.length !== labels.length * this.dims) {
      throw new RangeError(`addBatch got ${vectors.length} floats for ${labels.length} labels of ${this.dims} dims`);
    }
    this.ensureCapacity(this.rows + labels.length);
    for (let i = 0; i < labels.length; i++) this.add(labels[i], vectors.subarray(i * this.dims, (i + 1) * this.dims));
  }

  markDelete(label: number): boolean {
    const row = this.rowOf.get(label);
    if (row === undefined) return false;
    const last = this.rows - 1;
    if (row !== last) {
      const movedLabel = this.rowLabels[last];
      this.data.copyWithin(row * this.dims, last * this.dims, (last + 1) * this.dims);
      this.rowLabels[row] = movedLabel;
      this.rowOf.set(movedLabel, row);
    }
    this.rowOf.delete(label);
    this.rows = last;
    return true;
  }

  has(label: number): boolean {
    return this.rowOf.has(label);
  }

  labels(): Uint32Array {
    return this.rowLabels.slice(0, this.rows).sort();
  }

  vector(label: number): Float32Array | undefined {
    const row = this.rowOf.get(label);
    return row === undefined ? undefined : this.data.slice(row * this.dims, (row + 1) * this.dims);
  }

  search(query: Float32Array, k: number, filter?: LabelFilter): SearchHit[] {
    const q = normalized(query, this.dims, 'query');
    const top = new TopK(k);
    const { rowLabels } = this;
    // Scoring and selection are separate passes: the scoring loop stays small enough for V8 to
    // optimise as one tight kernel (measured ~1.6× faster than offering inside it).
    const scores = this.scoreRows(q, filter);
    let threshold = -Infinity;
    for (let row = 0; row < this.rows; row++) {
      if (scores[row] > threshold) {
        top.offer(rowLabels[row], scores[row]);
        threshold = top.threshold;
      }
    }
    return top.sorted().map(({ id, score }) => ({ label: id, score }));
  }

  /** Inner product of `q` with every row (-Infinity for rows the filter rejects). */
  private scoreRows(q: Float32Array, filter?: LabelFilter): Float64Array {
    const { data, dims, rows, rowLabels } = this;
    const scores = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      if (filter && !filter(rowLabels[row])) {
        scores[row] = -Infinity;
        continue;
      }
      const base = row * dims;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let d = 0;
      // Four independent sums: shorter dependency chains, ~1.2× over a single accumulator.
      for (; d + 3 < dims; d += 4) {
        s0 += q[d] * data[base + d];
        s1 += q[d + 1] * data[base + d + 1];
        s2 += q[d + 2] * data[base + d + 2];
        s3 += q[d + 3] * data[base + d + 3];
      }
      for (; d < dims; d++) s0 += q[d] * data[base + d];
      scores[row] = s0 + s1 + s2 + s3;
    }
    return scores;
  }

  async serialize(modelId: string): Promise<Uint8Array> {
    const labels = this.rowLabels.slice(0, this.rows);
    const vectors = this.data.subarray(0, this.rows * this.dims);
    const payload = concatSections([uint32Bytes(labels), new Uint8Array(vectors.buffer, vectors.byteOffset, vectors.byteLength)]);
    return encodeIndexFile({ kind: 'exact', dims: this.dims, modelId, count: this.rows, deleted: 0, params: {} }, payload);
  }

  /** Rebuilds an exact index from `serialize` output; throws IndexFileError when it cannot be used. */
  static deserialize(bytes: Uint8Array, expected: Omit<IndexExpectation, 'kind'>): ExactIndex {
    const { header, payload } = decodeIndexFile(bytes, { ...expected, kind: 'exact' });
    if (payload.length !== header.count * 4 * (1 + header.dims)) {
      throw new IndexFileError('corrupt', `The saved exact index should hold ${header.count} vectors but its size does not match`);
    }
    const labels = readUint32s(payload, 0, header.count);
    const vectors = new Float32Array(payload.slice(header.count * 4).buffer);
    const index = new ExactIndex(header.dims, header.count);
    index.addBatch(labels, vectors);
    return index;
  }

  dispose(): void {
    this.data = new Float32Array(0);
    this.rowLabels = new Uint32Array(0);
    this.rows = 0;
    this.rowOf.clear();
  }

  private appendRow(label: number): number {
    this.ensureCapacity(this.rows + 1);
    const row = this.rows++;
    this.rowLabels[row] = label;
    this.rowOf.set(label, row);
    return row;
  }

  private ensureCapacity(rows: number): void {
    if (rows <= this.rowLabels.length) return;
    const capacity = Math.max(rows, this.rowLabels.length * 2);
    const data = new Float32Array(capacity * this.dims);
    data.set(this.data.subarray(0, this.rows * this.dims));
    const labels = new Uint32Array(capacity);
    labels.set(this.rowLabels.subarray(0, this.rows));
    this.data = data;
    this.rowLabels = labels;
  }
}
