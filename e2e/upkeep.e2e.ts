/**
 * Library upkeep in headless Chromium on a real OPFS folder: a renamed file and a moved folder keep
 * their track ids and with them analyses, vectors and crate membership; nothing is analyzed again.
 * Byte copies added later show in the Duplicates view, which makes a crate and trims exports. A
 * watched folder picks up a new file by itself (FileSystemObserver).
 * @module
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
        analyses: analyses
          .filter((a: any) => a.trackId === t.id)
          .map((a: any) => a.analyzerId)
          .sort(),
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
      await ((await deep.getFileHandle('Mp3 Artist - Tagged Groove.mp3')) as any).move('Tagged Groove (Extended Mix).mp3');
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
    const unfinished = await page.evaluate(
      async () => (await (window as any).rbassist.db.jobs.toArray()).filter((j: any) => j.state !== 'indexed' && j.state !== 'failed').length,
    );
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

  it('byte copies show as exact duplicates with the keeper; the DJ overrides it, makes the crate and leaves them out of the export', async () => {
    const mp3 = fixture.files.find((f) => f.path === 'House/Deep/Mp3 Artist - Tagged Groove.mp3')!;
    const flac = fixture.files.find((f) => f.path === 'Techno/flac_track.flac')!;
    await writeOpfsFiles(page, 'music', [
      { path: 'Copies/Tagged Groove (copy).mp3', base64: mp3.base64 },
      { path: 'Copies/flac_track.flac', base64: flac.base64 },
    ]);
    const report = await page.evaluate(() => (window as any).rbassist.library.rescan());
    expect(report.added).toEqual(['Copies/Tagged Groove (copy).mp3', 'Copies/flac_track.flac']);
    expect(report.moved).toEqual([]);
    await page.evaluate(() => (window as any).rbassist.ingest.start());
    const idOf = (path: string) => page.evaluate(async (p) => (await (window as any).rbassist.db.tracks.where('relativePath').equals(p).first()).id, path);
    const ids = {
      groove: await idOf('House/Deep/Tagged Groove (Extended Mix).mp3'),
      grooveCopy: await idOf('Copies/Tagged Groove (copy).mp3'),
      flac: await idOf('Archive/Techno 2024/flac_track.flac'),
      flacCopy: await idOf('Copies/flac_track.flac'),
    };

    await page.click('.view-button:has-text("Duplicates")');
    await page.waitForSelector('[data-testid=duplicates-summary]');
    const groups = () =>
      page.$$eval('[data-testid=duplicate-group]', (nodes) =>
        nodes.map((n) => ({
          kind: (n as HTMLElement).dataset.kind,
          ids: [...n.querySelectorAll('[data-track-id]')].map((li) => (li as HTMLElement).dataset.trackId!).sort(),
          keeper: (n.querySelector('[data-keeper]') as HTMLElement | null)?.dataset.trackId,
          text: n.textContent ?? '',
        })),
      );
    const found = (await groups()).filter((g) => g.kind !== 'versions');
    expect(found.map((g) => [g.kind, g.ids])).toEqual(
      [
        ['exact', [ids.flac, ids.flacCopy].sort()],
        ['exact', [ids.groove, ids.grooveCopy].sort()],
      ].sort((a, b) => (a[1][0] < b[1][0] ? -1 : 1)),
    );
    for (const g of found) expect(g.text).toContain('same decoded audio');
    // Both copies were added the same day: the rule keeps the first path; the DJ keeps the original.
    const grooveGroup = found.find((g) => g.ids.includes(ids.groove))!;
    expect(grooveGroup.keeper).toBe(ids.grooveCopy);
    await page.click(`[data-track-id="${ids.groove}"] input[type=radio]`);
    await expect.poll(async () => (await groups()).find((g) => g.ids.includes(ids.groove))!.keeper).toBe(ids.groove);
    expect((await groups()).find((g) => g.ids.includes(ids.groove))!.text).toContain('chosen by you');

    await page.click('[data-testid=duplicates-make-crate]');
    const crate = await page.waitForFunction(() => (window as any).rbassist.crates.store.get().crates.find((c: any) => c.name === 'Duplicates to remove'));
    const crateTracks: string[] = (await crate.jsonValue()).trackIds;
    expect(crateTracks.sort()).toEqual(
      [ids.grooveCopy, found.find((g) => g.ids.includes(ids.flac))!.ids.find((id) => id !== found.find((g) => g.ids.includes(ids.flac))!.keeper)!].sort(),
    );

    // The library export leaves the duplicates out once asked to.
    await page.evaluate(() => (window as any).rbassist.settings.update({ musicFolderPath: '/Music' }));
    const exportedPaths = () =>
      page.evaluate(async () => {
        const result = await (window as any).rbassist.interop.exportRekordbox();
        return [...result.value.xml.matchAll(/Location="([^"]+)"/g)].map((m: RegExpMatchArray) => decodeURIComponent(m[1]));
      });
    expect((await exportedPaths()).filter((l) => l.includes('Copies/'))).toHaveLength(2);
    // Making the crate opened it; back to the Duplicates view.
    await page.click('.view-button:has-text("Duplicates")');
    await page.click('[data-testid=duplicates-leave-out]');
    await expect.poll(() => page.evaluate(() => (window as any).rbassist.duplicates.store.get().leaveOutOfExports)).toBe(true);
    const leftOut = await exportedPaths();
    expect(leftOut.some((l) => l.includes('Copies/Tagged Groove (copy).mp3'))).toBe(false);
    expect(leftOut.some((l) => l.includes('Tagged Groove (Extended Mix).mp3'))).toBe(true);
    await screenshot(page, 'upkeep-duplicates');
    expect(errors).toEqual([]);
  });

  it('watching the folder: a file added later appears and is analysed without a Rescan', async () => {
    await page.click('.view-button:has-text("Library")');
    await page.evaluate(() => (window as any).rbassist.watcher.configure({ watch: true, autoAnalyse: true }));
    await expect.poll(() => page.evaluate(() => (window as any).rbassist.watcher.store.get().mode)).toBe('observer');
    const later = fixture.files.find((f) => f.path === 'Misc/m4a track.m4a')!;
    await writeOpfsFiles(page, 'music', [{ path: 'Incoming/Fresh Promo.m4a', base64: later.base64 }]);
    await page.waitForSelector('[role=row][data-path="Incoming/Fresh Promo.m4a"]', { timeout: 60_000 });
    const id = await page.evaluate(async () => (await (window as any).rbassist.db.tracks.where('relativePath').equals('Incoming/Fresh Promo.m4a').first()).id);
    await expect
      .poll(() => page.evaluate(async (trackId) => (await (window as any).rbassist.db.jobs.get(trackId))?.state, id), { timeout: 120_000, interval: 250 })
      .toBe('indexed');
    expect(await page.evaluate(() => (window as any).rbassist.library.store.get().lastReport.added)).toEqual(['Incoming/Fresh Promo.m4a']);
    await screenshot(page, 'upkeep-watched');
    expect(errors).toEqual([]);
  });
});
