/**
 * Library upkeep in headless Chromium on a real OPFS folder: a renamed file and a moved folder keep
 * their track ids and with them analyses, vectors and crate membership; nothing is analyzed again.
 * Byte copies and a re-encode added later show in the Duplicates view (with the embedding cosine),
 * which makes a crate and trims exports. A re-tagged file that moved is confirmed by its audio
 * fingerprint and keeps its track. A track without a fingerprint gets only that. Incoming lists new
 * tracks, analyses them and adds them to a crate. A watched folder picks up a new file by itself
 * (FileSystemObserver).
 * @module
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FixtureFile, UpkeepFixture } from '../scripts/fixtures/libraryFixture';
import { launchChromium, openApp, screenshot } from './support/browser';
import { connectOpfsFolder, listOpfsFiles, removeOpfsFile, writeOpfsFiles } from './support/opfsLibrary';

const fixture = JSON.parse(readFileSync(inject('libraryFixturePath'), 'utf8')) as { files: FixtureFile[]; addedLater: FixtureFile; upkeep: UpkeepFixture };
const { upkeep } = fixture;
const RETAGGED_PATH = 'Archive/Promos/Warehouse Tool (Original Mix).mp3';
const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
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

  it('byte copies show as exact duplicates and a re-encode as the same recording; the DJ overrides the keeper, makes the crate and leaves them out of the exports', async () => {
    const mp3 = fixture.files.find((f) => f.path === 'House/Deep/Mp3 Artist - Tagged Groove.mp3')!;
    const flac = fixture.files.find((f) => f.path === 'Techno/flac_track.flac')!;
    await writeOpfsFiles(page, 'music', [
      { path: 'Copies/Tagged Groove (copy).mp3', base64: mp3.base64 },
      { path: 'Copies/flac_track.flac', base64: flac.base64 },
      upkeep.original,
      upkeep.reencoded,
    ]);
    const report = await page.evaluate(() => (window as any).rbassist.library.rescan());
    expect(report.added).toEqual(['Copies/Tagged Groove (copy).mp3', 'Copies/flac_track.flac', upkeep.reencoded.path, upkeep.original.path]);
    expect(report.moved).toEqual([]);
    await page.evaluate(() => (window as any).rbassist.ingest.start());
    const idOf = (path: string) => page.evaluate(async (p) => (await (window as any).rbassist.db.tracks.where('relativePath').equals(p).first()).id, path);
    const ids = {
      groove: await idOf('House/Deep/Tagged Groove (Extended Mix).mp3'),
      grooveCopy: await idOf('Copies/Tagged Groove (copy).mp3'),
      flac: await idOf('Archive/Techno 2024/flac_track.flac'),
      flacCopy: await idOf('Copies/flac_track.flac'),
      promo: await idOf(upkeep.original.path),
      promoAac: await idOf(upkeep.reencoded.path),
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
    // The MP3 and its AAC re-encode: fingerprints and embeddings agree; the higher bitrate is kept.
    const sameRecording = (await groups()).filter((g) => g.kind === 'same-recording');
    expect(sameRecording.map((g) => [g.ids, g.keeper])).toEqual([[[ids.promo, ids.promoAac].sort(), ids.promo]]);
    expect(sameRecording[0].text).toMatch(/fingerprint [01]\.\d+ · cosine [01]\.\d+ · durations [\d.]+ s apart/);
    const found = (await groups()).filter((g) => g.kind === 'exact');
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
      [
        ids.grooveCopy,
        ids.promoAac,
        found.find((g) => g.ids.includes(ids.flac))!.ids.find((id) => id !== found.find((g) => g.ids.includes(ids.flac))!.keeper)!,
      ].sort(),
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
    // A single crate's exports leave them out too, and say so.
    const crateExport = await page.evaluate(
      async (trackIds) => {
        const app = (window as any).rbassist;
        const id = await app.crates.create('Promo check', trackIds);
        const m3u8 = app.crateExport.m3u8(id);
        const xml = app.crateExport.rekordbox(id);
        return { m3u8: m3u8.text, m3u8Warnings: m3u8.warnings, xml: xml.text, xmlWarnings: xml.warnings };
      },
      [ids.promo, ids.promoAac],
    );
    expect(crateExport.m3u8).toContain('Warehouse Tool.mp3');
    expect(crateExport.m3u8).not.toContain('Warehouse Tool.m4a');
    expect(crateExport.xml).toContain('Entries="1"');
    expect(crateExport.xml).not.toContain('Warehouse%20Tool.m4a');
    for (const warnings of [crateExport.m3u8Warnings, crateExport.xmlWarnings]) expect(warnings.join(' ')).toContain('1 duplicate was left out');
    await screenshot(page, 'upkeep-duplicates');
    expect(errors).toEqual([]);
  });

  it('a re-tagged file that moved keeps its track, crates and Bandcamp tag once its audio fingerprint confirms the move', async () => {
    const promoId: string = await page.evaluate(
      async (p) => (await (window as any).rbassist.db.tracks.where('relativePath').equals(p).first()).id,
      upkeep.original.path,
    );
    const before = (await libraryState(page)).find((t) => t.id === promoId)!;
    const bandcamp = { source: 'bandcamp', evidence: ['csv'], page: 'upkeeplabel', purchaseDate: '2026-06-01' };
    const crateId: string = await page.evaluate(
      async ({ id, tag }) => {
        const app = (window as any).rbassist;
        await app.db.tracks.update(id, { bandcamp: tag });
        return app.crates.create('Warehouse', [id]);
      },
      { id: promoId, tag: bandcamp },
    );
    // The DJ re-tags the file and files it elsewhere: other bytes (size, head and tail), same audio.
    await removeOpfsFile(page, 'music', upkeep.original.path);
    await writeOpfsFiles(page, 'music', [{ path: RETAGGED_PATH, base64: upkeep.retagged.base64 }]);
    const report = await page.evaluate(() => (window as any).rbassist.library.rescan());
    expect([report.added, report.removed, report.moved]).toEqual([[RETAGGED_PATH], [upkeep.original.path], []]);

    await page.evaluate(() => (window as any).rbassist.ingest.start());
    await expect
      .poll(() => page.evaluate(() => (window as any).rbassist.library.store.get().lastReport.moved))
      .toEqual([expect.objectContaining({ id: promoId, from: upkeep.original.path, to: RETAGGED_PATH, confirmedBy: 'audio' })]);
    const last = await page.evaluate(() => (window as any).rbassist.library.store.get().lastReport);
    expect([last.added, last.removed]).toEqual([[], []]);
    const after = await libraryState(page);
    expect(after.filter((t) => t.relativePath === RETAGGED_PATH)).toEqual([
      { ...before, relativePath: RETAGGED_PATH, scanState: 'moved', row: expect.any(Number) },
    ]);
    const track = await page.evaluate((id) => (window as any).rbassist.db.tracks.get(id), promoId);
    expect(track).toMatchObject({ status: 'ready', bandcamp, formerPaths: [upkeep.original.path], tags: { title: 'Warehouse Tool (Original Mix)' } });
    expect((await page.evaluate((id) => (window as any).rbassist.db.crates.get(id), crateId)).trackIds).toEqual([promoId]);
    await expect.poll(() => page.textContent('[data-testid=report-moved]')).toBe('1');
    expect(await page.textContent('body')).toContain(`${upkeep.original.path} → ${RETAGGED_PATH} (re-tagged; same audio)`);
    expect(errors).toEqual([]);
  });

  it('a track analysed before fingerprints existed gets only a fingerprint; the Duplicates view counts it until then', async () => {
    const flac = (await libraryState(page)).find((t) => t.relativePath === 'Archive/Techno 2024/flac_track.flac')!;
    expect(flac.analyses).toContain('fingerprint');
    await page.click('.view-button:has-text("Duplicates")');
    await page.click('button:has-text("Look again")');
    await expect.poll(() => page.evaluate(() => (window as any).rbassist.duplicates.store.get().running)).toBe(false);
    // Tracks without a fingerprint, as the Duplicates view says (no line when there are none).
    const pending = () => page.evaluate(() => Number(document.querySelector('[data-testid=duplicates-pending]')?.textContent ?? 0));
    const pendingBefore = await pending();
    await page.evaluate(async (id) => {
      const app = (window as any).rbassist;
      await app.db.analyses.delete([id, 'fingerprint']);
      await app.library.refreshTracks();
      await app.queueOutOfDate();
    }, flac.id);
    // Only that track is queued.
    const open = await page.evaluate(async () =>
      (await (window as any).rbassist.db.jobs.where('state').anyOf('pending', 'analysed').toArray()).map((j: any) => j.trackId),
    );
    expect(open).toEqual([flac.id]);
    await page.click('button:has-text("Look again")');
    await expect.poll(pending).toBe(pendingBefore + 1);

    await page.evaluate(() => (window as any).rbassist.ingest.start());
    expect(await page.evaluate(async (id) => (await (window as any).rbassist.db.jobs.get(id)).state, flac.id)).toBe('indexed');
    // The fingerprint is back; the vector is the same row (nothing was embedded again).
    expect((await libraryState(page)).find((t) => t.id === flac.id)).toEqual(flac);
    await page.click('button:has-text("Look again")');
    await expect.poll(pending).toBe(pendingBefore);
    expect(errors).toEqual([]);
  });

  it('Incoming lists the tracks added since a day, analyses them and adds them to a crate', async () => {
    // The library was built a month ago; the promo came in three days ago.
    await page.evaluate(
      async ({ promoPath, monthAgo, threeDaysAgo }) => {
        const app = (window as any).rbassist;
        const tracks = await app.db.tracks.toArray();
        await app.db.tracks.bulkPut(tracks.map((t: any) => ({ ...t, dateAdded: t.relativePath === promoPath ? threeDaysAgo : monthAgo })));
        await app.library.refreshTracks();
      },
      { promoPath: RETAGGED_PATH, monthAgo: day(30), threeDaysAgo: day(3) },
    );
    await writeOpfsFiles(page, 'music', [fixture.addedLater]);
    expect((await page.evaluate(() => (window as any).rbassist.library.rescan())).added).toEqual([fixture.addedLater.path]);

    await page.click('.view-button:has-text("Incoming")');
    const listed = () => page.$$eval('[data-testid=incoming-view] [role=row][data-path]', (rows) => rows.map((r) => (r as HTMLElement).dataset.path!).sort());
    // First visit: the last 7 days.
    expect(await page.inputValue('[data-testid=incoming-since]')).toBe(day(7));
    await expect.poll(listed).toEqual([RETAGGED_PATH, fixture.addedLater.path]);
    expect(await page.textContent('[data-testid=incoming-count]')).toContain('1 not analysed yet');
    await page.click('[data-testid=incoming-analyse]');
    const laterId: string = await page.evaluate(
      async (p) => (await (window as any).rbassist.db.tracks.where('relativePath').equals(p).first()).id,
      fixture.addedLater.path,
    );
    await expect
      .poll(() => page.evaluate(async (id) => (await (window as any).rbassist.db.jobs.get(id))?.state, laterId), { timeout: 120_000, interval: 250 })
      .toBe('indexed');
    await expect.poll(() => page.isDisabled('[data-testid=incoming-analyse]')).toBe(true);

    // The DJ picks a day: only today's track is left; "Add to crate" takes what is listed.
    await page.fill('[data-testid=incoming-since]', day(0));
    await expect.poll(listed).toEqual([fixture.addedLater.path]);
    await page.click('[data-testid=incoming-add-to-crate]');
    await expect.poll(() => page.textContent('[data-testid=incoming-notice]')).toMatch(/^Added 1 track to “.+”\.$/);
    const target = await page.evaluate(() => {
      const crates = (window as any).rbassist.crates;
      return crates.get(crates.store.get().target);
    });
    expect(target.trackIds).toContain(laterId);
    await screenshot(page, 'upkeep-incoming');
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
