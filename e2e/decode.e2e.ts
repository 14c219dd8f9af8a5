import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AudioCodec } from 'mediabunny';
import { DECODE_SINE, type DecodeFixtureFile } from '../scripts/fixtures/decodeFixture';
import { prefersWebCodecs } from '../workers/webcodecs/decoderChoice';
import { encodedTracks, type DecodeFormat } from './bench/decodeCorpus';
import { launchChromium, openApp } from './support/browser';
import { writeOpfsFiles } from './support/opfsLibrary';

const files = JSON.parse(readFileSync(inject('decodeFixturePath'), 'utf8')) as DecodeFixtureFile[];

interface Measured {
  path: string;
  ok: boolean;
  reason?: string;
  decoder?: string;
  durationSec?: number;
  samples?: number;
  frequency?: number;
  rms?: number;
  windowLengths?: number[];
  windowFrequency?: number;
}

/** Decode every file through the app's real worker pool; measure pitch and level in the page. */
async function decodeAll(page: Page): Promise<Measured[]> {
  return page.evaluate(
    async (paths) => {
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
          const pcm: Float32Array = whole.value.pcm;
          // Skip codec priming/edges: measure the middle 4 s.
          const { frequency, rms } = measure(pcm.subarray(11025, 11025 * 5), 11025);
          const windows = await decoder.decode(file, {
            sampleRate: 24000,
            windows: [
              { startSec: 1, endSec: 3 },
              { startSec: 3.5, endSec: 5.5 },
            ],
          });
          return {
            path,
            ok: true,
            decoder: whole.value.decoder,
            durationSec: whole.value.durationSec,
            samples: pcm.length,
            frequency,
            rms,
            windowLengths: windows.ok ? windows.value.windows.map((w: Float32Array) => w.length) : [],
            windowFrequency: windows.ok ? measure(windows.value.windows[1], 24000).frequency : 0,
          };
        }),
      );
    },
    files.map((f) => f.path),
  );
}

/** The codec mediabunny reports for each fixture container (AIFF: mediabunny cannot read it). */
const CODEC_OF: Record<string, AudioCodec | undefined> = { wav: 'pcm-s16', mp3: 'mp3', flac: 'flac', ogg: 'vorbis', m4a: 'aac', opus: 'opus', aiff: undefined };
const expectedDecoder = (path: string) => {
  const codec = CODEC_OF[path.split('.').pop()!];
  return codec && prefersWebCodecs(codec) ? 'webcodecs' : 'ffmpeg';
};

/** Formats mediabunny demuxes, as stereo music (the two channels differ, so the downmix is tested too). */
const MUSIC_FORMATS: DecodeFormat[] = ['mp3', 'flac', 'flac96k24', 'ogg', 'm4a', 'opus', 'wav'];

interface Agreement {
  path: string;
  /** Relative RMS difference (ffmpeg vs WebCodecs) at the file's own rate, at 11 025 Hz, and per 24 kHz window. */
  atSourceRate: number;
  at11025: number;
  windows: number[];
  lengths: { sourceRate: [number, number]; at11025: [number, number]; windows: [number, number][] };
}

/** Decode each file with both decoders forced, and compare the PCM sample by sample. */
async function compareDecoders(page: Page, folder: string, files: { path: string; rate: number }[]): Promise<Agreement[]> {
  return page.evaluate(
    async ({ folder, files }) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
      const decoder = (window as any).rbassist.decoder;
      const both = async (file: File, request: object) => {
        const outcomes = await Promise.all(['ffmpeg', 'webcodecs'].map((via) => decoder.decode(file, { ...request, decoder: via })));
        for (const o of outcomes) if (!o.ok) throw new Error(`${file.name}: ${o.reason}`);
        return outcomes.map((o) => o.value);
      };
      const relDiff = (a: Float32Array, b: Float32Array) => {
        let diff = 0;
        let power = 0;
        for (let i = 0; i < Math.min(a.length, b.length); i++) {
          diff += (a[i] - b[i]) ** 2;
          power += a[i] ** 2;
        }
        return Math.sqrt(diff / power);
      };
      const out = [];
      for (const { path, rate: sourceRate } of files) {
        const file = await (await dir.getFileHandle(path)).getFile();
        const [fs, ws] = await both(file, { sampleRate: sourceRate });
        const [f11, w11] = await both(file, { sampleRate: 11025 });
        const windows = [
          { startSec: 0.5, endSec: 3.5 },
          { startSec: 7.25, endSec: 11 },
          { startSec: 10, endSec: 13 },
        ];
        const [fw, ww] = await both(file, { sampleRate: 24000, windows });
        out.push({
          path,
          atSourceRate: relDiff(fs.pcm, ws.pcm),
          at11025: relDiff(f11.pcm, w11.pcm),
          windows: fw.windows.map((w: Float32Array, i: number) => relDiff(w, ww.windows[i])),
          lengths: {
            sourceRate: [fs.pcm.length, ws.pcm.length] as [number, number],
            at11025: [f11.pcm.length, w11.pcm.length] as [number, number],
            windows: fw.windows.map((w: Float32Array, i: number) => [w.length, ww.windows[i].length] as [number, number]),
          },
        });
      }
      return out;
    },
    { folder, files },
  );
}

describe('decoding in the decode workers (WebCodecs, ffmpeg.wasm fallback)', () => {
  let browser: Browser;
  let page: Page;
  let musicFiles: { path: string; rate: number }[];
  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await openApp(await browser.newContext(), inject('baseUrl')));
    await writeOpfsFiles(page, 'decode', files);
    // 24-bit WAV is never forced through WebCodecs: Chrome's pcm-s24 AudioDecoder crashes the page.
    const music = await encodedTracks([...MUSIC_FORMATS, 'wav24'], 1, 12);
    await writeOpfsFiles(
      page,
      'decode-music',
      music.map((t) => ({ path: t.name, base64: Buffer.from(t.bytes).toString('base64') })),
    );
    musicFiles = music.filter((t) => t.format !== 'wav24').map((t) => ({ path: t.name, rate: t.rate }));
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
      expect(result.decoder, `${file.path} decoded by`).toBe(expectedDecoder(file.path));
      expect(result.durationSec!, file.path).toBeGreaterThan(DECODE_SINE.seconds - 0.1);
      expect(result.durationSec!, file.path).toBeLessThan(DECODE_SINE.seconds + 0.1);
      expect(Math.abs(result.samples! / 11025 - DECODE_SINE.seconds), file.path).toBeLessThan(0.1);
      expect(Math.abs(result.frequency! - DECODE_SINE.frequency), file.path).toBeLessThan(3);
      expect(Math.abs(result.rms! - DECODE_SINE.amplitude / Math.SQRT2), file.path).toBeLessThan(0.02);
      expect(result.windowLengths, file.path).toEqual([48000, 48000]);
      expect(Math.abs(result.windowFrequency! - DECODE_SINE.frequency), file.path).toBeLessThan(3);
    }
  });

  it('gives the same PCM from ffmpeg.wasm and WebCodecs: identical at the source rate, within resampler differences after', async () => {
    const results = await compareDecoders(page, 'decode-music', musicFiles);
    for (const r of results) {
      const rate = musicFiles.find((f) => f.path === r.path)!.rate;
      // Same decoded samples, same timeline (priming removed alike), same stereo downmix.
      expect(r.atSourceRate, `${r.path} at its own rate`).toBeLessThan(1e-3);
      // Ogg/Opus end trimming (granule position) is not applied by WebCodecs: up to ~20 ms more at the end.
      expect(Math.abs(r.lengths.sourceRate[0] - r.lengths.sourceRate[1]), `${r.path} length`).toBeLessThanOrEqual(0.02 * rate);
      // The two resamplers differ in their filters (ffmpeg's swr lets some aliasing through near the
      // output Nyquist; rbassist's Kaiser sinc stops everything above it): about −32 dB on music.
      // A misaligned or wrongly mixed path is far worse (one sample off at 44.1 kHz ≈ −17 dB).
      expect(r.at11025, `${r.path} at 11 025 Hz`).toBeLessThan(0.05);
      r.windows.forEach((diff, i) => expect(diff, `${r.path} window ${i}`).toBeLessThan(0.05));
      for (const [a, b] of r.lengths.windows) expect(a, `${r.path} window length`).toBe(b);
    }
    expect(results.length).toBe(MUSIC_FORMATS.length);
  });

  it('names the reason when WebCodecs is forced on a file it cannot take (and auto mode falls back)', async () => {
    const outcome = await page.evaluate(async () => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('decode');
      const decoder = (window as any).rbassist.decoder;
      const decode = async (name: string, via: string) => decoder.decode(await (await dir.getFileHandle(name)).getFile(), { sampleRate: 11025, decoder: via });
      const [aiff, truncated, auto] = await Promise.all([decode('sine.aiff', 'webcodecs'), decode('truncated.mp3', 'webcodecs'), decode('sine.aiff', 'auto')]);
      const music = await (await navigator.storage.getDirectory()).getDirectoryHandle('decode-music');
      const wav24 = await decoder.decode(await (await music.getFileHandle('track1-12s-wav24.wav')).getFile(), { sampleRate: 11025 });
      return {
        aiff,
        truncated,
        auto: { ok: auto.ok, decoder: auto.value?.decoder, skipped: auto.value?.webcodecsSkipped },
        wav24: { ok: wav24.ok, decoder: wav24.value?.decoder, skipped: wav24.value?.webcodecsSkipped, samples: wav24.value?.pcm.length },
      };
    });
    expect(outcome.wav24).toEqual({ ok: true, decoder: 'ffmpeg', skipped: 'pcm-s24 is decoded with ffmpeg.wasm', samples: 12 * 11025 });
    expect(outcome.aiff.ok).toBe(false);
    expect(outcome.aiff.reason).toMatch(/^Cannot decode with WebCodecs: .*unsupported or unrecognizable format/);
    expect(outcome.truncated.ok).toBe(false);
    expect(outcome.truncated.reason).toMatch(/decoded \d\.\d s of a declared 6\.0 s/);
    expect(outcome.auto).toMatchObject({ ok: true, decoder: 'ffmpeg' });
    expect(outcome.auto.skipped).toMatch(/unsupported or unrecognizable format/);
  });
});
