import { defineConfig } from 'vitest/config';

// End-to-end tests: the production build served locally, driven in headless system Chromium by
// playwright-core. One file at a time: the machine has 2 cores and each test runs a real browser.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['e2e/support/globalSetup.ts'],
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});
