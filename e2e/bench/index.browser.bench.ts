/**
 * `npm run bench:index:browser [-- --sizes 50000,75000 --queries 300 --round-trips 200 --m 16 --ef-construction 128 --ef 128 --json file]`
 *
 * The browser twin of `npm run bench:index`: in headless Chromium, in a module worker (like the
 * app's index worker), build an HNSW index over seeded clustered 256-d vectors, save it to OPFS and
 * reload it, then time k=10 queries without and with filters and measure recall@10 against the
 * exact index. The exact scan over the same vectors and queries is the baseline measured in the
 * same run. Also times queries from the page through postMessage (what the UI waits for).
 * @module
 */
import { writeFileSync } from 'node:fs';
import type { IndexBenchResult, LabelFilterSpec } from '../../workers/benchIndex.worker';
import { launchChromium, openBenchPage } from './benchPage';

const DIMS = 256;
const K = 10;

function flag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}
const numberFlag = (name: string) => (flag(name) === undefined ? undefined : Number(flag(name)));
const sizes = (flag('sizes') ?? '50000,75000').split(',').map(Number);
const queries = numberFlag('queries') ?? 300;
const roundTrips = numberFlag('round-trips') ?? 200;
const params = Object.fromEntries(
  Object.entries({ m: numberFlag('m'), efConstruction: numberFlag('ef-construction'), efSearch: numberFlag('ef') }).filter(([, v]) => v !== undefined),
);
const jsonOut = flag('json');
for (const size of sizes) if (!Number.isInteger(size) || size < 1000) throw new Error(`--sizes wants whole numbers ≥ 1000, got "${flag('sizes')}"`);

/** The same selectivities as the Node bench (labels are rows, so modulo spreads evenly). */
const FILTERS: LabelFilterSpec[] = [
  { name: '1 in 10 pass', modulo: 10, remainder: 3 },
  { name: '1 in 100 pass', modulo: 100, remainder: 7 },
];

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(3) : ms.toFixed(1));
const browser = await launchChromium();
const { page, stop } = await openBenchPage(browser);
const results: (IndexBenchResult & { roundTrip: { p50: number; p99: number } })[] = [];
try {
  console.log(`bench:index:browser — Chromium module worker, ${DIMS}-d, k=${K}, ${queries} queries`);
  for (const size of sizes) {
    const result = await page.evaluate(
      async ({ options, roundTrips }) => {
        const bench = (window as any).rbassistBench;
        const figures = await bench.index.run(options);
        // Page → worker → page, one query at a time, as the Similar panel asks.
        const ms: number[] = [];
        for (let i = 0; i < roundTrips; i++) {
          const start = performance.now();
          await bench.index.query(i);
          ms.push(performance.now() - start);
        }
        await bench.index.release();
        ms.sort((a, b) => a - b);
        const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
        return { ...figures, roundTrip: { p50: at(0.5), p99: at(0.99) } };
      },
      { options: { size, dims: DIMS, k: K, queries, params, filters: FILTERS }, roundTrips },
    );
    results.push(result);
    const p = result.params;
    console.log(
      `\n## ${size.toLocaleString('en')} vectors — m=${p.m} efConstruction=${p.efConstruction} efSearch=${p.efSearch}${result.crossOriginIsolated ? '' : ' (page NOT cross-origin isolated: coarse timer)'}`,
    );
    console.log(
      `generate ${(result.generateMs / 1000).toFixed(1)} s; build: HNSW ${(result.buildMs / 1000).toFixed(1)} s (exact: ${(result.exactBuildMs / 1000).toFixed(2)} s)`,
    );
    console.log(
      `serialized index: ${(result.serializedBytes / 2 ** 20).toFixed(1)} MiB (vectors alone: ${((size * DIMS * 4) / 2 ** 20).toFixed(1)} MiB); save to OPFS ${fmt(result.saveMs)} ms, load+verify from OPFS ${fmt(result.loadMs)} ms`,
    );
    console.log('| query (k=10) | HNSW p50 ms | HNSW p99 ms | exact p50 ms | exact p99 ms | p50 speed-up | recall@10 |');
    console.log('|---|---|---|---|---|---|---|');
    console.log(
      `| no filter | ${fmt(result.hnsw.p50)} | ${fmt(result.hnsw.p99)} | ${fmt(result.exact.p50)} | ${fmt(result.exact.p99)} | ${(result.exact.p50 / result.hnsw.p50).toFixed(1)}× | ${result.recall.toFixed(4)} |`,
    );
    for (const f of result.filtered) {
      console.log(
        `| ${f.name} | ${fmt(f.hnsw.p50)} | ${fmt(f.hnsw.p99)} | ${fmt(f.exact.p50)} | ${fmt(f.exact.p99)} | ${(f.exact.p50 / f.hnsw.p50).toFixed(1)}× | ${f.recall.toFixed(4)}${f.shortLists ? ` (${f.shortLists} short lists)` : ''} |`,
      );
    }
    console.log(`page → worker → page (no filter): p50 ${fmt(result.roundTrip.p50)} ms, p99 ${fmt(result.roundTrip.p99)} ms over ${roundTrips} queries`);
  }
  if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ dims: DIMS, k: K, queries, results }, null, 2));
} finally {
  await browser.close();
  stop();
}
