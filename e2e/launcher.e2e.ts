import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FixtureFile } from '../scripts/fixtures/libraryFixture';
import { LAUNCHER_PLATFORMS, nodeBinary, type LauncherPlatform } from '../scripts/bundle.mjs';
import { describeExecutable } from '../scripts/lib/launcherBinaries.mjs';
import { adhocSignMachO, verifyMachOSignature } from '../scripts/lib/machoAdhocSign.mjs';
import { launchChromium, openApp, screenshot } from './support/browser';
import { connectOpfsFolder, writeOpfsFiles } from './support/opfsLibrary';
import { startStaticServer } from './support/server';

// The two ways a DJ gets rbassist without a terminal: the Linux launcher exactly as `npm run bundle`
// built it (npm test builds the bundle before this suite), and the build on a static host that
// sends no COOP/COEP headers. Both must end cross-origin isolated, analyze a folder, and reload
// offline. The Windows and macOS launchers cannot run here: their bytes are checked instead.

const BUNDLE = 'bundle';
const fixture = JSON.parse(readFileSync(inject('libraryFixturePath'), 'utf8')) as { files: FixtureFile[] };
// A few readable tracks (wav, mp3, flac…) keep this suite short; ingest.e2e covers the whole fixture.
const tracks = fixture.files.filter((f) => !f.skipped && f.expect?.state === 'ok').slice(0, 4);

function requireBundle(path: string): string {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run bundle\` first (npm test does)`);
  return path;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

const isolated = (page: Page) => page.evaluate(() => crossOriginIsolated).catch(() => false);

/** Scan the fixture tracks from an OPFS folder, analyze them all, and reload with the network off. */
async function scanAnalyzeAndReloadOffline(page: Page, context: import('playwright-core').BrowserContext, shot: string) {
  await writeOpfsFiles(page, 'music', tracks);
  await connectOpfsFolder(page, 'music');
  await expect.poll(() => page.evaluate(() => (window as any).rbassist.ingest.progress.get().total), { timeout: 60_000 }).toBe(tracks.length);
  await page.evaluate(() => (window as any).rbassist.ingest.start());
  expect(await page.evaluate(() => (window as any).rbassist.ingest.progress.get())).toMatchObject({ done: tracks.length, failed: 0, status: 'idle' });
  const analyzed = await page.evaluate(
    async () =>
      (await (window as any).rbassist.db.analyses.toArray()).filter((a: { analyzerId: string }) => ['bpm', 'key', 'energy'].includes(a.analyzerId)).length,
  );
  expect(analyzed).toBe(tracks.length * 3); // BPM, key and energy for each (other analyzers may add more)

  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) await new Promise((r) => navigator.serviceWorker.addEventListener('controllerchange', r, { once: true }));
  });
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => 'rbassist' in window);
  expect(await isolated(page)).toBe(true);
  await expect.poll(() => page.evaluate(async () => (await (window as any).rbassist.db.tracks.count()) as number)).toBe(tracks.length);
  await screenshot(page, shot);
  await context.setOffline(false);
}

describe('the Linux launcher built by npm run bundle', () => {
  const launcherPath = join(BUNDLE, 'rbassist-linux-x64', 'rbassist', LAUNCHER_PLATFORMS['linux-x64'].launcher);
  let launcher: ChildProcess;
  let output = '';
  let url: string;
  let stateDir: string;
  let port: number;
  let browser: Browser;

  beforeAll(async () => {
    requireBundle(launcherPath);
    // The remembered port is the one a previous start chose (a free one here: CI machines are shared).
    stateDir = mkdtempSync(join(tmpdir(), 'rbassist-launcher-'));
    port = await freePort();
    writeFileSync(join(stateDir, 'launcher.json'), JSON.stringify({ port }));
    // Started from another working directory, as a double-click does: it must find its app folder.
    launcher = spawn(join(process.cwd(), launcherPath), [], {
      cwd: tmpdir(),
      env: { ...process.env, RBASSIST_STATE_DIR: stateDir, RBASSIST_NO_BROWSER: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /running at (http:\/\/\S+)/.exec(output);
        if (match && output.includes('To stop rbassist')) resolve(match[1]);
      };
      launcher.stdout!.on('data', onData);
      launcher.stderr!.on('data', onData);
      launcher.on('exit', (code) => reject(new Error(`launcher exited with ${code}: ${output}`)));
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    launcher?.kill();
    if (stateDir) rmSync(stateDir, { recursive: true, force: true });
  });

  it('serves on 127.0.0.1 at the remembered port and says how to stop', () => {
    expect(url).toBe(`http://127.0.0.1:${port}/`);
    expect(output).toContain('To stop rbassist: close this window, or press Ctrl+C.');
    expect(output).not.toMatch(/ExperimentalWarning|single executable/i);
  });

  it('serves nothing outside its app folder (the README beside it included)', async () => {
    const { connect } = await import('node:net');
    for (const target of ['/../README.txt', '/%2e%2e/README.txt', '/%2E%2E%2FREADME.txt', '/..%5cREADME.txt']) {
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(port, '127.0.0.1');
        let data = '';
        socket.on('data', (chunk) => (data += chunk.toString()));
        socket.on('end', () => resolve(data));
        socket.on('error', reject);
        socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
      });
      expect(reply, target).toMatch(/^HTTP\/1\.1 403/);
      expect(reply, target).not.toContain('rbassist for Linux');
    }
  });

  it('is cross-origin isolated, scans and analyses a folder, and reloads offline', async () => {
    const context = await browser.newContext();
    const { page, errors } = await openApp(context, url);
    expect(await isolated(page)).toBe(true);
    await scanAnalyzeAndReloadOffline(page, context, 'launcher-linux-offline');
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the hostable build on a static host without COOP/COEP headers', () => {
  let server: { url: string; stop: () => void };
  let browser: Browser;

  beforeAll(async () => {
    server = await startStaticServer('dist', ['--no-isolation-headers']);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.stop();
  });

  it('the host really sends no isolation headers', async () => {
    const response = await fetch(server.url);
    expect(response.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(response.headers.get('cross-origin-embedder-policy')).toBeNull();
  });

  it('becomes cross-origin isolated after the first (automatic) reload, analyses a folder and reloads offline', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(120_000); // as openApp: waits on state, on a busy machine
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const navigations: boolean[] = [];
    page.on('load', () => void isolated(page).then((value) => navigations.push(value)));
    await page.goto(server.url);
    // First visit: not isolated; the service worker installs, takes control, and the page reloads once.
    await expect.poll(() => isolated(page), { timeout: 180_000, interval: 500 }).toBe(true);
    await page.waitForFunction(() => 'rbassist' in window);
    expect(navigations[0]).toBe(false);
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // Multi-threaded WASM's prerequisite, the reason for all this.
    expect(await page.evaluate(() => typeof SharedArrayBuffer === 'function')).toBe(true);
    await scanAnalyzeAndReloadOffline(page, context, 'hostable-offline');
    // One automatic reload only, never a loop.
    expect(navigations.filter((value) => !value)).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('launchers for every platform (built on Linux; Windows and macOS cannot be started here)', () => {
  it.each(Object.entries(LAUNCHER_PLATFORMS) as [keyof typeof LAUNCHER_PLATFORMS, LauncherPlatform][])(
    '%s: right format and architecture, app embedded, at most the Node binary added',
    (platform, target) => {
      const folder = join(BUNDLE, `rbassist-${platform}`, 'rbassist');
      const bytes = readFileSync(requireBundle(join(folder, target.launcher)));
      const described = describeExecutable(bytes);
      expect(described).toMatchObject({ format: target.format, arch: target.arch, fuseFlipped: true });
      // The embedded script is rbassist's server (the SEA blob holds its source).
      expect(bytes.includes('To stop rbassist: close this window, or press Ctrl+C.')).toBe(true);
      if (target.format === 'PE') expect(described).toMatchObject({ console: true, certificateBytes: 0 });
      if (target.format === 'Mach-O') expect(described).toMatchObject({ signature: 'valid', segments: expect.arrayContaining(['NODE_SEA']) });
      expect(statSync(join(folder, target.launcher)).mode & 0o111).toBeTruthy();
      expect(bytes.length).toBeLessThan(statSync(nodeBinary(platform)).size + 1_000_000);
      expect(existsSync(join(folder, 'app', 'index.html'))).toBe(true);
      expect(existsSync(join(folder, 'app', 'sw-isolation-headers.js'))).toBe(true);
      const readme = readFileSync(join(folder, 'README.txt'), 'utf8');
      expect(readme).toMatch(/Install/);
      if (platform.startsWith('win')) expect(readme).toMatch(/SmartScreen[\s\S]*More info[\s\S]*Run anyway/);
      if (platform.startsWith('macos')) expect(readme).toMatch(/Gatekeeper[\s\S]*Open Anyway/);
      expect(existsSync(join(BUNDLE, `rbassist-${platform}.zip`)) || existsSync(join(BUNDLE, `rbassist-${platform}.tar.gz`))).toBe(true);
    },
  );

  it("the ad-hoc signer agrees with Apple: re-signing Node's own signed binary reproduces every page hash but the header", () => {
    for (const platform of ['macos-arm64', 'macos-x64'] as const) {
      const original = readFileSync(nodeBinary(platform));
      const apple = verifyMachOSignature(original);
      expect(apple.valid, `${platform}: Apple's signature read back`).toBe(true);
      expect(apple.adhoc).toBe(false);
      const resigned = verifyMachOSignature(adhocSignMachO(original, 'node'));
      expect(resigned).toMatchObject({ valid: true, adhoc: true, identifier: 'node', codeLimit: apple.codeLimit });
      const differing: number[] = [];
      for (let page = 0; page < Math.ceil(apple.codeLimit / 4096); page++) if (!apple.pageHashes(page).equals(resigned.pageHashes(page))) differing.push(page);
      // Page 0 holds the load commands, which record the new signature's size.
      expect(differing).toEqual([0]);
    }
  });

  it('a tampered launcher fails the signature check', () => {
    const bytes = readFileSync(join(BUNDLE, 'rbassist-macos-arm64', 'rbassist', 'rbassist'));
    bytes[bytes.length >> 1] ^= 0xff;
    const check = verifyMachOSignature(bytes);
    expect(check.valid).toBe(false);
    expect(check.badPages).toHaveLength(1);
  });
});
