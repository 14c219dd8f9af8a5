import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { DecodeFixtureFile } from '../scripts/fixtures/decodeFixture';
import { readCollectionXml } from '../src/core/interop/rekordbox/reader';
import { launchChromium, openApp, screenshot } from './support/browser';
import { expectNoSeriousAxeViolations } from './support/axe';
import { connectOpfsFolder, writeOpfsFiles } from './support/opfsLibrary';

/**
 * What a DJ hits in the first hour (issue 15), in a real browser: pause → resume of a real run,
 * durations for every container the scanner accepts (Ogg has none in its tags), crates in the
 * whole-library rekordbox.xml, failed tracks without made-up tempo/key, the table's keyboard and
 * remembered sort, presets that ask first, and axe on every screen. 1366×768 throughout.
 */
const decodeFiles = JSON.parse(readFileSync(inject('decodeFixturePath'), 'utf8')) as DecodeFixtureFile[];
const audio = decodeFiles.filter((f) => !f.fails);
// Every extension the scanner accepts that the fixture has a container for (.aif is AIFF too).
const files = [
  ...decodeFiles.map((f) => ({ path: `Formats/${f.path}`, base64: f.base64 })),
  { path: 'Formats/sine copy.aif', base64: audio.find((f) => f.path.endsWith('.aiff'))!.base64 },
  { path: 'Broken/empty.mp3', base64: '' },
];
/** Tracks that analyze (every container + the .aif copy); the truncated mp3 fails; 0-byte and text files fail at scan. */
const analysable = audio.length + 1;
const queued = analysable + 1;

const app = (page: Page) => page.evaluate(() => (window as any).rbassist.ingest.progress.get());

const axe = expectNoSeriousAxeViolations;

describe('the first hour', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    ({ page, errors } = await openApp(context, inject('baseUrl')));
    await writeOpfsFiles(page, 'music', files);
    await connectOpfsFolder(page, 'music');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('Pause until the tracks in flight finish, then Resume: every worker comes back and the run ends', async () => {
    await page.evaluate(() => {
      const { ingest } = (window as any).rbassist;
      (window as any).__run = ingest.start();
      // Pause as soon as the first track is done.
      const off = ingest.progress.subscribe(() => {
        if (ingest.progress.get().done >= 1) {
          off();
          ingest.pause();
        }
      });
    });
    await page.waitForFunction(
      () => {
        const p = (window as any).rbassist.ingest.progress.get();
        return p.status === 'paused' && p.active.length === 0;
      },
      undefined,
      { timeout: 120_000 },
    );
    await page.getByRole('button', { name: 'Resume', exact: true }).click();
    await page.evaluate(() => (window as any).__run);
    expect(await app(page)).toMatchObject({ status: 'idle', done: analysable, failed: 1, total: queued });
  });

  it('shows a length for every format, Ogg included, and the XML has TotalTime > 0 for each', async () => {
    // Rows refresh in batches after their tracks settle: wait until the last one shows its length.
    const times = () =>
      page.$$eval('[role=row][data-path^="Formats/"]', (rows) =>
        rows
          .map((row) => [(row as HTMLElement).dataset.path!, row.querySelector('[data-col=time]')!.textContent!])
          .filter(([path]) => !/truncated|text\.flac/.test(path))
          .sort(),
      );
    await expect
      .poll(async () => (await times()).map(([path, time]) => [path, /^0:0[56]$/.test(time)]))
      .toEqual(
        [...audio.map((f) => `Formats/${f.path}`), 'Formats/sine copy.aif']
          .filter((path) => !/truncated|text\.flac/.test(path))
          .sort()
          .map((path) => [path, true]),
      );
    expect((await times()).length).toBe(analysable);

    await page.evaluate(() => (window as any).rbassist.settings.update({ musicFolderPath: '/Volumes/Music' }));
    const xml: string = await page.evaluate(async () => (await (window as any).rbassist.interop.exportRekordbox()).value.xml);
    const parsed = readCollectionXml(xml);
    if (!parsed.ok) throw new Error(parsed.reason.message);
    for (const f of [...audio, { path: 'sine copy.aif' }]) {
      const track = parsed.value.tracks.find((t) => decodeURIComponent(t.location).endsWith(`/Formats/${f.path}`));
      expect(track, f.path).toBeDefined();
      expect(track!.durationSec, f.path).toBeGreaterThan(0);
    }
    // The track whose analysis failed: no AverageBpm="0.00", no empty Tonality.
    const failed = /<TRACK [^>]*Location="[^"]*truncated\.mp3"[^>]*>/.exec(xml)![0];
    expect(failed).not.toMatch(/AverageBpm=|Tonality=/);
  });

  it('exports crates and smart crates as playlists in an "rbassist" folder of the whole-library XML', async () => {
    const ids = await page.evaluate(async () => {
      const { crates, library } = (window as any).rbassist;
      const views = library.store.get().tracks.filter((v: any) => v.bpm);
      const hand = await crates.create(
        'Warm-up',
        views.slice(0, 2).map((v: any) => v.track.id),
      );
      await crates.createSmart('Sines', { version: 1, match: 'all', conditions: [{ kind: 'text', field: 'title', contains: 'sine' }] });
      return { hand, first: views.slice(0, 2).map((v: any) => v.track.id) };
    });
    const xml: string = await page.evaluate(async () => (await (window as any).rbassist.interop.exportRekordbox()).value.xml);
    const parsed = readCollectionXml(xml);
    if (!parsed.ok) throw new Error(parsed.reason.message);
    const folder = parsed.value.playlists.find((node) => node.name === 'rbassist');
    expect(folder?.kind).toBe('folder');
    if (folder?.kind !== 'folder') return;
    expect(folder.children.map((c) => c.name)).toEqual(['Warm-up', 'Sines']);
    const [hand, smart] = folder.children;
    expect(hand.kind === 'playlist' && hand.trackIds.length).toBe(ids.first.length);
    // The smart crate holds its current members: every track titled "sine…".
    expect(smart.kind === 'playlist' && smart.trackIds.length).toBe(analysable);
    const m3u8 = await page.evaluate((id) => (window as any).rbassist.crateExport.m3u8(id).text, ids.hand);
    expect(m3u8).not.toContain('#EXTINF:-1');
    // The crate view shows the count and the total length (two 6 s tracks).
    await page.locator('[data-testid=crate-item]', { hasText: 'Warm-up' }).locator('button.crate-name').click();
    await expect.poll(() => page.getByTestId('crate-count').textContent()).toBe('2 tracks · 0:12');
  });

  it('the table: arrows, Home/End and Shift+arrows select, Shift/Ctrl-click, Add to crate and drag take the selection, the sort survives a reload', async () => {
    await page.keyboard.press('1');
    const selectedPaths = () => page.$$eval('[role=row][aria-selected=true]', (rows) => rows.map((r) => (r as HTMLElement).dataset.path));
    const focused = () => page.$eval('[role=row].selected', (r) => (r as HTMLElement).dataset.path);
    // Back from the crate view: wait for the library's 11 rows (every file, broken ones included).
    await expect.poll(() => page.locator('[role=row][data-path]').count()).toBe(11);
    const paths = await page.$$eval('[role=row][data-path]', (rows) => rows.map((r) => (r as HTMLElement).dataset.path!));
    await page.getByRole('rowgroup', { name: /Track rows/ }).focus();
    await page.keyboard.press('End');
    await expect.poll(focused).toBe(paths.at(-1));
    await page.keyboard.press('Home');
    await expect.poll(focused).toBe(paths[0]);
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await expect.poll(selectedPaths).toEqual(paths.slice(0, 4));
    // Shift+↑ shrinks the range back towards where it started.
    await page.keyboard.press('Shift+ArrowUp');
    await expect.poll(selectedPaths).toEqual(paths.slice(0, 3));
    await expect.poll(() => page.getByTestId('track-count').textContent()).toMatch(/, 3 selected$/);
    await page.evaluate(async () => {
      const { crates } = (window as any).rbassist;
      crates.setTarget(await crates.create('Picked'));
    });
    const crateTracks = (name: string) =>
      page.evaluate((crate) => (window as any).rbassist.crates.store.get().crates.find((c: any) => c.name === crate).trackIds.length, name);
    await page.keyboard.press('a');
    await expect.poll(() => crateTracks('Picked')).toBe(3);

    // Mouse: a click selects one, Shift-click the range from it, Ctrl-click adds and removes one.
    const row = (index: number) => page.locator(`[role=row][data-path="${paths[index]}"]`);
    await row(4).click();
    await row(6).click({ modifiers: ['Shift'] });
    await expect.poll(selectedPaths).toEqual([paths[4], paths[5], paths[6]]);
    await row(8).click({ modifiers: ['Control'] });
    await expect.poll(selectedPaths).toEqual([paths[4], paths[5], paths[6], paths[8]]);
    await row(5).click({ modifiers: ['Control'] });
    await expect.poll(selectedPaths).toEqual([paths[4], paths[6], paths[8]]);
    // Ctrl-click on the focused track drops it and leaves the rest selected (the detail moves to one of them).
    await expect.poll(focused).toBe(paths[8]);
    await row(8).click({ modifiers: ['Control'] });
    await expect.poll(selectedPaths).toEqual([paths[4], paths[6]]);
    await expect.poll(focused).toBe(paths[4]);
    await row(7).click({ modifiers: ['Control'] });
    await row(8).click({ modifiers: ['Control'] });
    await expect.poll(selectedPaths).toEqual([paths[4], paths[6], paths[7], paths[8]]);
    // The visible "Add to crate" button takes the whole selection too.
    await expect.poll(() => page.getByTestId('add-selection').textContent()).toBe('+ Add 4 tracks to crate');
    await page.getByTestId('add-selection').click();
    await expect.poll(() => crateTracks('Picked')).toBe(7);
    // Dragging a selected row drops the whole selection on a crate in the sidebar.
    await page.evaluate(() => (window as any).rbassist.crates.create('Dragged'));
    const dragged = page.locator('[data-testid=crate-item]', { hasText: 'Dragged' });
    await dragged.waitFor();
    await row(7).dragTo(dragged);
    await expect.poll(() => crateTracks('Dragged')).toBe(4);

    // The crate table sorts with the library's columns: by BPM (empty values last), then back to play order.
    await page.locator('[data-testid=crate-item]', { hasText: 'Picked' }).locator('button.crate-name').click();
    await expect.poll(() => page.getByTestId('crate-count').textContent()).toMatch(/^7 tracks · 0:[1-4]\d$/);
    const crateBpms = () => page.$$eval('[data-testid=crate-track] [data-col=bpm]', (cells) => cells.map((c) => c.textContent));
    const playOrder = await page.$$eval('[data-testid=crate-track]', (rows) => rows.map((r) => (r as HTMLElement).dataset.trackId));
    const crateView = page.getByTestId('crate-view');
    await crateView.getByRole('columnheader', { name: /^BPM/ }).click();
    await expect.poll(() => crateView.getByRole('columnheader', { name: /^BPM/ }).getAttribute('aria-sort')).toBe('ascending');
    const ascending = await crateBpms();
    const numbers = ascending.filter(Boolean).map(Number);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(ascending.slice(numbers.length).every((bpm) => bpm === '')).toBe(true);
    await crateView.getByRole('columnheader', { name: /^BPM/ }).click();
    await expect.poll(crateBpms).toEqual([...ascending.slice(0, numbers.length).reverse(), ...ascending.slice(numbers.length)]);
    await crateView.getByRole('columnheader', { name: '#' }).click();
    await expect.poll(() => page.$$eval('[data-testid=crate-track]', (rows) => rows.map((r) => (r as HTMLElement).dataset.trackId))).toEqual(playOrder);
    await page.keyboard.press('1');

    // Columns: the chooser adds the new ones and hides others; a dragged width; all remembered across a reload.
    const chooser = page.getByTestId('column-chooser');
    await chooser.locator('summary').click();
    for (const name of ['Format', 'Bitrate', 'Added', 'Rating']) await chooser.getByRole('checkbox', { name }).check();
    await chooser.getByRole('checkbox', { name: 'Album' }).uncheck();
    expect(await chooser.getByRole('checkbox', { name: 'Title' }).isDisabled()).toBe(true);
    await axe(page, 'library with the column chooser open');
    await page.keyboard.press('Escape');
    await expect.poll(() => chooser.getAttribute('open')).toBeNull();
    const headers = () => page.$$eval('.library [role=columnheader]', (cells) => cells.map((c) => (c as HTMLElement).dataset.col));
    await expect.poll(headers).toEqual(['title', 'artist', 'genre', 'bpm', 'key', 'energy', 'time', 'state', 'dateAdded', 'bitrate', 'format', 'rating']);
    const formats = await page.$$eval('[role=row][data-path]', (rows) =>
      rows.map((r) => [(r as HTMLElement).dataset.path!.split('.').pop()!.toUpperCase(), r.querySelector('[data-col=format]')!.textContent]),
    );
    for (const [extension, shown] of formats) expect(shown).toBe(extension);
    // Every track was first seen by this run's scan: one date, as rekordbox writes it.
    const added = new Set(await page.$$eval('[role=row][data-path] [data-col=dateAdded]', (cells) => cells.map((c) => c.textContent)));
    expect([...added]).toEqual([expect.stringMatching(/^\d{4}-\d\d-\d\d$/)]);
    const artistWidth = () => page.locator('.library [role=columnheader][data-col=artist]').evaluate((h) => h.getBoundingClientRect().width);
    const before = await artistWidth();
    const handle = await page.getByTestId('resize-artist').boundingBox();
    await page.mouse.move(handle!.x + handle!.width / 2, handle!.y + handle!.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle!.x + 60, handle!.y + handle!.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(artistWidth).toBeCloseTo(before + 56, -1);
    // The handle also takes the keyboard: ← narrows by 8 px.
    await page.getByTestId('resize-artist').focus();
    await page.keyboard.press('ArrowLeft');
    await expect.poll(artistWidth).toBeCloseTo(before + 48, -1);
    const widened = await artistWidth();

    const bpmSort = () => page.getByRole('columnheader', { name: /^BPM/ }).getAttribute('aria-sort');
    await page.getByRole('columnheader', { name: /^BPM/ }).click();
    await expect.poll(bpmSort).toBe('ascending');
    await page.getByRole('columnheader', { name: /^BPM/ }).click();
    await expect.poll(bpmSort).toBe('descending');
    const rowCount = await page.locator('[role=row][data-path]').count();
    await page.reload();
    await page.waitForFunction(() => 'rbassist' in window);
    await expect.poll(bpmSort).toBe('descending');
    await expect.poll(headers).toEqual(['title', 'artist', 'genre', 'bpm', 'key', 'energy', 'time', 'state', 'dateAdded', 'bitrate', 'format', 'rating']);
    expect(await artistWidth()).toBeCloseTo(widened, 0);
    // Tracks without a tempo (the failed one) sort last, also when descending (once the rows are back).
    await expect.poll(() => page.locator('[role=row][data-path]').count()).toBe(rowCount);
    const sorted = await page.$$eval('[role=row][data-path]', (rows) => rows.map((r) => (r as HTMLElement).dataset.path));
    expect(sorted.slice(-2).some((p) => p!.includes('truncated'))).toBe(true);
    // Back to the default columns and widths for the screens that follow.
    await chooser.locator('summary').click();
    for (const name of ['Format', 'Bitrate', 'Added', 'Rating']) await chooser.getByRole('checkbox', { name }).uncheck();
    await chooser.getByRole('checkbox', { name: 'Album' }).check();
    await chooser.getByRole('button', { name: 'Reset widths' }).click();
    // A click elsewhere closes the chooser.
    await page.getByTestId('track-count').click();
    await expect.poll(() => chooser.getAttribute('open')).toBeNull();
    await expect.poll(headers).toEqual(['title', 'artist', 'album', 'genre', 'bpm', 'key', 'energy', 'time', 'state']);
  });

  it('presets show what they change, apply only on confirmation, and never select a model that is not installed', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await expect.poll(() => dialog.getByRole('radio', { name: /^Standard/ }).isChecked()).toBe(true);
    await dialog.getByRole('radio', { name: /^Quality/ }).check();
    await expect.poll(() => dialog.getByTestId('preset-plan').textContent()).toMatch(/MERT-v1-95M is not installed/);
    await dialog.getByRole('radio', { name: /^Fast/ }).check();
    await expect.poll(() => dialog.getByTestId('preset-plan').textContent()).toContain('Sampling profile: club_hifi_150s → baseline_75s');
    expect(await page.evaluate(() => (window as any).rbassist.settings.store.get().profileName)).toBe('club_hifi_150s');
    await axe(page, 'settings');
    await dialog.getByRole('button', { name: /^Apply Fast/ }).click();
    await expect
      .poll(() => page.evaluate(() => (window as any).rbassist.settings.store.get()))
      .toMatchObject({ profileName: 'baseline_75s', modelId: 'builtin-dsp' });
    await dialog.getByRole('button', { name: 'Close settings' }).click();
    // Another sampling profile makes every analyzed track out of date: they are queued again, and
    // analyzing them reuses their analyses (only windows and vectors are made anew).
    await expect.poll(() => page.evaluate(() => (window as any).rbassist.queue.counts())).toMatchObject({ pending: analysable, failed: 1 });
    expect(await page.evaluate(() => (window as any).rbassist.ingest.start().then(() => (window as any).rbassist.ingest.progress.get()))).toMatchObject({
      status: 'idle',
      done: analysable,
      failed: 1,
    });
  });

  it('passes axe on the library with the detail and similar list, the failures and the export dialog', async () => {
    await page.locator('[role=row][data-path="Formats/sine.ogg"]').click();
    await page.waitForSelector('[data-testid=track-detail]');
    await page.waitForSelector('.similar-list li');
    await screenshot(page, 'first-hour-library-detail-1366x768');
    // At 1366×768 with the detail open every header reads in full, none runs into the next, and all
    // of the default columns fit without scrolling sideways.
    const headerBoxes = await page.$$eval('.library [role=columnheader]', (cells) =>
      cells.map((cell) => {
        const box = cell.getBoundingClientRect();
        const button = cell.querySelector('button')!;
        return { col: (cell as HTMLElement).dataset.col, left: box.left, right: box.right, full: button.scrollWidth <= button.clientWidth };
      }),
    );
    const tableRight = await page.$eval('.library .grid-header', (header) => header.getBoundingClientRect().right);
    headerBoxes.forEach((header, i) => {
      expect(header.full, `${header.col} header cut`).toBe(true);
      expect(header.right - header.left, header.col).toBeGreaterThanOrEqual(56);
      if (i > 0) expect(header.left, `${header.col} overlaps ${headerBoxes[i - 1].col}`).toBeGreaterThanOrEqual(headerBoxes[i - 1].right - 0.5);
    });
    expect(headerBoxes.at(-1)!.right).toBeLessThanOrEqual(tableRight + 0.5);
    await axe(page, 'library with detail and similar');
    // The Similar list ranks its tracks with a bar spread over the list's own range of scores.
    expect(await page.$$eval('.similar-list li .rank', (ranks) => ranks.slice(0, 3).map((r) => r.textContent))).toEqual(['1', '2', '3']);
    expect(await page.$eval('.similar-list li .score-bar > span', (bar) => (bar as HTMLElement).style.width)).toBe('100%');
    // Files that failed at scan time are listed with the analysis failures, with their reasons, under one word.
    expect(await page.getByTestId('ingest-failures').textContent()).toBe('3 failed');
    await page.getByTestId('ingest-failures').click();
    await page.waitForSelector('.failures li');
    const failures = await page.getByTestId('failure-list').textContent();
    expect(failures).toContain('Broken/empty.mp3: Empty file (0 bytes)');
    expect(failures).toMatch(/Formats\/text\.flac: Not an audio file/);
    expect(failures).toMatch(/truncated/);
    await axe(page, 'failures');
    // A failed track's detail offers no Preview.
    await page.locator('[role=row][data-path="Broken/empty.mp3"]').click();
    await expect.poll(() => page.locator('[data-testid=track-detail] h2').textContent()).toBe('empty');
    expect(await page.getByRole('button', { name: 'Preview this track' }).count()).toBe(0);
    expect(await page.locator('[role=row][data-path="Broken/empty.mp3"] [data-col=state]').textContent()).toBe('failed');
    await page.getByRole('button', { name: 'Export / import' }).click();
    await page.waitForSelector('dialog[open]');
    await axe(page, 'export dialog');
    await page.keyboard.press('Escape');
    await page.waitForSelector('dialog[open]', { state: 'detached' });
  });

  it('a model download from a new origin reloads once (saying so) instead of failing with "Failed to fetch"', async () => {
    const otherOrigin = new URL(inject('baseUrl')).origin.replace('localhost', '127.0.0.1');
    let requested = '';
    await context.route(`${otherOrigin}/models/**`, (route) => {
      requested = route.request().url();
      return route.fulfill({
        status: 200,
        body: 'not really a model',
        headers: { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'application/octet-stream' },
      });
    });
    await page.getByRole('button', { name: 'Settings' }).click();
    const dialog = page.getByRole('dialog', { name: 'Settings' });
    await dialog.getByRole('combobox', { name: /^Model/ }).selectOption('mert-v1-95m');
    await dialog.getByRole('textbox', { name: /Download from/ }).fill(`${otherOrigin}/models/`);
    await expect.poll(() => dialog.getByTestId('download-needs-reload').textContent()).toContain(`allowing ${otherOrigin} takes one reload`);
    await Promise.all([page.waitForEvent('load'), dialog.getByRole('button', { name: /^Reload and download/ }).click()]);
    await page.waitForFunction(() => 'rbassist' in window);
    // After the reload the policy allows the origin and the download starts by itself.
    await expect.poll(() => requested, { timeout: 60_000 }).toMatch(/\/models\/mert-v1-95m\.fp32\.onnx$/);
    await page.evaluate(() => (window as any).rbassist.settings.update({ modelId: 'builtin-dsp', modelDownloadBaseUrl: '' }));
  });

  it('a second tab reads the library and recommends without touching the vector file; it takes over when the first closes', async () => {
    const { page: second, errors: secondErrors } = await openApp(context, inject('baseUrl'));
    await second.waitForFunction(() => (window as any).rbassist.vectors.lastOpen);
    expect(await second.evaluate(() => (window as any).rbassist.vectors.role)).toBe('reader');
    await expect.poll(() => second.textContent('[data-testid=track-count]')).toBe('11 tracks');
    await expect.poll(() => second.textContent('[data-testid=ingest-counts]')).toMatch(new RegExp(`^${queued} / ${queued} tracks`));
    await second.locator('[role=row][data-path="Formats/sine.flac"]').click();
    await expect.poll(() => second.locator('.similar-list li').count()).toBeGreaterThan(3);

    await page.close();
    await second.waitForFunction(() => (window as any).rbassist.vectors.role === 'owner');
    await second.waitForFunction(() => !(window as any).rbassist.vectors.readOnly && (window as any).rbassist.vectors.lastOpen?.live > 0);
    // As the owner it writes again: re-analyze one track.
    const done = await second.evaluate(async () => {
      const app = (window as any).rbassist;
      const id = app.library.store.get().tracks.find((v: any) => v.track.relativePath === 'Formats/sine.flac').track.id;
      await app.queue.enqueue([id]);
      await app.ingest.refreshCounts();
      await app.ingest.start();
      return app.ingest.progress.get();
    });
    expect(done).toMatchObject({ status: 'idle', done: analysable, failed: 1 });
    expect(secondErrors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
    page = second;
  });

  it('after a rescan finds new files, the button says "Analyse new tracks"', async () => {
    await writeOpfsFiles(page, 'music', [{ path: 'Formats/new sine.wav', base64: audio.find((f) => f.path.endsWith('.wav'))!.base64 }]);
    await page.getByRole('button', { name: 'Rescan' }).click();
    await expect.poll(() => page.getByTestId('ingest-start').textContent()).toBe('Analyse new tracks');
  });

  it('logged no page errors', () => {
    expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
  });
});
