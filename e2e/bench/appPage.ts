import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startStaticServer } from '../support/server';

/** `--name value` from the command line, as a number. */
export function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

/** The built app (dist/, built if missing) served locally and opened in headless Chromium. */
export async function openAppForBench(): Promise<{ page: Page; close: () => Promise<void> }> {
  if (!existsSync('dist/index.html')) execSync('npx vite build', { stdio: 'inherit' });
  const server = await startStaticServer('dist');
  const browser = await launchChromium();
  const close = async () => {
    await browser.close();
    server.stop();
  };
  try {
    const context = await browser.newContext();
    // tsx (esbuild keepNames) wraps functions in __name(); the page evaluating them needs it too.
    await context.addInitScript('globalThis.__name = (f) => f');
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => 'rbassist' in window);
    return { page, close };
  } catch (error) {
    await close();
    throw error;
  }
}
