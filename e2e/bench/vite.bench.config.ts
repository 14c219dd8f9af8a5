import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * Builds the benchmark page (e2e/bench/pages/) into .cache/bench-dist/: core code and the index
 * bench worker, bundled the way the app bundles its workers (ES module workers). Separate from the
 * app's vite.config.ts so nothing here ships in the app.
 *
 *   npx vite build -c e2e/bench/vite.bench.config.ts
 */
const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export default defineConfig({
  root: resolve(repo, 'e2e/bench/pages'),
  publicDir: false,
  logLevel: 'warn',
  worker: { format: 'es' },
  build: {
    outDir: resolve(repo, '.cache/bench-dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
  },
});
