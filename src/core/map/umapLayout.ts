import { UMAP } from 'umap-js';
import { mulberry32 } from '../hash';

export interface UmapOptions {
  seed?: number;
  nNeighbors?: number;
  minDist?: number;
  /** Optimisation epochs (umap-js picks 200–500 from the size when left out). */
  nEpochs?: number;
  /** Called now and then with the share done (0–1); return false to stop early. */
  onProgress?: (share: number) => boolean | void;
}

/**
 * UMAP (umap-js) of rows of `dims` floats into 2-D, interleaved x, y. umap-js takes its random
 * numbers from the function we give it, so a fixed seed gives the same picture every time.
 */
export function umapLayout(vectors: Float32Array, dims: number, options: UmapOptions = {}): Float32Array {
  const n = vectors.length / dims;
  if (!Number.isInteger(n)) throw new RangeError(`${vectors.length} floats are not whole rows of ${dims}`);
  if (n < 3) throw new RangeError(`UMAP needs at least 3 tracks, got ${n}`);
  const rows: number[][] = Array.from({ length: n }, (_, r) => Array.from(vectors.subarray(r * dims, (r + 1) * dims)));
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: Math.min(options.nNeighbors ?? 15, n - 1),
    minDist: options.minDist ?? 0.1,
    nEpochs: options.nEpochs,
    random: mulberry32(options.seed ?? 1),
  });
  const epochs = umap.initializeFit(rows);
  const every = Math.max(1, Math.floor(epochs / 20));
  for (let epoch = 0; epoch < epochs; epoch++) {
    umap.step();
    if (epoch % every === 0 && options.onProgress?.(epoch / epochs) === false) break;
  }
  const embedding = umap.getEmbedding();
  const out = new Float32Array(n * 2);
  for (let r = 0; r < n; r++) {
    out[r * 2] = embedding[r][0];
    out[r * 2 + 1] = embedding[r][1];
  }
  return out;
}
