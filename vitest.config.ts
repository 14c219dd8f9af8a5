import { defineConfig } from 'vitest/config';

// Unit tests: pure core and storage logic in Node (fake-indexeddb where IndexedDB is needed).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts', 'models/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // Hooks load ffmpeg.wasm and onnxruntime; the 10 s default timed out on a loaded 2-core machine.
    hookTimeout: 60_000,
  },
});
