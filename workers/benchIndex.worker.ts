import { expose } from 'comlink';
import { opfsIndexStore } from '../src/storage/opfsIndexStore';
import { ExactIndex } from '../src/core/index/exactIndex';
import { DEFAULT_HNSW_PARAMS, HnswIndex, type HnswParams } from '../src/core/index/hnswIndex';
import { loadIndex, saveIndex } from '../src/core/index/indexStore';
import { recallAtK } from '../src/core/index/recall';
import { clusteredVectors } from '../src/core/index/syntheticVectors';
import type { LabelFilter, SearchHit, VectorIndex } from '../src/core/index/vectorIndex';

/**
 * Benchmark worker for `e2e/bench/index.browser.bench.ts`: the browser twin of
 * scripts/bench/index.bench.ts. In a module worker, like the app's index worker: seeded clustered
 * vectors → HNSW build → save to OPFS and reload (what start-up does) → k-NN queries with and
 * without filters, with recall@k against the exact index; the exact scan is the baseline measured
 * in the same run. Only for benchmarks; the app never loads it.
 */
export interface LabelFilterSpec {
  name: string;
  /** A label passes when label % modulo === remainder (labels are rows, so the spread is even). */
  modulo: number;
  remainder: number;
}

export interface IndexBenchOptions {
  size: number;
  dims: number;
  k: number;
  queries: number;
  params?: Partial<HnswParams>;
  filters: LabelFilterSpec[];
}

export interface Latency {
  p50: number;
  p99: number;
  mean: number;
}

export interface FilteredFigures {
  name: string;
  hnsw: Latency;
  exact: Latency;
  recall: number;
  /** Queries that returned fewer than k hits (should be 0: the filter keeps thousands). */
  shortLists: number;
}

export interface IndexBenchResult {
  size: number;
  params: HnswParams;
  generateMs: number;
  buildMs: number;
  exactBuildMs: number;
  serializedBytes: number;
  saveMs: number;
  /** Read the OPFS file, verify it and rebuild the engine from it. */
  loadMs: number;
  recall: number;
  hnsw: Latency;
  exact: Latency;
  filtered: FilteredFigures[];
  crossOriginIsolated: boolean;
}

const BENCH_MODEL_ID = 'bench-index';

/** The app's index store, on this origin's OPFS. */
const opfsStore = opfsIndexStore;

function percentiles(ms: number[]): Latency {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  return { p50: at(0.5), p99: at(0.99), mean: sorted.reduce((a, b) => a + b, 0) / sorted.length };
}

function timeQueries(index: VectorIndex, queries: Float32Array, dims: number, k: number, filter?: LabelFilter): { hits: SearchHit[][]; latency: Latency } {
  const hits: SearchHit[][] = [];
  const ms: number[] = [];
  for (let q = 0; q < queries.length / dims; q++) {
    const query = queries.subarray(q * dims, (q + 1) * dims);
    const start = performance.now();
    hits.push(index.search(query, k, filter));
    ms.push(performance.now() - start);
  }
  return { hits, latency: percentiles(ms) };
}

/** Kept between calls so the page can time queries through postMessage as the app sees them. */
let loaded: { index: HnswIndex; queries: Float32Array; dims: number; k: number } | null = null;

const api = {
  async run(options: IndexBenchOptions): Promise<IndexBenchResult> {
    const { size, dims, k, queries: queryCount } = options;
    api.release();
    let start = performance.now();
    const data = clusteredVectors({ count: size, dims, seed: size });
    const queries = data.sample(queryCount, size + 1);
    const labels = Uint32Array.from({ length: size }, (_, i) => i);
    const generateMs = performance.now() - start;

    start = performance.now();
    const exact = new ExactIndex(dims, size);
    exact.addBatch(labels, data.vectors);
    const exactBuildMs = performance.now() - start;

    const params = { ...DEFAULT_HNSW_PARAMS, ...options.params };
    start = performance.now();
    const built = await HnswIndex.create(dims, { params, capacity: size });
    built.addBatch(labels, data.vectors);
    const buildMs = performance.now() - start;

    start = performance.now();
    const serializedBytes = await saveIndex(opfsStore, BENCH_MODEL_ID, built);
    const saveMs = performance.now() - start;
    built.dispose();
    start = performance.now();
    const reloaded = await loadIndex(opfsStore, BENCH_MODEL_ID, { dims });
    const loadMs = performance.now() - start;
    if (!reloaded.ok) throw new Error(`Reloading the index saved in OPFS failed: ${reloaded.reason.message}`);
    const hnsw = reloaded.value as HnswIndex;

    // Warm-up (JIT, caches) so the first measured queries are not cold-start outliers.
    const warmUp = data.sample(20, 7);
    timeQueries(hnsw, warmUp, dims, k);
    timeQueries(exact, warmUp, dims, k);

    const exactRun = timeQueries(exact, queries, dims, k);
    const hnswRun = timeQueries(hnsw, queries, dims, k);
    const filtered = options.filters.map(({ name, modulo, remainder }): FilteredFigures => {
      const keep: LabelFilter = (label) => label % modulo === remainder;
      const exactFiltered = timeQueries(exact, queries, dims, k, keep);
      const hnswFiltered = timeQueries(hnsw, queries, dims, k, keep);
      return {
        name,
        hnsw: hnswFiltered.latency,
        exact: exactFiltered.latency,
        recall: recallAtK(hnswFiltered.hits, exactFiltered.hits, k),
        shortLists: hnswFiltered.hits.filter((hits) => hits.length < k).length,
      };
    });
    exact.dispose();
    await opfsStore.remove(`index/${BENCH_MODEL_ID}.hnsw`);
    loaded = { index: hnsw, queries, dims, k };
    return {
      size,
      params: hnsw.settings,
      generateMs,
      buildMs,
      exactBuildMs,
      serializedBytes,
      saveMs,
      loadMs,
      recall: recallAtK(hnswRun.hits, exactRun.hits, k),
      hnsw: hnswRun.latency,
      exact: exactRun.latency,
      filtered,
      crossOriginIsolated: self.crossOriginIsolated,
    };
  },

  /** One k-NN query of the last run's query set (for page → worker → page round-trip timing). */
  query(queryIndex: number): number {
    if (!loaded) throw new Error('No index is loaded: call run() first');
    const { index, queries, dims, k } = loaded;
    const row = queryIndex % (queries.length / dims);
    return index.search(queries.subarray(row * dims, (row + 1) * dims), k).length;
  },

  release(): void {
    loaded?.index.dispose();
    loaded = null;
  },
};

export type BenchIndexApi = typeof api;
expose(api);
