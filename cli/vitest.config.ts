import { defineConfig } from 'vitest/config';

// CLI tests: the command line end to end on a generated folder (child processes, worker threads,
// ffmpeg.wasm), and its agreement with the browser's analysis path. Node only.
export default defineConfig({
  test: {
    include: ['cli/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
