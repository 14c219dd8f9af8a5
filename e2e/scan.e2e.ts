import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FixtureFile } from '../scripts/fixtures/libraryFixture';
import { launchChromium, openApp, screenshot } from './support/browser';
import { connectOpfsFolder, listOpfsFiles, removeOpfsFile, writeOpfsFiles } from './support/opfsLibrary';

const fixture = JSON.parse(readFileSync(inject('libraryFixturePath'), 'utf8')) as { files: FixtureFile[]; addedLater: FixtureFile };
const audio = fixture.files.filter((f) => !f.skipped);

interface RowView {
  path: string;
  scanState: string;
  cells: Record<string, string>;
  title: string;
}

async function tableRows(page: Page): Promise<RowView[]> {
  return page.$$eval('[role=row][data-path]', (rows) =>
    rows.map((row) => ({
      path: (row as HTMLElement).dataset.path!,
      scanState: (row as HTMLElement).dataset.scanState!,
      title: row.getAttribute('title') ?? '',
      cells: Object.fromEntries([...row.querySelectorAll('[data-col]')].map((c) => [(c as HTMLElement).dataset.col!, c.textContent ?? ''])),
    })),
  );
}

describe('scanning a music folder', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    ({ page, errors } = await openApp(context, inject('baseUrl')));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('lists every audio file with its tags, skips non-audio, and explains broken files', async () => {
    await writeOpfsFiles(page, 'music', fixture.files);
    const before = await listOpfsFiles(page, 'music');
    const report = await connectOpfsFolder(page, 'music');

    expect(report.added.sort()).toEqual(audio.map((f) => f.path).sort());
    expect(report.removed).toEqual([]);
    await page.waitForFunction((n) => document.querySelectorAll('[role=row][data-path]').length === n, audio.length);
    const rows = await tableRows(page);
    expect(rows.map((r) => r.path).sort()).toEqual(audio.map((f) => f.path).sort());
    for (const file of audio) {
      const row = rows.find((r) => r.path === file.path)!;
      const want = file.expect!;
      expect(row.cells.title, file.path).toBe(want.title);
      if (want.artist) expect(row.cells.artist, file.path).toBe(want.artist);
      if (want.album) expect(row.cells.album, file.path).toBe(want.album);
      if (want.genre) expect(row.cells.genre, file.path).toBe(want.genre);
      if (want.state === 'error') {
        expect(row.cells.state, file.path).toBe('failed');
        expect(row.title, file.path).toContain(String(want.error));
      } else {
        expect(row.scanState, file.path).toBe('new');
        // Readable files go straight into the analysis queue.
        expect(row.cells.state, file.path).toBe('queued');
      }
      if (want.durationSec) expect(row.cells.time, file.path).toBe(`0:0${want.durationSec}`);
    }
    // Tagged BPM/key come through for the mp3 that carries them.
    const tagged = rows.find((r) => r.path.endsWith('Tagged Groove.mp3'))!;
    expect(tagged.cells.bpm).toBe('124.0');
    expect(tagged.cells.key).toBe('8A');
    // Nothing was written to the music folder.
    expect(await listOpfsFiles(page, 'music')).toEqual(before);
    await screenshot(page, 'scan-first');
  });

  it('filters and sorts the table', async () => {
    await page.fill('input[type=search]', 'techno');
    await expect.poll(() => page.textContent('[data-testid=track-count]')).toBe(`2 of ${audio.length} tracks`);
    await page.fill('input[type=search]', '');
    await expect.poll(() => page.textContent('[data-testid=track-count]')).toBe(`${audio.length} tracks`);
    await page.click('[role=columnheader]:has-text("Title")');
    await expect.poll(() => page.getAttribute('[role=columnheader]:has-text("Title")', 'aria-sort')).toBe('ascending');
    const titles = (await tableRows(page)).map((r) => r.cells.title);
    expect(titles).toHaveLength(audio.length);
    expect(titles).toEqual([...titles].sort((a, b) => a.toLocaleLowerCase().localeCompare(b.toLocaleLowerCase())));
  });

  it('re-scan reports exactly what was added, changed and removed', async () => {
    const changed = fixture.files.find((f) => f.path === 'Misc/voice.opus')!;
    await writeOpfsFiles(page, 'music', [
      fixture.addedLater,
      { path: changed.path, base64: Buffer.concat([Buffer.from(changed.base64, 'base64'), Buffer.alloc(100)]).toString('base64') },
    ]);
    await removeOpfsFile(page, 'music', 'Techno/flac_track.flac');
    const report = await page.evaluate(() => (window as any).rbassist.library.rescan());
    expect(report.added).toEqual([fixture.addedLater.path]);
    expect(report.removed).toEqual(['Techno/flac_track.flac']);
    expect(report.changed).toEqual(['Misc/voice.opus']);
    expect(report.unchanged).toBe(audio.length - 2);
    await expect
      .poll(async () => (await tableRows(page)).map((r) => r.path).sort())
      .toEqual([...audio.map((f) => f.path).filter((p) => p !== 'Techno/flac_track.flac'), fixture.addedLater.path].sort());
    const rows = await tableRows(page);
    expect(rows.find((r) => r.path === fixture.addedLater.path)!.scanState).toBe('new');
    expect(rows.find((r) => r.path === 'Misc/voice.opus')!.scanState).toBe('changed');
    expect(rows.find((r) => r.path === 'House/Artist One - Sine Song.wav')!.scanState).toBe('unchanged');
    await expect.poll(() => page.textContent('[data-testid=report-removed]')).toBe('1');
    await screenshot(page, 'scan-rescan');
  });

  it('remembers the folder across visits', async () => {
    await page.reload();
    await page.waitForFunction(() => 'rbassist' in window);
    await expect.poll(() => page.textContent('[data-testid=folder-name]').catch(() => null)).toContain('music');
    await expect.poll(async () => (await tableRows(page)).length).toBe(audio.length);
  });

  it('a withdrawn permission mid-scan stops cleanly and removes nothing', async () => {
    const report = await page.evaluate(async () => {
      const real = await (await navigator.storage.getDirectory()).getDirectoryHandle('music');
      let reads = 0;
      // Same real handles, but access is withdrawn after a few files, as when the DJ revokes it.
      const revoking = (dir: FileSystemDirectoryHandle): FileSystemDirectoryHandle =>
        ({
          kind: 'directory',
          name: dir.name,
          async *entries() {
            for await (const [name, handle] of dir.entries()) {
              if (handle.kind === 'directory') yield [name, revoking(handle as FileSystemDirectoryHandle)];
              else
                yield [
                  name,
                  {
                    kind: 'file',
                    name,
                    getFile: async () => {
                      if (++reads > 3) throw new DOMException('Permission revoked', 'NotAllowedError');
                      return (handle as FileSystemFileHandle).getFile();
                    },
                  },
                ];
            }
          },
        }) as unknown as FileSystemDirectoryHandle;
      return (window as any).rbassist.library.connectDirectory(revoking(real), { remember: false });
    });
    expect(report.stoppedEarly).toMatch(/Access to "music" was lost .*Reconnect/);
    expect(report.removed).toEqual([]);
    await expect.poll(() => page.textContent('[role=alert]')).toMatch(/Reconnect the folder/);
    expect((await tableRows(page)).length).toBe(audio.length);
  });

  it('logged no page errors', () => {
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});

describe('browsers without the File System Access API', () => {
  it('fall back to a read-only folder upload and say what is lost', async () => {
    const dir = 'e2e/artifacts/fallback-library/Music';
    rmSync('e2e/artifacts/fallback-library', { recursive: true, force: true });
    for (const file of fixture.files) {
      mkdirSync(dirname(`${dir}/${file.path}`), { recursive: true });
      writeFileSync(`${dir}/${file.path}`, Buffer.from(file.base64, 'base64'));
    }
    const browser = await launchChromium();
    try {
      const context = await browser.newContext();
      // Firefox/Safari: no showDirectoryPicker.
      await context.addInitScript(() => delete (window as { showDirectoryPicker?: unknown }).showDirectoryPicker);
      const { page } = await openApp(context, inject('baseUrl'));
      await expect.poll(() => page.textContent('[role=note]')).toMatch(/cannot keep access to a folder/);
      await page.setInputFiles('input[type=file]', dir);
      await expect.poll(() => page.locator('[role=row][data-path]').count(), { timeout: 30_000 }).toBe(audio.length);
      expect(await page.textContent('[data-testid=folder-name]')).toContain('(snapshot)');
      await screenshot(page, 'scan-fallback');
    } finally {
      await browser.close();
    }
  });
});
