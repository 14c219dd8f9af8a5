import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FixtureFile } from '../scripts/fixtures/libraryFixture';
import { launchChromium, openApp, screenshot } from './support/browser';
import { connectOpfsFolder, writeOpfsFiles } from './support/opfsLibrary';

/**
 * Workers that die under the app: the index worker while ingest stores vectors, the map worker
 * while it draws. The worker host notices (the worker's life lock is released), starts a fresh
 * worker and the app carries on — as recovery.e2e.ts checks for the embed worker.
 */
const fixture = JSON.parse(readFileSync(inject('libraryFixturePath'), 'utf8')) as { files: FixtureFile[] };
const readable = fixture.files.filter((f) => !f.skipped && f.expect?.state === 'ok');

const progress = (page: Page) => page.evaluate(() => (window as any).rbassist.ingest.progress.get());

/**
 * Make a worker die, as a crash would, the moment the `nth` call of `method` reaches it: that call
 * never runs and never gets an answer (the worker closes itself before comlink sees the message).
 */
async function killOnCall(page: Page, workerFile: string, method: string, nth = 1): Promise<void> {
  const worker = page.workers().find((w) => w.url().includes(workerFile));
  expect(worker, `no ${workerFile} running`).toBeDefined();
  await worker!.evaluate(
    ([method, nth]) => {
      let seen = 0;
      self.addEventListener(
        'message',
        (event: MessageEvent) => {
          const path: unknown = event.data?.path;
          if (event.data?.type !== 'APPLY' || !Array.isArray(path) || path[path.length - 1] !== method || ++seen !== nth) return;
          event.stopImmediatePropagation();
          (self as unknown as { close(): void }).close();
        },
        { capture: true },
      );
    },
    [method, nth] as const,
  );
}

describe('recovery from a dead index or map worker', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await openApp(await browser.newContext({ viewport: { width: 1366, height: 768 } }), inject('baseUrl')));
    await writeOpfsFiles(page, 'music', fixture.files);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('replaces the index worker killed while ingest stores vectors; every track finishes once and similar tracks work', async () => {
    await connectOpfsFolder(page, 'music');
    await expect.poll(async () => (await progress(page)).total).toBe(readable.length);
    await expect.poll(() => page.evaluate(() => (window as any).rbassist.vectors.lastOpen?.kind ?? null)).not.toBeNull();
    // The second vector to be stored kills the index worker: one track is stored before, the rest after.
    await killOnCall(page, 'index.worker', 'append', 2);

    await page.evaluate(() => (window as any).rbassist.ingest.start());
    await expect.poll(async () => (await progress(page)).status, { timeout: 180_000, interval: 250 }).toBe('idle');

    const outcome = await page.evaluate(async () => {
      const app = (window as any).rbassist;
      const modelId = app.embedder.store.get().modelId;
      const jobs = await app.db.jobs.toArray();
      const embeddings = await app.db.embeddings.where('modelId').equals(modelId).toArray();
      const seed = embeddings[0].trackId as string;
      const similar = await app.vectors.recommend([seed], 50);
      return {
        progress: app.ingest.progress.get(),
        states: jobs.map((j: { state: string; error?: string }) => j.state + (j.error ? `: ${j.error}` : '')),
        embedded: embeddings.map((e: { trackId: string }) => e.trackId),
        stats: await app.vectors.stats(),
        replacements: app.vectors.worker.replacements,
        seed,
        similar: similar.map((s: { trackId: string }) => s.trackId),
      };
    });
    expect(outcome.replacements).toBe(1);
    expect(outcome.states, JSON.stringify(outcome.states)).toEqual(readable.map(() => 'indexed'));
    expect(outcome.progress).toMatchObject({ done: readable.length, failed: 0, total: readable.length });
    expect(new Set(outcome.embedded).size).toBe(readable.length);
    // The fresh worker reopened every stored vector from the file, and indexed the rest.
    expect(outcome.stats.live).toBe(readable.length);
    expect(outcome.similar).toHaveLength(readable.length - 1);
    expect(outcome.similar).not.toContain(outcome.seed);
  });

  it('shows an error when the map worker dies while drawing, and draws the map on Recompute', async () => {
    await page.keyboard.press('2');
    const mapState = () => page.getAttribute('[data-testid=map-status]', 'data-state');
    await expect.poll(mapState, { timeout: 60_000 }).toBe('ready');
    await killOnCall(page, 'map.worker', 'layout');

    await page.click('button:has-text("Recompute")');
    await expect.poll(mapState, { timeout: 60_000 }).toBe('error');
    expect(await page.textContent('[data-testid=map-status]')).toMatch(/^The map could not be drawn: The map worker stopped/);
    await screenshot(page, 'map-worker-lost');

    await page.click('button:has-text("Recompute")');
    await expect.poll(mapState, { timeout: 60_000 }).toBe('ready');
    await expect.poll(() => page.getAttribute('[data-testid=map-canvas]', 'data-points')).toBe(String(readable.length));
  });
});
