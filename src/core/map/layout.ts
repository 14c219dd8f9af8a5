import { normalizeLayout } from './normalize';
import { pcaLayout } from './pca';
import { umapLayout } from './umapLayout';

export type LayoutMethod = 'umap' | 'pca';

export interface LayoutOptions {
  seed?: number;
  /** Above this many tracks the map uses PCA (seconds) instead of UMAP (minutes at 50k). */
  umapLimit?: number;
  onProgress?: (share: number) => void;
}

export interface Layout {
  method: LayoutMethod;
  /** Interleaved x, y in [0, 1]², row order of the input. */
  xy: Float32Array;
}

export const DEFAULT_UMAP_LIMIT = 5000;
/** Fewer tracks than this give UMAP too little neighbourhood to work with. */
const UMAP_MINIMUM = 8;

/** The library map: UMAP for libraries it can handle quickly, PCA beyond; always in the unit square. */
export function computeLayout(vectors: Float32Array, dims: number, options: LayoutOptions = {}): Layout {
  const n = vectors.length / dims;
  const limit = options.umapLimit ?? DEFAULT_UMAP_LIMIT;
  const method: LayoutMethod = n >= UMAP_MINIMUM && n <= limit ? 'umap' : 'pca';
  const raw =
    method === 'umap'
      ? umapLayout(vectors, dims, { seed: options.seed, onProgress: (share) => options.onProgress?.(share) })
      : pcaLayout(vectors, dims, options.seed);
  options.onProgress?.(1);
  return { method, xy: normalizeLayout(raw) };
}
