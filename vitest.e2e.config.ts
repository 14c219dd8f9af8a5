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
    // expect.poll waits on the app's state; its 1 s default is too short on a busy 2-core machine
    // (30 s once missed a rescan's render under load: a longer limit only delays a real failure).
    expect: { poll: { timeout: 60_000, interval: 100 } },
    hookTimeout: 240_000,
  },
});
