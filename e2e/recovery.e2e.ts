import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FixtureFile } from '../scripts/fixtures/libraryFixture';
import { launchChromium, openApp } from './support/browser';
import { writeOpfsFiles } from './support/opfsLibrary';

const fixture = JSON.parse(readFileSync(inject('libraryFixturePath'), 'utf8')) as { files: FixtureFile[] };
const readable = fixture.files.filter((f) => !f.skipped && f.expect?.state === 'ok');
const modelBase64 = readFileSync(inject('tinyModelPath')).toString('base64');

const progress = (page: Page) => page.evaluate(() => (window as any).rbassist.ingest.progress.get());

describe('recovery from a dead embed worker', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await openApp(await browser.newContext(), inject('baseUrl')));
    await writeOpfsFiles(page, 'music', fixture.files);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('replaces the embed worker killed mid-run and finishes every track with the ONNX model', async () => {
    // The MERT-shaped test model on WASM becomes the active embedder.
    await page.evaluate(async (base64) => {
      const app = (window as any).rbassist;
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      await app.embedder.importFiles('test-mert-tiny', 'fp32', new File([bytes], 'mert-shaped-tiny-fp32.onnx'), undefined, 'wasm');
      const handle = await (await navigator.storage.getDirectory()).getDirectoryHandle('music');
      await app.library.connectDirectory(handle);
    }, modelBase64);
    await expect
      .poll(() => page.evaluate(() => (window as any).rbassist.vectors.lastOpen?.kind && (window as any).rbassist.embedder.store.get().modelId))
      .toBe('test-mert-tiny');
    await expect.poll(async () => (await progress(page)).total).toBe(readable.length);

    await page.evaluate(() => void (window as any).rbassist.ingest.start());
    await expect.poll(async () => (await progress(page)).done, { timeout: 120_000, interval: 100 }).toBeGreaterThanOrEqual(1);
    // Kill the embed worker from the inside, as a crash would: it stops answering.
    const embedWorker = page.workers().find((w) => w.url().includes('embed.worker'));
    expect(embedWorker).toBeDefined();
    await embedWorker!.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => undefined);
    await expect.poll(async () => (await progress(page)).status, { timeout: 180_000, interval: 500 }).toBe('idle');

    const outcome = await page.evaluate(async () => {
      const app = (window as any).rbassist;
      const jobs = await app.db.jobs.toArray();
      const embeddings = await app.db.embeddings.where('modelId').equals('test-mert-tiny').toArray();
      return {
        states: jobs.map((j: { state: string; error?: string }) => j.state + (j.error ? ': ' + j.error : '')),
        embedded: embeddings.length,
        restarts: app.embedder.restarts,
      };
    });
    expect(outcome.states, JSON.stringify(outcome)).toEqual(outcome.states.map(() => 'indexed'));
    expect(outcome.embedded).toBe(readable.length);
    expect(outcome.restarts).toBe(1);
  });
});
