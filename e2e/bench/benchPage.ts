import { execSync } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startStaticServer } from '../support/server';

/**
 * The benchmark page (e2e/bench/pages/, built by vite.bench.config.ts into .cache/bench-dist/)
 * served with the app's cross-origin isolation headers and opened in headless Chromium.
 * Rebuilt every time: it takes about a second and always matches the current sources.
 */
export const BENCH_DIST = '.cache/bench-dist';

export async function openBenchPage(browser: Browser): Promise<{ page: Page; stop: () => void }> {
  execSync('npx vite build -c e2e/bench/vite.bench.config.ts', { stdio: 'inherit' });
  const server = await startStaticServer(BENCH_DIST);
  try {
    const context = await browser.newContext();
    // tsx (esbuild keepNames) wraps functions in __name(); the page evaluating them needs it too.
    await context.addInitScript('globalThis.__name = (f) => f');
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => 'rbassistBench' in window);
    return { page, stop: server.stop };
  } catch (error) {
    server.stop();
    throw error;
  }
}

export { launchChromium };
