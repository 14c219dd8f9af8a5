/**
 * `npm run bench:decode [-- --tracks 2 --seconds 180 --formats mp3,flac]`: decode speed of the app's
 * real decode worker pool in headless Chromium, ffmpeg.wasm (the baseline, measured in the same run)
 * against WebCodecs (mediabunny + native AudioDecoder + TS resampling), on generated stereo music
 * (44.1 kHz, encoded like DJ files) stored in OPFS:
 *  - whole tracks at 11 025 Hz, one at a time (one worker busy) and all at once (every worker busy);
 *  - sampling windows at 24 000 Hz (10–100 s plus two 30 s tails, like club_hifi_150s), one at a time;
 *  - peak memory of the page's renderer process (page + workers + WASM heaps) per phase;
 *  - how closely the two paths' PCM agree.
 * Speeds are real-time factors: seconds of audio decoded per second of wall time.
 * @module
 */
import { execSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import type { DecodeRequest, DecoderPreference, TimeWindow } from '../../src/core/decode/ffmpegDecode';
import { resample } from '../../src/core/decode/resample';
import { launchChromium } from '../support/browser';
import { startStaticServer } from '../support/server';
import { DECODE_FORMATS, encodedTracks, renderStereoMusic, type DecodeFormat, type EncodedTrack } from './decodeCorpus';

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const TRACKS = Number(arg('tracks', '2'));
const SECONDS = Number(arg('seconds', '180'));
const FORMATS = arg('formats', 'mp3,flac').split(',') as DecodeFormat[];
/** Each phase runs this many times, alternating the two paths; the best run counts (the machine is shared). */
const ROUNDS = Number(arg('rounds', '2'));
for (const format of FORMATS)
  if (!(format in DECODE_FORMATS)) throw new Error(`Unknown format "${format}"; choose from ${Object.keys(DECODE_FORMATS).join(', ')}`);
if (SECONDS < 150) throw new Error('--seconds must be at least 150 (the window phase samples 150 s per track)');
// WebCodecs first: its peak memory is then measured before any worker has loaded an ffmpeg core.
const PATHS: Exclude<DecoderPreference, 'auto'>[] = ['webcodecs', 'ffmpeg'];

/** club_hifi_150s-like windows: the main 90 s after a 10 s skip, a tail at 70 % and one in the last minute. */
function benchWindows(seconds: number): TimeWindow[] {
  const tail = Math.round(seconds * 0.7);
  return [
    { startSec: 10, endSec: 100 },
    { startSec: tail, endSec: tail + 30 },
    { startSec: seconds - 45, endSec: seconds - 15 },
  ];
}

// ---- peak memory of the page's renderer process (dedicated workers live in it) ----

function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      /* process ended */
    }
  }
  const found: number[] = [];
  const frontier = [root];
  while (frontier.length) {
    const pid = frontier.pop()!;
    for (const [child, parent] of parentOf) {
      if (parent === pid) {
        found.push(child);
        frontier.push(child);
      }
    }
  }
  return found;
}

function rendererPids(): number[] {
  return descendants(process.pid).filter((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmd.includes('--type=renderer') && !cmd.includes('--top-chrome-webui');
    } catch {
      return false;
    }
  });
}

/** Reset the kernel's peak-RSS counter (VmHWM) of the renderers; returns a reader of the new peak. */
function trackPeakRss(): () => number {
  const pids = rendererPids();
  for (const pid of pids) {
    try {
      writeFileSync(`/proc/${pid}/clear_refs`, '5');
    } catch {
      /* not permitted: the peak then covers the whole run */
    }
  }
  return () =>
    Math.max(
      0,
      ...pids.map((pid) => {
        try {
          return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
        } catch {
          return 0;
        }
      }),
    );
}

// ---- one measured phase in the page ----

interface PhaseResult {
  wallMs: number;
  audioSec: number;
  tasks: number;
  decoders: string[];
  failures: string[];
  pageHeapPeak: number;
  peakRss: number;
}

async function runPhase(page: Page, names: string[], audioSecPerTask: number, request: DecodeRequest, allAtOnce: boolean): Promise<PhaseResult> {
  const peakRss = trackPeakRss();
  const result = await page.evaluate(
    async ({ names, request, allAtOnce }) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('bench-decode');
      const files = await Promise.all(names.map(async (name) => (await dir.getFileHandle(name)).getFile()));
      const decoder = (window as any).rbassist.decoder;
      const heap = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
      let pageHeapPeak = heap();
      const sampler = setInterval(() => (pageHeapPeak = Math.max(pageHeapPeak, heap())), 100);
      const t0 = performance.now();
      const outcomes: any[] = [];
      if (allAtOnce) outcomes.push(...(await Promise.all(files.map((file) => decoder.decode(file, request)))));
      else for (const file of files) outcomes.push(await decoder.decode(file, request));
      const wallMs = performance.now() - t0;
      clearInterval(sampler);
      return {
        wallMs,
        decoders: outcomes.filter((o) => o.ok).map((o) => o.value.decoder as string),
        failures: outcomes.filter((o) => !o.ok).map((o) => o.reason as string),
        pageHeapPeak,
      };
    },
    { names, request, allAtOnce },
  );
  return { ...result, tasks: names.length, audioSec: audioSecPerTask * names.length, peakRss: peakRss() };
}

/** Relative RMS difference of the two paths' whole-track PCM at 11 025 Hz (first track). */
async function pathAgreement(page: Page, name: string): Promise<{ relDiff: number; lengths: [number, number] }> {
  return page.evaluate(async (name) => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('bench-decode');
    const file = await (await dir.getFileHandle(name)).getFile();
    const decoder = (window as any).rbassist.decoder;
    const [a, b] = await Promise.all(['ffmpeg', 'webcodecs'].map((via) => decoder.decode(file, { sampleRate: 11025, decoder: via })));
    if (!a.ok || !b.ok) throw new Error(`agreement check failed: ${a.reason ?? ''} ${b.reason ?? ''}`);
    const x: Float32Array = a.value.pcm;
    const y: Float32Array = b.value.pcm;
    let diff = 0;
    let power = 0;
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      diff += (x[i] - y[i]) ** 2;
      power += x[i] ** 2;
    }
    return { relDiff: Math.sqrt(diff / power), lengths: [x.length, y.length] as [number, number] };
  }, name);
}

async function writeToOpfs(page: Page, tracks: EncodedTrack[]): Promise<void> {
  await page.evaluate(
    async (names) => {
      const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('bench-decode', { create: true });
      for (const name of names) {
        const response = await fetch(`/bench-audio/${encodeURIComponent(name)}`);
        const writable = await (await dir.getFileHandle(name, { create: true })).createWritable();
        await response.body!.pipeTo(writable);
      }
    },
    tracks.map((t) => t.name),
  );
}

// ---- report ----

const rtf = (p: PhaseResult) => p.audioSec / (p.wallMs / 1000);
const fmtRtf = (p: PhaseResult) => `${rtf(p).toFixed(0).padStart(5)}× RT`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function row(label: string, base: PhaseResult, fast: PhaseResult, extra = ''): string {
  const ratio = rtf(fast) / rtf(base);
  return `  ${label.padEnd(34)} ${fmtRtf(base).padStart(12)} ${fmtRtf(fast).padStart(12)}   ${ratio.toFixed(2).padStart(5)}×${extra}`;
}

function checkPhase(label: string, path: string, phase: PhaseResult): void {
  if (phase.failures.length) throw new Error(`${label} (${path}): ${phase.failures.length} decode(s) failed: ${phase.failures[0]}`);
  if (phase.decoders.some((d) => d !== path)) {
    throw new Error(`${label}: asked for ${path} but the worker used ${phase.decoders.join(', ')} — dist/ is stale, run \`npx vite build\``);
  }
}

// ---- main ----

const resampleCost = (() => {
  const music = renderStereoMusic(30, 44100, 'rbassist-resample-bench').filter((_, i) => i % 2 === 0);
  resample(music.subarray(0, 44100), 44100, 11025);
  const t0 = performance.now();
  resample(music, 44100, 11025);
  return 30 / ((performance.now() - t0) / 1000);
})();

const tracks = await encodedTracks(FORMATS, TRACKS, SECONDS, (line) => console.log(line));
if (!existsSync('dist/index.html') || process.argv.includes('--build')) execSync('npx vite build', { stdio: 'inherit' });
const server = await startStaticServer('dist');
const browser = await launchChromium();
try {
  const context = await browser.newContext();
  // tsx (esbuild keepNames) wraps functions in __name(); the page evaluating them needs it too.
  await context.addInitScript('globalThis.__name = (f) => f');
  await context.route('**/bench-audio/*', (route) => {
    const name = decodeURIComponent(route.request().url().split('/').pop()!);
    return route.fulfill({ body: Buffer.from(tracks.find((t) => t.name === name)!.bytes), contentType: 'application/octet-stream' });
  });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'rbassist' in window);
  await writeToOpfs(page, tracks);
  const { poolSize, cores } = await page.evaluate(() => ({ poolSize: (window as any).rbassist.decoder.size as number, cores: navigator.hardwareConcurrency }));

  console.log(
    `\nDecode benchmark: ${TRACKS} track(s) × ${SECONDS} s of stereo 44.1 kHz music per format, Chromium ${browser.version()}, ${cores} cores, decode pool of ${poolSize} workers, best of ${ROUNDS} round(s)`,
  );
  console.log(`(resampler alone, 44.1 kHz → 11 025 Hz in Node: ${resampleCost.toFixed(0)}× RT)`);
  const windows = benchWindows(SECONDS);
  const windowSec = windows.reduce((s, w) => s + w.endSec - w.startSec, 0);

  for (const format of FORMATS) {
    const names = tracks.filter((t) => t.format === format).map((t) => t.name);
    const mbSize = tracks.filter((t) => t.format === format).reduce((s, t) => s + t.bytes.length, 0) / TRACKS / 1e6;
    // Every worker gets at least two tasks in the pool phase.
    const poolNames = Array.from({ length: Math.max(2, Math.ceil((2 * poolSize) / names.length)) }, () => names).flat();
    const results: Record<string, Record<string, PhaseResult>> = { ffmpeg: {}, webcodecs: {} };
    const keepBest = (path: string, label: string, phase: PhaseResult) => {
      checkPhase(`${format} ${label}`, path, phase);
      const best = results[path][label];
      // Speed: the best round. Memory: the first round (later rounds include the other path's leftovers).
      results[path][label] = !best ? phase : rtf(phase) > rtf(best) ? { ...phase, peakRss: best.peakRss, pageHeapPeak: best.pageHeapPeak } : best;
    };
    for (let round = 0; round < ROUNDS; round++) {
      for (const path of PATHS) {
        // Warm every worker (ffmpeg core compile, decoder set-up, JIT) before timing.
        if (round === 0)
          await runPhase(
            page,
            Array.from({ length: poolSize }, () => names[0]),
            0,
            { sampleRate: 11025, decoder: path, windows: [{ startSec: 0, endSec: 5 }] },
            true,
          );
        keepBest(path, 'serial', await runPhase(page, names, SECONDS, { sampleRate: 11025, decoder: path }, false));
        keepBest(path, 'pool', await runPhase(page, poolNames, SECONDS, { sampleRate: 11025, decoder: path }, true));
        keepBest(path, 'windows', await runPhase(page, names, windowSec, { sampleRate: 24000, decoder: path, windows }, false));
      }
    }
    const agreement = await pathAgreement(page, names[0]);
    const [ff, wc] = [results.ffmpeg, results.webcodecs];
    const tracksPerSec = (p: PhaseResult) => `, ${(p.tasks / (p.wallMs / 1000)).toFixed(1)} vs`;
    console.log(`\n${format} (${mbSize.toFixed(1)} MB per track)                     ffmpeg.wasm    WebCodecs   WebCodecs/ffmpeg`);
    console.log(row('whole track @ 11 025 Hz, 1 worker', ff.serial, wc.serial));
    console.log(row(`whole track @ 11 025 Hz, pool of ${poolSize}`, ff.pool, wc.pool));
    console.log(
      row(
        `windows (${windowSec} s) @ 24 kHz, 1 worker`,
        ff.windows,
        wc.windows,
        `   (tracks/s${tracksPerSec(ff.windows)} ${(wc.windows.tasks / (wc.windows.wallMs / 1000)).toFixed(1)})`,
      ),
    );
    for (const phase of ['serial', 'pool', 'windows'] as const) {
      console.log(
        `  peak renderer RSS (1st round), ${phase.padEnd(8)} ${mb(ff[phase].peakRss).padStart(12)} ${mb(wc[phase].peakRss).padStart(12)}   (page JS heap peak ${mb(ff[phase].pageHeapPeak)} / ${mb(wc[phase].pageHeapPeak)})`,
      );
    }
    console.log(
      `  PCM agreement @ 11 025 Hz: relative RMS difference ${(agreement.relDiff * 100).toFixed(2)} % (${(20 * Math.log10(agreement.relDiff)).toFixed(1)} dB), lengths ${agreement.lengths.join(' / ')}`,
    );
    if (format === 'mp3') {
      const best = Math.max(rtf(ff.serial), rtf(wc.serial));
      console.log(`  target ≥ 100× RT per worker for mp3 @ 11 025 Hz: best path ${best.toFixed(0)}× → ${best >= 100 ? 'met' : 'NOT met'}`);
    }
  }
} finally {
  await browser.close();
  server.stop();
}
