/**
 * Small dense-vector helpers shared by the indexes and the recommender.
 * @module
 */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/** Cosine similarity of two vectors of the same length; 0 when either has no direction. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  const norms = Math.sqrt(dot(a, a) * dot(b, b));
  return norms > 0 ? dot(a, b) / norms : 0;
}

/**
 * A unit-length copy of `vector` (cosine similarity becomes a plain inner product).
 * Throws on zero or non-finite vectors: they have no direction and would poison every search.
 */
export function normalized(vector: Float32Array, dims: number, what = 'vector'): Float32Array {
  if (vector.length !== dims) {
    throw new RangeError(`${what} has ${vector.length} values, the index expects ${dims}`);
  }
  const norm = Math.sqrt(dot(vector, vector));
  if (!Number.isFinite(norm) || norm === 0) {
    throw new RangeError(`${what} has no direction (norm ${norm}); it cannot be compared by cosine similarity`);
  }
  const out = new Float32Array(dims);
  for (let i = 0; i < dims; i++) out[i] = vector[i] / norm;
  return out;
}

/** The normalized mean of several vectors: "tracks like all of these". */
export function meanDirection(vectors: readonly Float32Array[], dims: number): Float32Array {
  if (vectors.length === 0) throw new RangeError('Cannot average zero vectors');
  const sum = new Float32Array(dims);
  for (const v of vectors) {
    const unit = normalized(v, dims, 'seed vector');
    for (let i = 0; i < dims; i++) sum[i] += unit[i];
  }
  return normalized(sum, dims, 'mean of the seed vectors');
}
