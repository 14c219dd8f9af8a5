import { transfer } from 'comlink';
import { exposeToHost } from './exposeToHost';
import { computeLayout, type LayoutMethod } from '../src/core/map';
import { directoryAt, opfsRoot } from '../src/storage/opfs';
import { duplicateCandidate, type CandidateSource } from '../src/core/library/duplicates/candidates';
import { findDuplicates, type DuplicateReport } from '../src/core/library/duplicates/findDuplicates';

/**
 * Map worker: the library map's 2-D layout (UMAP/PCA, seconds to minutes of CPU), whole-library
 * similarity scores for smart-crate rules and the duplicate check, away from the page. It reads the model's vector file as
 * a plain File (`getFile()` works while the index worker holds the file's sync access handle), so
 * it never competes with the index worker for that handle. Rows only ever get appended, so a copy
 * is reused until the file grows.
 */
let cached: { modelId: string; bytes: number; data: Float32Array } | null = null;

async function vectorData(modelId: string): Promise<Float32Array> {
  const dir = await directoryAt(await opfsRoot(), 'vectors');
  const file = await (await dir.getFileHandle(`${modelId}.f32`)).getFile();
  if (cached && cached.modelId === modelId && cached.bytes === file.size) return cached.data;
  const data = new Float32Array(await file.arrayBuffer(), 0, Math.floor(file.size / 4));
  cached = { modelId, bytes: file.size, data };
  return data;
}

function gather(data: Float32Array, dims: number, rows: Uint32Array): Float32Array {
  const out = new Float32Array(rows.length * dims);
  const available = Math.floor(data.length / dims);
  for (let i = 0; i < rows.length; i++) {
    if (rows[i] >= available) throw new Error(`Vector row ${rows[i]} is not in the vector file yet (${available} rows)`);
    out.set(data.subarray(rows[i] * dims, (rows[i] + 1) * dims), i * dims);
  }
  return out;
}

const api = {
  /** Layout of the given rows (same order in the result), in the unit square. */
  async layout(
    modelId: string,
    dims: number,
    rows: Uint32Array,
    options: { seed: number; umapLimit?: number },
    onProgress?: (share: number) => void,
  ): Promise<{ method: LayoutMethod; xy: Float32Array }> {
    const vectors = gather(await vectorData(modelId), dims, rows);
    let last = 0;
    const { method, xy } = computeLayout(vectors, dims, {
      seed: options.seed,
      umapLimit: options.umapLimit,
      onProgress: (share) => {
        // Progress crosses to the page at most every 5 %.
        if (share - last >= 0.05 || share === 1) {
          last = share;
          onProgress?.(share);
        }
      },
    });
    return transfer({ method, xy }, [xy.buffer]);
  },

  /** Cosine similarity of each of `rows` to `seedRow` (same order). */
  async similarities(modelId: string, dims: number, seedRow: number, rows: Uint32Array): Promise<Float32Array> {
    const data = await vectorData(modelId);
    const seed = gather(data, dims, Uint32Array.of(seedRow));
    let seedNorm = 0;
    for (let d = 0; d < dims; d++) seedNorm += seed[d] * seed[d];
    seedNorm = Math.sqrt(seedNorm);
    const out = new Float32Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const base = rows[i] * dims;
      if (base + dims > data.length) {
        out[i] = Number.NaN;
        continue;
      }
      let dot = 0;
      let norm = 0;
      for (let d = 0; d < dims; d++) {
        const value = data[base + d];
        dot += value * seed[d];
        norm += value * value;
      }
      out[i] = seedNorm > 0 && norm > 0 ? dot / (seedNorm * Math.sqrt(norm)) : 0;
    }
    return transfer(out, [out.buffer]);
  },

  /**
   * Duplicates and versions (src/core/library/duplicates) with each track's embedding for the
   * cosine check; `rows[i]` is track i's vector row, or -1 when it has none yet.
   */
  async duplicates(modelId: string | null, dims: number, tracks: CandidateSource[], rows: Int32Array, keepers: string[]): Promise<DuplicateReport> {
    const data = modelId && rows.some((r) => r >= 0) ? await vectorData(modelId).catch(() => undefined) : undefined;
    const vectorAt = (row: number) => (data && row >= 0 && (row + 1) * dims <= data.length ? data.subarray(row * dims, (row + 1) * dims) : undefined);
    const candidates = tracks.map((t, i) => duplicateCandidate(t, t.fingerprint, vectorAt(rows[i])));
    return findDuplicates(candidates, { keepers: new Set(keepers) });
  },
};

export type MapWorkerApi = typeof api;
exposeToHost(api);
