/**
 * The pipeline's shared rules (src/core/analysis) as the app applies them, in Chromium with the
 * real decode workers, IndexedDB and OPFS: a silent track fails with the pipeline's reason; a new
 * BPM range in Settings re-queues the analyzed tracks and recomputes only their BPM; a vector made
 * by another embedder version is re-embedded after a reload, reusing every analysis; a track with no
 * waveform (analyzed before it existed) gets it from the next run, every analysis reused.
 * cli/pipelineRules.test.ts checks the same rules in the CLI.
 * @module
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { encodePcm, loadFFmpegCore } from '../scripts/lib/ffmpegNode';
import type { FixtureFile } from '../scripts/fixtures/libraryFixture';
import { SILENT_TRACK_REASON } from '../src/core/analysis/outcome';
import { BUILTIN_EMBEDDER_VERSION } from '../src/core/embedding/builtin/builtinEmbedder';
import { trackIdFromPath } from '../src/core/library/trackId';
import { WAVEFORM_VERSION } from '../src/core/waveform/waveform';
import { launchChromium, openApp } from './support/browser';
import { connectOpfsFolder, writeOpfsFiles } from './support/opfsLibrary';

const fixture = JSON.parse(readFileSync(inject('libraryFixturePath'), 'utf8')) as { files: FixtureFile[] };
const groove = 'House/Deep/Mp3 Artist - Tagged Groove.mp3';
const sine = 'House/Artist One - Sine Song.wav';
const silent = 'Quiet/Silence.wav';
const grooveId = trackIdFromPath(groove);

interface StoredAnalysis {
  trackId: string;
  analyzerId: string;
  at: number;
  result: { options?: Record<string, number> };
}
type Counts = { pending: number; done: number; failed: number; total: number };

const counts = (page: Page): Promise<Counts> => page.evaluate(() => (window as any).rbassist.queue.counts());
const analyze = (page: Page): Promise<void> => page.evaluate(() => (window as any).rbassist.ingest.start());
const analysesOf = (page: Page, trackId: string): Promise<StoredAnalysis[]> =>
  page.evaluate((id) => (window as any).rbassist.db.analyses.where('trackId').equals(id).toArray(), trackId);

describe('the pipeline rules in the browser', () => {
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext();
    ({ page, errors } = await openApp(context, inject('baseUrl')));
    const silence = await encodePcm(await loadFFmpegCore(), new Float32Array(20 * 11025), 11025, 1, 'out.wav', ['-c:a', 'pcm_s16le']);
    const files = fixture.files.filter((f) => f.path === groove || f.path === sine);
    await writeOpfsFiles(page, 'music', [...files, { path: silent, base64: Buffer.from(silence).toString('base64') }]);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('fails a silent track with the reason and stores nothing for it', async () => {
    await connectOpfsFolder(page, 'music');
    await expect.poll(() => counts(page)).toMatchObject({ pending: 3 });
    await analyze(page);
    expect(await counts(page)).toMatchObject({ pending: 0, done: 2, failed: 1 });
    const silentId = trackIdFromPath(silent);
    const stored = await page.evaluate(async (id) => {
      const db = (window as any).rbassist.db;
      return {
        job: await db.jobs.get(id),
        embeddings: await db.embeddings.where('trackId').equals(id).count(),
        analyses: await db.analyses.where('trackId').equals(id).count(),
      };
    }, silentId);
    expect(stored).toMatchObject({ job: { state: 'failed', error: SILENT_TRACK_REASON }, embeddings: 0, analyses: 0 });
  });

  it('a new BPM range re-queues the analysed tracks and recomputes only their BPM', async () => {
    const before = await analysesOf(page, grooveId);
    expect(before.find((a) => a.analyzerId === 'bpm')!.result.options).toEqual({ minBpm: 70, maxBpm: 180 });
    await page.evaluate(() => (window as any).rbassist.settings.update({ bpmRange: { minBpm: 60, maxBpm: 150 } }));
    // The failed (silent) track waits for Retry, as in the CLI.
    await expect.poll(() => counts(page)).toMatchObject({ pending: 2, failed: 1 });
    await analyze(page);
    expect(await counts(page)).toMatchObject({ pending: 0, done: 2, failed: 1 });
    const after = await analysesOf(page, grooveId);
    expect(after.find((a) => a.analyzerId === 'bpm')!.result.options).toEqual({ minBpm: 60, maxBpm: 150 });
    for (const id of ['key', 'energy', 'fingerprint']) expect(after.find((a) => a.analyzerId === id)!.at).toBe(before.find((a) => a.analyzerId === id)!.at);
  });

  it('a vector made by another embedder version is re-embedded after a reload, reusing the analyses', async () => {
    const analysesBefore = await analysesOf(page, grooveId);
    const storedBefore: number = await page.evaluate(async (id) => {
      const db = (window as any).rbassist.db;
      await db.embeddings.update([id, 'builtin-dsp'], { embedderVersion: 'builtin-dsp/features:v0/proj:v1' });
      return (await db.embeddings.get([id, 'builtin-dsp'])).at;
    }, grooveId);
    await page.reload();
    await page.waitForFunction(() => 'rbassist' in window);
    await expect.poll(() => page.evaluate(() => (window as any).rbassist.library.store.get().folder.kind)).toBe('connected');
    await expect.poll(() => counts(page)).toMatchObject({ pending: 1, done: 1, failed: 1 });
    await analyze(page);
    expect(await counts(page)).toMatchObject({ pending: 0, done: 2, failed: 1 });
    const embedding = await page.evaluate((id) => (window as any).rbassist.db.embeddings.get([id, 'builtin-dsp']), grooveId);
    expect(embedding.embedderVersion).toBe(BUILTIN_EMBEDDER_VERSION);
    expect(embedding.at).toBeGreaterThan(storedBefore);
    const analysesAfter = await analysesOf(page, grooveId);
    for (const before of analysesBefore.filter((a) => a.analyzerId !== 'timeline')) {
      expect(analysesAfter.find((a) => a.analyzerId === before.analyzerId)!.at).toBe(before.at);
    }
  });

  it('a track analysed before the waveform existed says so in its detail, and the next run computes its waveform, reusing every analysis', async () => {
    const analysesBefore = await analysesOf(page, grooveId);
    expect(await page.evaluate((id) => (window as any).rbassist.db.waveforms.get(id).then((w: any) => w?.version), grooveId)).toBe(WAVEFORM_VERSION);
    await page.evaluate((id) => (window as any).rbassist.db.waveforms.delete(id), grooveId);
    await page.reload();
    await page.waitForFunction(() => 'rbassist' in window);
    await expect.poll(() => page.evaluate(() => (window as any).rbassist.library.store.get().folder.kind)).toBe('connected');
    await expect.poll(() => counts(page)).toMatchObject({ pending: 1, done: 1, failed: 1 });
    await page.locator(`[role=row][data-path="${groove}"]`).click();
    await page.getByTestId('no-waveform').waitFor();
    await analyze(page);
    expect(await counts(page)).toMatchObject({ pending: 0, done: 2, failed: 1 });
    await page.getByTestId('track-waveform').waitFor();
    const stored = await page.evaluate(
      (id) => (window as any).rbassist.db.waveforms.get(id).then((w: any) => ({ version: w.version, bytes: w.data.length })),
      grooveId,
    );
    // 150 frames a second of 4 bytes for the 4-second clip.
    expect(stored).toEqual({ version: WAVEFORM_VERSION, bytes: 4 * 150 * 4 });
    const analysesAfter = await analysesOf(page, grooveId);
    for (const before of analysesBefore.filter((a) => a.analyzerId !== 'timeline')) {
      expect(analysesAfter.find((a) => a.analyzerId === before.analyzerId)!.at).toBe(before.at);
    }
  });

  it('logged no page errors', () => {
    expect(errors).toEqual([]);
  });
});
