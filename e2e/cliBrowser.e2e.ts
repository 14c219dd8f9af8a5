import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FixtureFile } from '../scripts/fixtures/libraryFixture';
import { runCliProcess } from '../cli/test/runCliProcess';
import { launchChromium, openApp } from './support/browser';
import { writeOpfsFiles } from './support/opfsLibrary';

// MP3s take the same decoder (ffmpeg.wasm) in the browser and in Node, so the whole chain —
// tags, windows, analyses, export mapping — must give the same bytes.
const fixture = JSON.parse(readFileSync(inject('libraryFixturePath'), 'utf8')) as { files: FixtureFile[] };
const mp3s = fixture.files.filter((f) => !f.skipped && f.expect?.state === 'ok' && f.path.endsWith('.mp3'));
const FOLDER_PATH = 'D:\\DJ Music';

describe('the CLI and the browser agree', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('export the same Rekordbox XML for the same folder', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rbassist-cli-browser-'));
    for (const file of mp3s) {
      mkdirSync(dirname(join(root, 'music', file.path)), { recursive: true });
      writeFileSync(join(root, 'music', file.path), Buffer.from(file.base64, 'base64'));
    }
    const analyze = await runCliProcess(['analyze', 'music'], root);
    expect(analyze.code, analyze.stderr).toBe(0);
    const exported = await runCliProcess(['export-rekordbox', 'out.xml', '--folder-path', FOLDER_PATH, '--tonality', 'camelot'], root);
    expect(exported.code, exported.stderr).toBe(0);
    const cliXml = readFileSync(join(root, 'out.xml'), 'utf8');

    const { page } = await openApp(await browser.newContext(), inject('baseUrl'));
    await writeOpfsFiles(page, 'music', mp3s);
    const browserXml = await page.evaluate(async (folderPath) => {
      const app = (window as any).rbassist;
      await app.settings.update({ musicFolderPath: folderPath, keyNotation: 'camelot' });
      await app.library.connectDirectory(await (await navigator.storage.getDirectory()).getDirectoryHandle('music'));
      await app.ingest.start();
      await app.library.refreshTracks(); // the list as stored, without waiting for the table's batched refresh
      return (await app.interop.exportRekordbox()).value.xml;
    }, FOLDER_PATH);
    expect(browserXml).toBe(cliXml);
    expect(cliXml.match(/<TRACK TrackID/g)).toHaveLength(mp3s.length);
  });
});
