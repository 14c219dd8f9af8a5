import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DECODE_SINE, type DecodeFixtureFile } from '../scripts/fixtures/decodeFixture';
import { launchChromium, openApp } from './support/browser';
import { writeOpfsFiles } from './support/opfsLibrary';

const files = JSON.parse(readFileSync(inject('decodeFixturePath'), 'utf8')) as DecodeFixtureFile[];

interface Measured {
  path: string;
  ok: boolean;
  reason?: string;
  durationSec?: number;
  samples?: number;
  frequency?: number;
  rms?: number;
  windowLengths?: number[];
  windowFrequency?: number;
}

/** Decode every file through the app's real worker pool; measure pitch and level in the page. */
async function decodeAll(page: Page): Promise<Measured[]> {
  return page.evaluate(async (paths) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('decode');
    const measure = (pcm: Float32Array, sr: number) => {
      let crossings = 0;
      let sum = 0;
      for (let i = 1; i < pcm.length; i++) {
        if (pcm[i - 1] < 0 && pcm[i] >= 0) crossings++;
        sum += pcm[i] * pcm[i];
      }
      return { frequency: crossings / (pcm.length / sr), rms: Math.sqrt(sum / pcm.length) };
    };
    const decoder = (window as any).rbassist.decoder;
    return Promise.all(
      paths.map(async (path) => {
        const file = await (await dir.getFileHandle(path)).getFile();
        const whole = await decoder.decode(file, { sampleRate: 11025 });
        if (!whole.ok) return { path, ok: false, reason: whole.reason };
        const pcm: Float32Array = whole.result.pcm;
        // Skip codec priming/edges: measure the middle 4 s.
        const { frequency, rms } = measure(pcm.subarray(11025, 11025 * 5), 11025);
        const windows = await decoder.decode(file, { sampleRate: 24000, windows: [{ startSec: 1, endSec: 3 }, { startSec: 3.5, endSec: 5.5 }] });
        return {
          path, ok: true, durationSec: whole.result.durationSec, samples: pcm.length, frequency, rms,
          windowLengths: windows.ok ? windows.result.windows.map((w: Float32Array) => w.length) : [],
          windowFrequency: windows.ok ? measure(windows.result.windows[1], 24000).frequency : 0,
        };
      }),
    );
  }, files.map((f) => f.path));
}

describe('decoding in ffmpeg.wasm workers', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await openApp(await browser.newContext(), inject('baseUrl')));
    await writeOpfsFiles(page, 'decode', files);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('decodes every container to the known signal, and fails bad files with a reason while the rest succeed', async () => {
    const results = await decodeAll(page);
    for (const file of files) {
      const result = results.find((r) => r.path === file.path)!;
      if (file.fails) {
        expect(result.ok, file.path).toBe(false);
        expect(result.reason, file.path).toContain(file.fails);
        continue;
      }
      expect(result.ok, `${file.path}: ${result.reason}`).toBe(true);
      expect(result.durationSec!, file.path).toBeGreaterThan(DECODE_SINE.seconds - 0.1);
      expect(result.durationSec!, file.path).toBeLessThan(DECODE_SINE.seconds + 0.1);
      expect(Math.abs(result.samples! / 11025 - DECODE_SINE.seconds), file.path).toBeLessThan(0.1);
      expect(Math.abs(result.frequency! - DECODE_SINE.frequency), file.path).toBeLessThan(3);
      expect(Math.abs(result.rms! - DECODE_SINE.amplitude / Math.SQRT2), file.path).toBeLessThan(0.02);
      expect(result.windowLengths, file.path).toEqual([48000, 48000]);
      expect(Math.abs(result.windowFrequency! - DECODE_SINE.frequency), file.path).toBeLessThan(3);
    }
  });
});
