/**
 * Per-chunk input normalization, identical to Hugging Face's Wav2Vec2FeatureExtractor with
 * do_normalize=True (what MERT was trained with): (x - mean) / sqrt(variance + 1e-7).
 * A silent (constant) chunk becomes all zeros rather than NaN.
 */
const VARIANCE_EPSILON = 1e-7;

/** Normalize `chunk` into `out` (which may be a view into a batch buffer). Accumulates in float64. */
export function normalizeChunkInto(chunk: Float32Array, out: Float32Array): void {
  if (out.length !== chunk.length) throw new Error(`normalise: output length ${out.length} differs from chunk length ${chunk.length}`);
  const n = chunk.length;
  if (n === 0) return;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += chunk[i];
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = chunk[i] - mean;
    squares += d * d;
  }
  const scale = 1 / Math.sqrt(squares / n + VARIANCE_EPSILON);
  for (let i = 0; i < n; i++) out[i] = (chunk[i] - mean) * scale;
}

export function normalizeChunk(chunk: Float32Array): Float32Array {
  const out = new Float32Array(chunk.length);
  normalizeChunkInto(chunk, out);
  return out;
}
