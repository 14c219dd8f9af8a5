/**
 * The CPU work around a model run, timed on the same code the app uses: cutting 24 kHz windows into
 * 5 s chunks and normalizing them into batch buffers (what OnnxEmbedder does before each
 * session.run), and the whole built-in embedder over analysis-rate windows.
 * PCM arrives as base64 of little-endian float32 (what Playwright can pass cheaply).
 * @module
 */
import { chunkWindows } from '../../../src/core/embedding/chunking';
import { embedBuiltin } from '../../../src/core/embedding/builtin/builtinEmbedder';
import { normalizeChunkInto } from '../../../src/core/embedding/normalize';

function float32FromBase64(base64: string): Float32Array {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new Float32Array(bytes.buffer);
}

/** Median of `repeats` timed runs of `work` (after one untimed warm-up run). */
function medianMs(repeats: number, work: () => void): number {
  work();
  const ms: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    work();
    ms.push(performance.now() - start);
  }
  return ms.sort((a, b) => a - b)[Math.floor(ms.length / 2)];
}

export const embedPrep = {
  /** Chunk + normalize every chunk of the windows into batches of `batchSize`; median ms per track. */
  preprocess(windowsBase64: string[], batchSize: number, repeats = 5): { ms: number; chunks: number } {
    const windows = windowsBase64.map(float32FromBase64);
    let chunks = 0;
    const ms = medianMs(repeats, () => {
      const all = chunkWindows(windows);
      chunks = all.length;
      for (let start = 0; start < all.length; start += batchSize) {
        const group = all.slice(start, start + batchSize);
        const length = group[0].samples.length;
        const batch = new Float32Array(group.length * length);
        group.forEach((chunk, i) => normalizeChunkInto(chunk.samples, batch.subarray(i * length, (i + 1) * length)));
      }
    });
    return { ms, chunks };
  },

  /** The built-in embedder over the windows; median ms per track. */
  builtin(windowsBase64: string[], sampleRate: number, repeats = 3): { ms: number; dims: number } {
    const windows = windowsBase64.map(float32FromBase64);
    let dims = 0;
    const ms = medianMs(repeats, () => {
      dims = embedBuiltin(windows, sampleRate).length;
    });
    return { ms, dims };
  },
};
