/**
 * Entry of the benchmark page (built by e2e/bench/vite.bench.config.ts into .cache/bench-dist/).
 * It exposes, on `window.rbassistBench`, the core code the benches time outside the app's own
 * workers: the index bench worker, and the embedding pre-processing and built-in embedder.
 * @module
 */
import { wrap } from 'comlink';
import type { BenchIndexApi } from '../../../workers/benchIndex.worker';
import { embedPrep } from './embedPrep';

const indexWorker = new Worker(new URL('../../../workers/benchIndex.worker.ts', import.meta.url), { type: 'module', name: 'bench-index' });

const bench = { index: wrap<BenchIndexApi>(indexWorker), embedPrep };
export type RbassistBench = typeof bench;
(window as unknown as { rbassistBench: RbassistBench }).rbassistBench = bench;
