/**
 * The contract every nearest-neighbour index in rbassist fulfils (HNSW for big libraries, exact
 * brute force for small ones and as the reference in tests).
 *
 * Vectors are compared by inner product after L2 normalization, so a hit's score is the cosine
 * similarity (1 = same direction). Labels are caller-chosen unsigned 32-bit integers; the app uses
 * the row of the vector in the OPFS vector file, so re-embedding a track means: markDelete(old row),
 * add(new row).
 */
export interface SearchHit {
  label: number;
  /** Cosine similarity in [-1, 1]; higher is more similar. */
  score: number;
}

/** Keeps a label in the results when it returns true. */
export type LabelFilter = (label: number) => boolean;

export type IndexKind = 'exact' | 'hnsw';

export interface VectorIndex {
  readonly kind: IndexKind;
  readonly dims: number;
  /** Number of live (not deleted) vectors. */
  readonly size: number;
  /** Slots still held by deleted vectors (HNSW keeps them until a rebuild; exact frees at once). */
  readonly deletedCount: number;

  /** Add or replace the vector of `label` (a deleted label comes back to life). */
  add(label: number, vector: Float32Array): void;
  /** Add many vectors: `vectors` holds `labels.length` rows of `dims` floats, back to back. */
  addBatch(labels: ArrayLike<number>, vectors: Float32Array): void;
  /** Remove `label` from results. Unknown labels are ignored. Returns whether it was live. */
  markDelete(label: number): boolean;
  has(label: number): boolean;
  /** The live labels, ascending. */
  labels(): Uint32Array;
  /** The stored (normalized) vector of a live label. */
  vector(label: number): Float32Array | undefined;

  /**
   * The `k` most similar live vectors to `query` (best first) among those `filter` keeps.
   * Returns fewer than `k` only when fewer than `k` live vectors pass the filter.
   */
  search(query: Float32Array, k: number, filter?: LabelFilter): SearchHit[];

  /** Self-describing bytes (see indexFile.ts) that `loadIndex` turns back into an index. */
  serialize(modelId: string): Promise<Uint8Array>;
  /** Release native memory (HNSW); the index is unusable afterwards. */
  dispose(): void;
}

/** The embedding width the app uses (the fixed projection in core/embedding). */
export const DEFAULT_DIMS = 256;

export function assertLabel(label: number): void {
  if (!Number.isInteger(label) || label < 0 || label > 0xffffffff) {
    throw new RangeError(`Index label must be an unsigned 32-bit integer, got ${label}`);
  }
}
