/**
 * `npm run bench:index [-- --sizes 50000,75000 --queries 300 --m 16 --ef-construction 200 --ef 64]`
 *
 * For each library size: build an HNSW index over seeded clustered 256-d vectors (the same generator
 * as the recall tests), save and reload it, then time k=10 queries without and with filters and
 * measure recall@10 against the exact index. The exact scan over the same vectors and queries is the
 * baseline measured in the same run, so ratios stay meaningful on a noisy shared machine.
 * `--ef-sweep 16,32,64,128` adds a recall/latency row per efSearch value (for tuning).
 * Runs in Node (the hnswlib wasm is the same the worker loads); `--json file` writes the figures.
 * @module
 */
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import { ExactIndex } from '../../src/core/index/exactIndex';
import { DEFAULT_HNSW_PARAMS, HnswIndex } from '../../src/core/index/hnswIndex';
import { loadIndex, MemoryIndexStore, saveIndex } from '../../src/core/index/indexStore';
import { recallAtK } from '../../src/core/index/recall';
import { clusteredVectors } from '../../src/core/index/syntheticVectors';
import type { LabelFilter, SearchHit, VectorIndex } from '../../src/core/index/vectorIndex';

const DIMS = 256;
const K = 10;

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const numbers = (text: string | undefined, fallback: number[]) => (text ? text.split(',').map(Number) : fallback);
const sizes = numbers(flag('sizes'), [50_000, 75_000]);
const queryCount = Number(flag('queries') ?? 300);
const params = {
  m: Number(flag('m') ?? DEFAULT_HNSW_PARAMS.m),
  efConstruction: Number(flag('ef-construction') ?? DEFAULT_HNSW_PARAMS.efConstruction),
  efSearch: Number(flag('ef') ?? DEFAULT_HNSW_PARAMS.efSearch),
};
const efSweep = numbers(flag('ef-sweep'), []);
const jsonOut = flag('json');

/** Filters of known selectivity; labels are row numbers, so modulo keeps an even spread. */
const FILTERS: { name: string; keep: LabelFilter }[] = [
  { name: '1 in 10 pass', keep: (label) => label % 10 === 3 },
  { name: '1 in 100 pass', keep: (label) => label % 100 === 7 },
];

interface Latency {
  p50: number;
  p99: number;
  mean: number;
}

function timeQueries(index: VectorIndex, queries: Float32Array, filter?: LabelFilter): { hits: SearchHit[][]; latency: Latency } {
  const hits: SearchHit[][] = [];
  const ms: number[] = [];
  for (let q = 0; q < queries.length / DIMS; q++) {
    const query = queries.subarray(q * DIMS, (q + 1) * DIMS);
    const start = performance.now();
    hits.push(index.search(query, K, filter));
    ms.push(performance.now() - start);
  }
  ms.sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  return { hits, latency: { p50: at(0.5), p99: at(0.99), mean: ms.reduce((a, b) => a + b, 0) / ms.length } };
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));
const results: unknown[] = [];
console.log(`bench:index — ${DIMS}-d, k=${K}, ${queryCount} queries, m=${params.m} efConstruction=${params.efConstruction} efSearch=${params.efSearch}`);

for (const size of sizes) {
  const t0 = performance.now();
  const data = clusteredVectors({ count: size, dims: DIMS, seed: size });
  const queries = data.sample(queryCount, size + 1);
  const labels = Uint32Array.from({ length: size }, (_, i) => i);
  const generateMs = performance.now() - t0;

  let start = performance.now();
  const exact = new ExactIndex(DIMS, size);
  exact.addBatch(labels, data.vectors);
  const exactBuildMs = performance.now() - start;

  start = performance.now();
  const built = await HnswIndex.create(DIMS, { params, capacity: size });
  built.addBatch(labels, data.vectors);
  const buildMs = performance.now() - start;

  const store = new MemoryIndexStore();
  start = performance.now();
  const savedBytes = await saveIndex(store, 'bench', built);
  const saveMs = performance.now() - start;
  built.dispose();
  start = performance.now();
  const loaded = await loadIndex(store, 'bench', { dims: DIMS });
  const loadMs = performance.now() - start;
  if (!loaded.ok) throw new Error(`Reloading the saved index failed: ${loaded.reason.message}`);
  const hnsw = loaded.value as HnswIndex;

  // Warm-up (JIT, caches) so the first measured queries are not outliers of a cold start.
  timeQueries(hnsw, data.sample(20, 7));
  timeQueries(exact, data.sample(20, 7));

  const exactRun = timeQueries(exact, queries);
  const hnswRun = timeQueries(hnsw, queries);
  const recall = recallAtK(hnswRun.hits, exactRun.hits, K);

  const filtered = FILTERS.map(({ name, keep }) => {
    const exactFiltered = timeQueries(exact, queries, keep);
    const hnswFiltered = timeQueries(hnsw, queries, keep);
    return {
      name,
      hnsw: hnswFiltered.latency,
      exact: exactFiltered.latency,
      recall: recallAtK(hnswFiltered.hits, exactFiltered.hits, K),
      shortLists: hnswFiltered.hits.filter((hits) => hits.length < K).length,
    };
  });

  const sweep = efSweep.map((ef) => {
    hnsw.setEfSearch(ef);
    const run = timeQueries(hnsw, queries);
    return { efSearch: ef, recall: recallAtK(run.hits, exactRun.hits, K), ...run.latency };
  });
  hnsw.setEfSearch(params.efSearch);

  console.log(`\n## ${size.toLocaleString('en')} vectors (generated in ${(generateMs / 1000).toFixed(1)} s)`);
  console.log(`build: HNSW ${(buildMs / 1000).toFixed(1)} s (exact: ${(exactBuildMs / 1000).toFixed(2)} s)`);
  console.log(
    `saved index: ${(savedBytes / 2 ** 20).toFixed(1)} MiB (vectors alone: ${((size * DIMS * 4) / 2 ** 20).toFixed(1)} MiB); save ${fmt(saveMs)} ms, load+verify ${fmt(loadMs)} ms`,
  );
  console.log('| query (k=10) | HNSW p50 ms | HNSW p99 ms | exact p50 ms | exact p99 ms | p50 speed-up | recall@10 |');
  console.log('|---|---|---|---|---|---|---|');
  console.log(
    `| no filter | ${fmt(hnswRun.latency.p50)} | ${fmt(hnswRun.latency.p99)} | ${fmt(exactRun.latency.p50)} | ${fmt(exactRun.latency.p99)} | ${(exactRun.latency.p50 / hnswRun.latency.p50).toFixed(1)}× | ${recall.toFixed(4)} |`,
  );
  for (const f of filtered) {
    console.log(
      `| ${f.name} | ${fmt(f.hnsw.p50)} | ${fmt(f.hnsw.p99)} | ${fmt(f.exact.p50)} | ${fmt(f.exact.p99)} | ${(f.exact.p50 / f.hnsw.p50).toFixed(1)}× | ${f.recall.toFixed(4)}${f.shortLists ? ` (${f.shortLists} short lists)` : ''} |`,
    );
  }
  for (const s of sweep) console.log(`efSearch ${s.efSearch}: recall@10 ${s.recall.toFixed(4)}, p50 ${fmt(s.p50)} ms, p99 ${fmt(s.p99)} ms`);

  results.push({ size, params, buildMs, exactBuildMs, savedBytes, saveMs, loadMs, recall, hnsw: hnswRun.latency, exact: exactRun.latency, filtered, sweep });
  hnsw.dispose();
  exact.dispose();
}

if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ dims: DIMS, k: K, queries: queryCount, results }, null, 2));
