import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openApp, screenshot } from './support/browser';

describe('installable, offline-capable app', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('has a valid web app manifest with installable icons', async () => {
    const context = await browser.newContext();
    const { page } = await openApp(context, inject('baseUrl'));
    const href = await page.getAttribute('link[rel=manifest]', 'href');
    expect(href).toBeTruthy();
    const manifest = await page.evaluate(async (href) => (await fetch(href!)).json(), href);
    expect(manifest).toMatchObject({ name: expect.stringContaining('rbassist'), display: 'standalone', start_url: '.' });
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons) {
      const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
      expect(status).toBe(200);
    }
    await context.close();
  });

  it('allows no network calls except to the app itself (Content-Security-Policy)', async () => {
    const context = await browser.newContext();
    const { page } = await openApp(context, inject('baseUrl'));
    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      // The report is an event queued after the refusal: wait for it rather than for a guessed delay.
      const reported = new Promise<void>((resolve) =>
        document.addEventListener('securitypolicyviolation', (e) => {
          violations.push(e.violatedDirective);
          resolve();
        }),
      );
      const blocked = await fetch('https://telemetry.example.com/collect').then(
        () => 'sent',
        () => 'blocked',
      );
      const own = (await fetch('/manifest.webmanifest')).status;
      await reported;
      return { blocked, own, violations };
    });
    expect(outcome).toEqual({ blocked: 'blocked', own: 200, violations: ['connect-src'] });
    await context.close();
  });

  it('loads and works with the network off after the first visit', async () => {
    const context = await browser.newContext();
    const { page } = await openApp(context, inject('baseUrl'));
    // The service worker has installed (precached everything) and controls the page.
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
    });
    await context.setOffline(true);
    await page.reload();
    await page.waitForSelector('text=Choose music folder');
    expect(await page.evaluate(() => 'rbassist' in window)).toBe(true);
    // Cross-origin isolation survives the service worker (multi-threaded WASM needs it offline too).
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    // ffmpeg.wasm (the built-in path) comes from the precache, not the network.
    const ortFiles = ['/vendor/ort/ort-wasm-simd-threaded.wasm', '/vendor/ort/ort-wasm-simd-threaded.asyncify.wasm'];
    const sizes = (urls: string[]) =>
      page.evaluate(async (urls) => {
        const out: Record<string, number> = {};
        for (const url of urls) {
          const response = await fetch(url).catch(() => null);
          out[url] = response?.ok ? (await response.arrayBuffer()).byteLength : -(response?.status ?? 1);
        }
        return out;
      }, urls);
    expect((await sizes(['/vendor/ffmpeg/ffmpeg-core.wasm']))['/vendor/ffmpeg/ffmpeg-core.wasm']).toBeGreaterThan(1_000_000);
    // The ONNX runtime is not downloaded on the first visit: only users of an ONNX model need it.
    const precached = await page.evaluate(async () => {
      let bytes = 0;
      const urls: string[] = [];
      for (const name of await caches.keys()) {
        if (!name.includes('precache')) continue;
        const cache = await caches.open(name);
        for (const request of await cache.keys()) {
          urls.push(new URL(request.url).pathname);
          bytes += (await (await cache.match(request))!.arrayBuffer()).byteLength;
        }
      }
      return { urls, bytes };
    });
    console.log(`first visit precaches ${precached.urls.length} files, ${(precached.bytes / 1e6).toFixed(1)} MB`);
    expect(precached.urls.filter((url) => url.includes('/vendor/ort/'))).toEqual([]);
    for (const size of Object.values(await sizes(ortFiles))) expect(size).toBeLessThan(0);
    await screenshot(page, 'offline-reload');

    // Choosing an ONNX model fetches the runtime once; from then on it works offline too.
    await context.setOffline(false);
    expect(await page.evaluate(() => (window as any).rbassist.onnxRuntime.keepOffline())).toBeGreaterThan(2);
    await context.setOffline(true);
    await page.reload();
    await page.waitForFunction(() => 'rbassist' in window);
    for (const [url, size] of Object.entries(await sizes(ortFiles))) expect(size, url).toBeGreaterThan(1_000_000);
    await context.close();
  });
});
