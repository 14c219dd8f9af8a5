/**
 * Cuts sampled windows into fixed-length model chunks (MERT: 5 s = 120 000 samples at 24 kHz).
 * Every chunk has the full length where the audio allows it, so chunks batch together; a tail of at
 * least `minTailSamples` becomes one more chunk aligned to the window's end (overlapping the
 * previous one) instead of being zero-padded, which would add silence to the statistics. Shorter
 * tails are dropped. A window shorter than a chunk (but at least `minTailSamples`) is repeated to
 * the full chunk length: a cyclic extension adds no silence, and every chunk then has one shape, so
 * WebGPU compiles its kernels once instead of once per short track.
 */
/** Bumped whenever chunking changes what a model sees (part of the ONNX embedder's version). */
export const CHUNKING_VERSION = 2;
export const CHUNK_SAMPLES = 120_000;
/** Tails under 1 s add too little to be worth a whole extra chunk. */
export const MIN_TAIL_SAMPLES = 24_000;

export interface Chunk {
  /** Index of the window the chunk came from (pooling averages chunks per window first). */
  windowIndex: number;
  /** Start sample within the window. */
  start: number;
  /** A view into the window's samples (no copy). */
  samples: Float32Array;
}

export interface ChunkingOptions {
  chunkSamples?: number;
  minTailSamples?: number;
}

export function chunkWindow(window: Float32Array, windowIndex: number, options: ChunkingOptions = {}): Chunk[] {
  const size = options.chunkSamples ?? CHUNK_SAMPLES;
  const minTail = Math.min(options.minTailSamples ?? MIN_TAIL_SAMPLES, size);
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunkSamples must be a positive integer, got ${size}`);
  const chunk = (start: number, end: number): Chunk => ({ windowIndex, start, samples: window.subarray(start, end) });
  if (window.length < size) return window.length >= minTail ? [{ windowIndex, start: 0, samples: repeatToLength(window, size) }] : [];
  const chunks: Chunk[] = [];
  const full = Math.floor(window.length / size);
  for (let i = 0; i < full; i++) chunks.push(chunk(i * size, (i + 1) * size));
  const tail = window.length - full * size;
  if (tail >= minTail) chunks.push(chunk(window.length - size, window.length));
  return chunks;
}

function repeatToLength(window: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let at = 0; at < length; at += window.length) out.set(window.subarray(0, Math.min(window.length, length - at)), at);
  return out;
}

/** Chunks of all windows, in window order. Throws when no window is long enough to give one. */
export function chunkWindows(windows: readonly Float32Array[], options: ChunkingOptions = {}): Chunk[] {
  const chunks = windows.flatMap((w, i) => chunkWindow(w, i, options));
  if (chunks.length === 0) {
    const longest = windows.reduce((m, w) => Math.max(m, w.length), 0);
    const minTail = options.minTailSamples ?? MIN_TAIL_SAMPLES;
    throw new Error(`Audio too short to embed: the longest sampled window has ${longest} samples, at least ${minTail} are needed`);
  }
  return chunks;
}
