import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FixtureFile } from '../scripts/fixtures/libraryFixture';
import { launchChromium, openApp, screenshot } from './support/browser';
import { connectOpfsFolder, writeOpfsFiles } from './support/opfsLibrary';
import { readCollectionXml } from '../src/core/interop/rekordbox/reader';

const fixture = JSON.parse(readFileSync(inject('libraryFixturePath'), 'utf8')) as { files: FixtureFile[]; addedLater: FixtureFile };
const readable = fixture.files.filter((f) => !f.skipped && f.expect?.state === 'ok');
const mp3 = Buffer.from(fixture.files.find((f) => f.path.endsWith('Tagged Groove.mp3'))!.base64, 'base64');
const truncated: FixtureFile = { path: 'Broken/Cut Off - Truncated.mp3', base64: mp3.subarray(0, Math.floor(mp3.length * 0.5)).toString('base64') };

type Counts = { done: number; failed: number; total: number; status: string };
const progress = (page: Page): Promise<Counts> => page.evaluate(() => (window as any).rbassist.ingest.progress.get());

describe('ingest pipeline', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    ({ page, errors } = await openApp(context, inject('baseUrl')));
    await writeOpfsFiles(page, 'music', [...fixture.files, truncated]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('queues every readable track after a scan', async () => {
    await connectOpfsFolder(page, 'music');
    await expect.poll(async () => (await progress(page)).total).toBe(readable.length + 1);
  });

  it('survives a reload in the middle and finishes every track exactly once', async () => {
    await page.evaluate(() => {
      // Long main-thread tasks during the whole ingest (the UI must stay responsive).
      (window as any).__longTasks = [];
      new PerformanceObserver((list) => (window as any).__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
        type: 'longtask',
        buffered: false,
      });
      void (window as any).rbassist.ingest.start();
    });
    await expect.poll(async () => (await progress(page)).done, { timeout: 120_000, interval: 250 }).toBeGreaterThanOrEqual(2);
    const longBefore: number[] = await page.evaluate(() => (window as any).__longTasks);
    await page.reload();
    await page.waitForFunction(() => 'rbassist' in window);
    // The folder reconnects by itself (permission kept); the queue resumes where it stopped.
    await expect.poll(() => page.evaluate(() => (window as any).rbassist.library.store.get().folder.kind)).toBe('connected');
    await page.evaluate(() => {
      (window as any).__longTasks = [];
      new PerformanceObserver((list) => (window as any).__longTasks.push(...list.getEntries().map((e) => e.duration))).observe({
        type: 'longtask',
        buffered: false,
      });
      return (window as any).rbassist.ingest.start();
    });
    const final = await progress(page);
    expect(final).toMatchObject({ done: readable.length, failed: 1, total: readable.length + 1, status: 'idle' });

    const state = await page.evaluate(async () => {
      const app = (window as any).rbassist;
      const jobs = await app.db.jobs.toArray();
      const embeddings = await app.db.embeddings.toArray();
      const analyses = await app.db.analyses.toArray();
      const stats = await app.vectors.stats();
      return { jobs, embeddings, analyses, stats };
    });
    const indexed = state.jobs
      .filter((j: { state: string }) => j.state === 'indexed')
      .map((j: { trackId: string }) => j.trackId)
      .sort();
    expect(indexed).toHaveLength(readable.length);
    // Every finished track has one vector and its four analyses; none was embedded twice.
    const embedded = state.embeddings.map((e: { trackId: string }) => e.trackId).sort();
    expect(embedded).toEqual(indexed);
    expect(new Set(embedded).size).toBe(embedded.length);
    for (const id of indexed) {
      expect(
        state.analyses
          .filter((a: { trackId: string }) => a.trackId === id)
          .map((a: { analyzerId: string }) => a.analyzerId)
          .sort(),
      ).toEqual(['bpm', 'energy', 'fingerprint', 'key', 'structure', 'timeline']);
    }
    expect(state.stats.live).toBe(readable.length);
    expect(state.stats.rows).toBeLessThanOrEqual(readable.length + 2); // at most the tracks in flight at the reload
    const failed = state.jobs.find((j: { state: string }) => j.state === 'failed');
    expect(failed.error).toMatch(/truncated or damaged/);
    const longAfter: number[] = await page.evaluate(() => (window as any).__longTasks);
    console.log(`long main-thread tasks during ingest: ${JSON.stringify([...longBefore, ...longAfter].map(Math.round))}`);
    await screenshot(page, 'ingest-done');
  });

  it('shows similar tracks for a selected track, and filters change them', async () => {
    const row = page.locator('[role=row][data-path="House/Deep/Mp3 Artist - Tagged Groove.mp3"]');
    await row.click();
    await expect.poll(() => page.locator('.similar-list li').count()).toBe(readable.length - 1);
    const before = await page.$$eval('.similar-list li', (items) => items.map((li) => (li as HTMLElement).dataset.trackId));
    await page.check('text=/BPM ±6%/');
    await page.waitForFunction((n) => document.querySelectorAll('.similar-list li').length < n, before.length);
    const after = await page.$$eval('.similar-list li', (items) =>
      items.map((li) => ({ id: (li as HTMLElement).dataset.trackId!, bpm: Number(li.querySelectorAll('.numeric')[0].textContent) })),
    );
    // Every remaining neighbour is within ±6 % of 124 BPM (or at half/double tempo).
    for (const { bpm } of after) expect([bpm, bpm * 2, bpm / 2].some((b) => b >= 124 * 0.94 - 0.1 && b <= 124 * 1.06 + 0.1)).toBe(true);
    expect(after.every(({ id }) => before.includes(id))).toBe(true);
    await screenshot(page, 'similar-panel');
  });

  it('a second tab does not run a second ingest', async () => {
    const rowsBefore: number = (await page.evaluate(() => (window as any).rbassist.vectors.stats())).rows;
    const { page: second } = await openApp(context, inject('baseUrl'));
    await page.evaluate(async () => {
      // Re-analyze everything so that this tab holds the ingest lock for a while.
      const app = (window as any).rbassist;
      await app.queue.enqueue((await app.db.jobs.toArray()).map((j: { trackId: string }) => j.trackId));
      await app.ingest.refreshCounts();
      // Returns once this tab's run holds the ingest lock, so the second tab's start finds it taken.
      await new Promise<void>((resolve) => {
        const off = app.ingest.progress.subscribe(() => {
          if (app.ingest.progress.get().status !== 'running') return;
          off();
          resolve();
        });
        void app.ingest.start();
      });
    });
    await second.evaluate(() => (window as any).rbassist.ingest.start());
    expect((await progress(second)).status).toBe('other-tab');
    await expect.poll(async () => (await progress(page)).status, { timeout: 60_000 }).toBe('idle');
    await second.close();
    // Every vector was still current (same file, windows and embedder): the run re-checked each track
    // and embedded nothing again, so the vector file did not grow.
    const stats = await page.evaluate(() => (window as any).rbassist.vectors.stats());
    expect(stats).toMatchObject({ rows: rowsBefore, live: readable.length });
    const recs = await page.evaluate(async () => {
      const app = (window as any).rbassist;
      const id = (await app.db.embeddings.toArray())[0].trackId;
      return (await app.vectors.recommend([id], 3)).map((r: { score: number }) => r.score);
    });
    expect(recs).toHaveLength(3);
    expect(recs[0]).toBeLessThan(0.99999); // the seed itself is never its own neighbour
  });

  it('reloads the saved index, and rebuilds it from the vectors when the file is damaged', async () => {
    await page.reload();
    await page.waitForFunction(() => (window as any).rbassist?.vectors.lastOpen);
    expect(await page.evaluate(() => (window as any).rbassist.vectors.lastOpen)).toMatchObject({ index: 'loaded', live: readable.length });
    await page.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('index');
      const handle = await dir.getFileHandle('builtin-dsp.hnsw');
      const writable = await handle.createWritable({ keepExistingData: true });
      await writable.write({ type: 'write', position: 64, data: new Uint8Array(256).fill(0xab) });
      await writable.close();
    });
    await page.reload();
    await page.waitForFunction(() => (window as any).rbassist?.vectors.lastOpen);
    const reopened = await page.evaluate(() => (window as any).rbassist.vectors.lastOpen);
    expect(reopened).toMatchObject({ index: 'rebuilt', live: readable.length });
    expect(reopened.reason).toBeTruthy();
    const recs = await page.evaluate(async () => {
      const app = (window as any).rbassist;
      const id = (await app.db.embeddings.toArray())[0].trackId;
      return app.vectors.recommend([id], 5);
    });
    expect(recs).toHaveLength(5);
  });

  it('exports a Rekordbox XML that reads back with every track, byte-identical twice', async () => {
    const refused = await page.evaluate(() => (window as any).rbassist.interop.exportRekordbox());
    expect(refused.ok).toBe(false);
    expect(refused.reason.message).toMatch(/folder/i);
    await page.evaluate(() => (window as any).rbassist.settings.update({ musicFolderPath: 'D:\\DJ Music' }));
    await page.click('text=Export / import');
    await expect.poll(() => page.textContent('[data-testid=location-preview]')).toContain('file://localhost/D:/DJ%20Music/');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Export rekordbox.xml')]);
    expect(download.suggestedFilename()).toBe('rekordbox.xml');
    const xml = readFileSync(await download.path(), 'utf8');
    const again = await page.evaluate(async () => (await (window as any).rbassist.interop.exportRekordbox()).value.xml);
    expect(again).toBe(xml);
    const parsed = readCollectionXml(xml);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    // Every track the library could read is in the collection (the truncated one too: it exists, only its analysis failed).
    expect(parsed.value.tracks).toHaveLength(readable.length + 1);
    const groove = parsed.value.tracks.find((t) => t.location.endsWith('Tagged%20Groove.mp3'))!;
    expect(groove.location).toBe('file://localhost/D:/DJ%20Music/House/Deep/Mp3%20Artist%20-%20Tagged%20Groove.mp3');
    expect(groove.bpm).toBeCloseTo(124, 0);
    // The dialog's cue choice is a stored setting the export reads (the cues themselves are checked
    // in src/core/cues and the CLI test, on tracks with a confident grid: these short fixtures have none).
    await page.selectOption('[aria-label="Cues in the export"]', 'off');
    await expect.poll(() => page.evaluate(async () => (await (window as any).rbassist.db.settings.get('app')).value.cueMode)).toBe('off');
    await page.selectOption('[aria-label="Cues in the export"]', 'auto');
    // Editing the template: hot cue B becomes "8 bars to Drop 1"; the edit is stored as the DJ's own template.
    await page.click('text=Edit the template');
    await page.selectOption('[aria-label="Hot cue B"]', 'drop:1:-8');
    const storedTemplate = () =>
      page.evaluate(async () => {
        const { name, hot } = (await (window as any).rbassist.db.settings.get('app')).value.cueTemplate;
        return { name, b: hot[1] };
      });
    await expect.poll(storedTemplate).toEqual({ name: 'Phrases (edited)', b: { anchor: 'drop', index: 1, offsetBars: -8 } });
    // Importing the collection back: every track is recognised by its Location, and the track
    // detail shows rekordbox's values beside rbassist's.
    // The DJ rated the groove 4 stars in rekordbox (Rating 204 of 255).
    const rated = join(tmpdir(), `rbassist-rated-${process.pid}.xml`);
    writeFileSync(rated, xml.replace(/Rating="0"(\s+Location="[^"]*Tagged%20Groove\.mp3")/, 'Rating="204"$1'));
    await page.setInputFiles('input[type=file][accept*=xml]', rated);
    await expect.poll(() => page.textContent('[data-testid=interop-status]')).toContain(`${readable.length + 1} are in this library`);
    rmSync(rated);
    await screenshot(page, 'export-dialog');
    await page.click('[aria-label=Close]');
    await page.locator('[role=row][data-path="House/Deep/Mp3 Artist - Tagged Groove.mp3"]').click();
    await expect.poll(() => page.textContent('[data-testid=detail-rekordbox]')).toMatch(/^12\d\.\d\d BPM, \d+[AB], 0 cues$/);
    // The track detail's auto cues say why there are none for a track without a confident grid.
    await expect.poll(() => page.textContent('[data-testid=auto-cues]')).toContain('no confident beat grid');
    // The Rating column (off by default) shows rekordbox's stars for a file that has no rating tag.
    await page.getByTestId('column-chooser').locator('summary').click();
    await page.getByTestId('column-chooser').getByRole('checkbox', { name: 'Rating' }).check();
    const rating = page.locator('[role=row][data-path="House/Deep/Mp3 Artist - Tagged Groove.mp3"] [data-col=rating]');
    await expect.poll(() => rating.textContent()).toBe('★★★★');
    expect(await rating.getAttribute('title')).toBe('4 of 5 stars (from rekordbox)');
  });

  it('logged no page errors', () => {
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
