/**
 * The fixed, seeded projection from a model's pooled hidden vector (or the built-in feature vector)
 * to the 256-d embedding, and L2 normalization.
 *
 * Bit-exact on every machine and JS engine: the random numbers come from mulberry32 (integer
 * arithmetic), Gaussians are Irwin–Hall sums of 12 uniforms (exact additions, no Math.log/cos whose
 * last bits differ between engines), and orthonormalization (modified Gram–Schmidt) uses only
 * + − × ÷ and √, which IEEE 754 rounds identically everywhere. Changing any of this changes every
 * stored vector: bump PROJECTION_VERSION instead.
 * @module
 */
import { fnv1a32, mulberry32 } from '../hash';

export const PROJECTION_VERSION = 1;
export const EMBEDDING_DIMENSIONS = 256;

/** Approximately N(0, 1): sum of 12 uniforms minus 6. */
function irwinHallGaussian(rng: () => number): number {
  let s = 0;
  for (let i = 0; i < 12; i++) s += rng();
  return s - 6;
}

/** Orthonormalize `count` vectors of `length` stored at data[offset(i) + stride·j] in place. */
function gramSchmidt(data: Float64Array, count: number, length: number, offset: (i: number) => number, stride: number): void {
  for (let i = 0; i < count; i++) {
    const oi = offset(i);
    for (let k = 0; k < i; k++) {
      const ok = offset(k);
      let dot = 0;
      for (let j = 0; j < length; j++) dot += data[oi + j * stride] * data[ok + j * stride];
      for (let j = 0; j < length; j++) data[oi + j * stride] -= dot * data[ok + j * stride];
    }
    let norm = 0;
    for (let j = 0; j < length; j++) norm += data[oi + j * stride] * data[oi + j * stride];
    norm = Math.sqrt(norm);
    if (norm < 1e-9) throw new Error('Projection seed produced linearly dependent vectors'); // never for these sizes
    for (let j = 0; j < length; j++) data[oi + j * stride] /= norm;
  }
}

const cache = new Map<string, Float32Array>();

/**
 * Row-major [outputSize × inputSize] projection matrix for `inputSize` inputs. Rows are orthonormal
 * when outputSize ≤ inputSize (a random orthogonal projection), otherwise columns are (an isometric
 * embedding: distances between inputs are kept exactly).
 */
export function projectionMatrix(inputSize: number, outputSize = EMBEDDING_DIMENSIONS, version = PROJECTION_VERSION): Float32Array {
  if (version !== PROJECTION_VERSION) throw new Error(`Projection version ${version} is unknown (this build has ${PROJECTION_VERSION})`);
  if (!Number.isInteger(inputSize) || inputSize < 1) throw new Error(`inputSize must be a positive integer, got ${inputSize}`);
  const key = `${version}/${inputSize}/${outputSize}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const rng = mulberry32(fnv1a32(`rbassist/projection/v${version}/${inputSize}x${outputSize}`));
  const m = new Float64Array(outputSize * inputSize);
  for (let i = 0; i < m.length; i++) m[i] = irwinHallGaussian(rng);
  if (outputSize <= inputSize) gramSchmidt(m, outputSize, inputSize, (row) => row * inputSize, 1);
  else gramSchmidt(m, inputSize, outputSize, (column) => column, inputSize);
  const matrix = Float32Array.from(m);
  cache.set(key, matrix);
  return matrix;
}

/** y = P·x with the fixed projection for x's size. */
export function project(vector: Float32Array, outputSize = EMBEDDING_DIMENSIONS): Float32Array {
  const n = vector.length;
  const matrix = projectionMatrix(n, outputSize);
  const out = new Float32Array(outputSize);
  for (let r = 0; r < outputSize; r++) {
    let s = 0;
    const row = r * n;
    for (let c = 0; c < n; c++) s += matrix[row + c] * vector[c];
    out[r] = s;
  }
  return out;
}

/** Unit-length copy of `vector` (a zero vector stays zero: nothing to point anywhere). */
export function l2Normalize(vector: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < vector.length; i++) s += vector[i] * vector[i];
  const norm = Math.sqrt(s);
  return norm > 0 ? Float32Array.from(vector, (v) => v / norm) : new Float32Array(vector.length);
}

/** The final step of every embedder: fixed projection to 256-d, then unit length. */
export function toEmbedding(pooled: Float32Array): Float32Array {
  return l2Normalize(project(pooled));
}
