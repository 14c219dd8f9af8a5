/**
 * Library upkeep in headless Chromium on a real OPFS folder: a renamed file and a moved folder keep
 * their track ids and with them analyses, vectors and crate membership; nothing is analysed again.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FixtureFile } from '../scripts/fixtures/libraryFixture';
import { launchChromium, openApp, screenshot } from './support/browser';
import { connectOpfsFolder, listOpfsFiles, writeOpfsFiles } from './support/opfsLibrary';

const fixture = JSON.parse(readFileSync(inject('libraryFixturePath'), 'utf8')) as { files: FixtureFile[] };
const readable = fixture.files.filter((f) => !f.skipped && f.expect?.state === 'ok');

interface TrackState {
  id: string;
  relativePath: string;
  scanState: string;
  analyses: string[];
  row?: number;
}

/** Every present track with what the database holds for it. */
function libraryState(page: Page): Promise<TrackState[]> {
  return page.evaluate(async () => {
    const app = (window as any).rbassist;
    const tracks = await app.db.tracks.where('status').anyOf('pending', 'ready', 'error').toArray();
    const analyses = await app.db.analyses.toArray();
    const embeddings = await app.db.embeddings.toArray();
    return tracks
      .map((t: any) => ({
        id: t.id,
        relativePath: t.relativePath,
        scanState: t.scanState,
        analyses: analyses.filter((a: any) => a.trackId === t.id).map((a: any) => a.analyzerId).sort(),
        row: embeddings.find((e: any) => e.trackId === t.id)?.row,
      }))
      .sort((a: TrackState, b: TrackState) => (a.relativePath < b.relativePath ? -1 : 1));
  });
}

describe('library upkeep', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    ({ page, errors } = await openApp(context, inject('baseUrl')));
    await writeOpfsFiles(page, 'music', fixture.files);
    await connectOpfsFolder(page, 'music');
    await page.evaluate(() => (window as any).rbassist.ingest.start());
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a renamed file and a moved folder keep their analyses, vectors and crates', async () => {
    const before = await libraryState(page);
    expect(before.filter((t) => t.row !== undefined)).toHaveLength(readable.length);
    const groove = before.find((t) => t.relativePath === 'House/Deep/Mp3 Artist - Tagged Groove.mp3')!;
    const flac = before.find((t) => t.relativePath === 'Techno/flac_track.flac')!;
    const crateId: string = await page.evaluate((ids) => (window as any).rbassist.crates.create('Peak time', ids), [groove.id, flac.id]);

    // Rename a file in place (the handle's own move), and move a folder into another one (copy, then delete).
    await page.evaluate(async () => {
      const music = await (await navigator.storage.getDirectory()).getDirectoryHandle('music');
      const deep = await (await music.getDirectoryHandle('House')).getDirectoryHandle('Deep');
      await (await deep.getFileHandle('Mp3 Artist - Tagged Groove.mp3') as any).move('Tagged Groove (Extended Mix).mp3');
      const techno = await music.getDirectoryHandle('Techno');
      const target = await (await music.getDirectoryHandle('Archive', { create: true })).getDirectoryHandle('Techno 2024', { create: true });
      for await (const [name, handle] of (techno as any).entries()) {
        const file = await (handle as FileSystemFileHandle).getFile();
        const writable = await (await target.getFileHandle(name, { create: true })).createWritable();
        await writable.write(await file.arrayBuffer());
        await writable.close();
      }
      await music.removeEntry('Techno', { recursive: true });
    });
    const folderBefore = await listOpfsFiles(page, 'music');

    const report = await page.evaluate(() => (window as any).rbassist.library.rescan());
    expect(report.added).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.moved.map((m: { from: string; to: string }) => [m.from, m.to])).toEqual([
      ['Techno/Ogg Artist - Ogg Title.ogg', 'Archive/Techno 2024/Ogg Artist - Ogg Title.ogg'],
      ['Techno/flac_track.flac', 'Archive/Techno 2024/flac_track.flac'],
      ['House/Deep/Mp3 Artist - Tagged Groove.mp3', 'House/Deep/Tagged Groove (Extended Mix).mp3'],
    ]);

    const after = await libraryState(page);
    const movedGroove = after.find((t) => t.id === groove.id)!;
    expect(movedGroove).toEqual({ ...groove, relativePath: 'House/Deep/Tagged Groove (Extended Mix).mp3', scanState: 'moved' });
    expect(after.find((t) => t.id === flac.id)).toEqual({ ...flac, relativePath: 'Archive/Techno 2024/flac_track.flac', scanState: 'moved' });
    // Same tracks, same vectors, nothing queued again.
    expect(after.map((t) => [t.id, t.row]).sort()).toEqual(before.map((t) => [t.id, t.row]).sort());
    const unfinished = await page.evaluate(async () => (await (window as any).rbassist.db.jobs.toArray()).filter((j: any) => j.state !== 'indexed' && j.state !== 'failed').length);
    expect(unfinished).toBe(0);
    const crate = await page.evaluate((id) => (window as any).rbassist.db.crates.get(id), crateId);
    expect(crate.trackIds).toEqual([groove.id, flac.id]);
    // The table shows the new paths with a "moved" state; the music folder was only read.
    await page.waitForSelector('[role=row][data-path="House/Deep/Tagged Groove (Extended Mix).mp3"][data-scan-state=moved]');
    await expect.poll(() => page.textContent('[data-testid=report-moved]')).toBe('3');
    expect(await listOpfsFiles(page, 'music')).toEqual(folderBefore);
    await screenshot(page, 'upkeep-moved');
    expect(errors).toEqual([]);
  });
});
