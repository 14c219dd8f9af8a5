/**
 * `npm run bench:embed [-- --models builtin,mert-v1-95m,mert-v1-330m --track-seconds 300
 *                         --seconds-95m 150 --seconds-330m 30 --precisions fp32,fp16
 *                         --webgpu mert-v1-95m --webgpu-chunks 1 --webgpu-timeout 240 --json file]`
 *
 * Defaults keep the run near 10 minutes on a 2-core machine: the 95M-shaped model embeds the whole
 * 150 s profile of one track; the 330M-shaped one (≈ 4× the compute) embeds the first 30 s (6 chunks)
 * and its per-track figures are projected to 150 s (the table says so).
 *
 * Embedding speed in headless Chromium through the app's real workers, on one generated 5-minute
 * track (MP3 192k) sampled with the default club_hifi_150s profile (150 s of windows):
 *  - the analysis pass every embedder pays (11 025 Hz decode + curves + analyzers, decode worker);
 *  - builtin-dsp: its cost inside that pass (analyze with and without it) and on its own (bench page);
 *  - MERT-shaped models (seeded random weights, real 95M / 330M compute, models/mertShapedModel.ts)
 *    loaded with "Load from file" into the app's embed worker on WASM, and on WebGPU when the browser
 *    has an adapter (here SwiftShader: a CPU emulation of a GPU, reported as such and capped);
 *  - per MERT run: the batch size the tuner chose, and the split between the 24 kHz window decode
 *    (decode worker), pre-processing (chunk + normalize, timed on the same code in the bench page)
 *    and inference (the embed worker's time minus pre-processing).
 * Rates are real-time factors (seconds of audio per second) and tracks/min; the built-in embedder,
 * measured in the same run, is the baseline for the ratios.
 * @module
 */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { ConsoleMessage, Page } from 'playwright-core';
import { buildMertShapedModel, MERT_SHAPES } from '../../models/mertShapedModel';
import { planCorpus } from '../../scripts/corpus/analyzers/corpusPlan';
import { renderClip } from '../../scripts/corpus/analyzers/clip';
import { encodePcm, loadFFmpegCore } from '../../scripts/lib/ffmpegNode';
import { CLUB_HIFI_150S } from '../../src/core/sampling';
import { writeOpfsFiles } from '../support/opfsLibrary';
import { PeakMemory } from './processMemory';
import { startStaticServer } from '../support/server';
import { launchChromium, openBenchPage } from './benchPage';

type MertId = 'mert-v1-95m' | 'mert-v1-330m';
type Precision = 'fp32' | 'fp16';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}
const list = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
const MODELS = list(flag('models', 'builtin,mert-v1-95m,mert-v1-330m'));
const TRACK_SECONDS = Number(flag('track-seconds', '300'));
/** Seconds of the sampled windows each MERT model embeds (150 = the whole profile of one track). */
const MERT_SECONDS: Record<MertId, number> = { 'mert-v1-95m': Number(flag('seconds-95m', '150')), 'mert-v1-330m': Number(flag('seconds-330m', '30')) };
/** Every MERT model runs in each of these, on WASM and (where the adapter allows it) on WebGPU. */
const PRECISIONS = list(flag('precisions', 'fp32,fp16')) as Precision[];
const KNOWN_MODELS = ['mert-v1-95m', 'mert-v1-330m'];
const WEBGPU_MODELS = list(flag('webgpu', 'mert-v1-95m'));
const WEBGPU_CHUNKS = Number(flag('webgpu-chunks', '1'));
/** A WebGPU run that takes longer than this is abandoned (SwiftShader can be hopelessly slow). */
const WEBGPU_TIMEOUT_SEC = Number(flag('webgpu-timeout', '240'));
const JSON_OUT = process.argv.includes('--json') ? flag('json', '') : undefined;
const SEED = 1;

for (const m of MODELS)
  if (m !== 'builtin' && !KNOWN_MODELS.includes(m)) throw new Error(`Unknown model "${m}" in --models; choose from builtin, mert-v1-95m, mert-v1-330m`);
for (const m of WEBGPU_MODELS) if (!KNOWN_MODELS.includes(m)) throw new Error(`Unknown model "${m}" in --webgpu; choose from mert-v1-95m, mert-v1-330m`);
for (const p of PRECISIONS) if (p !== 'fp32' && p !== 'fp16') throw new Error(`--precisions takes fp32 and/or fp16, got ${p}`);
if (!(TRACK_SECONDS >= 200)) throw new Error('--track-seconds must be at least 200 so club_hifi_150s can place its 90 s main window and both 30 s tails');
for (const seconds of Object.values(MERT_SECONDS))
  if (!(seconds >= 5 && seconds <= 150))
    throw new Error(`--seconds-95m/--seconds-330m must be between 5 (one model chunk) and 150 (the whole profile), got ${seconds}`);

// ---------- inputs generated in Node ----------

/** A MERT-shaped ONNX file (seeded weights), cached under .cache/models/bench/ (same seed, same bytes). */
function mertModelFile(id: MertId, precision: Precision): string {
  const dir = resolve('.cache/models/bench');
  const path = join(dir, `${id}-shaped-seed${SEED}.${precision}.onnx`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const built = buildMertShapedModel(MERT_SHAPES[id], { precision, seed: SEED });
  writeFileSync(`${path}.tmp`, built.model);
  renameSync(`${path}.tmp`, path);
  console.log(
    `generated ${path}: ${built.parameters.toLocaleString('en')} parameters, ${(built.model.byteLength / 1e6).toFixed(0)} MB (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  return path;
}

async function generateTrack(): Promise<string> {
  const [spec] = planCorpus({ count: 1, durationSec: TRACK_SECONDS, seed: 'rbassist-bench-embed' });
  const sampleRate = 22050;
  const core = await loadFFmpegCore();
  const mp3 = await encodePcm(core, renderClip(spec, sampleRate), sampleRate, 1, 'x.mp3', ['-c:a', 'libmp3lame', '-b:a', '192k', '-ar', '44100']);
  return Buffer.from(mp3).toString('base64');
}

// ---------- page steps ----------

interface AnalysisFigures {
  durationSec: number;
  windows: { startSec: number; endSec: number }[];
  /** Medians over `repeats` runs, ms. */
  decode11kMs: number;
  analysisMs: number;
  analysisWithBuiltinMs: number;
  windowDecode24kMs: number;
  decoderUsed: string;
  windows24kBase64: string[];
  windows11kBase64: string[];
}

/** Runs the decode worker's analysis task the way the pipeline does, with and without builtin-dsp. */
async function measureAnalysisPass(page: Page, repeats: number): Promise<AnalysisFigures> {
  return page.evaluate(
    async ({ profile, repeats }) => {
      const app = (window as any).rbassist;
      const file: File = await (await (await (await navigator.storage.getDirectory()).getDirectoryHandle('bench-embed')).getFileHandle('track.mp3')).getFile();
      const request = (builtinEmbedding: boolean) => ({
        relativePath: 'bench/track.mp3',
        profile,
        cachedAnalyses: [],
        analyzers: {},
        builtinEmbedding,
        modelSampleRate: builtinEmbedding ? undefined : 24000,
      });
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const runs: { mert: any[]; builtin: any[] } = { mert: [], builtin: [] };
      let modelWindows: Float32Array[] = [];
      let windows: { startSec: number; endSec: number }[] = [];
      let durationSec = 0;
      // Warm-up: every decode worker runs both variants once (JIT), as it has after a few tracks of an ingest.
      await Promise.all(Array.from({ length: 2 * app.decoder.size }, (_, i) => app.decoder.analyze(file, request(i % 2 === 1))));
      // Alternate so drift on the shared machine hits both variants alike.
      for (let r = 0; r < repeats; r++) {
        for (const builtin of [false, true]) {
          const outcome = await app.decoder.analyze(file, request(builtin));
          if (!outcome.ok) throw new Error(`Analysing the bench track failed: ${outcome.reason}`);
          (builtin ? runs.builtin : runs.mert).push(outcome.value.timings);
          if (!builtin) modelWindows = outcome.value.modelWindows;
          windows = outcome.value.output.windows;
          durationSec = outcome.value.output.durationSec;
        }
      }
      const decoded = await app.decoder.decode(file, { sampleRate: 11025, windows });
      if (!decoded.ok) throw new Error(`Decoding the 11 kHz windows failed: ${decoded.reason}`);
      (window as any).benchWindows24k = modelWindows;
      const toBase64 = (pcm: Float32Array) => {
        const bytes = new Uint8Array(pcm.buffer, pcm.byteOffset, pcm.byteLength);
        let text = '';
        for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(text);
      };
      return {
        durationSec,
        windows: windows.map((w) => ({ startSec: w.startSec, endSec: w.endSec })),
        decode11kMs: median(runs.mert.map((t) => t.decodeMs)),
        analysisMs: median(runs.mert.map((t) => t.analyzeMs)),
        analysisWithBuiltinMs: median(runs.builtin.map((t) => t.analyzeMs)),
        windowDecode24kMs: median(runs.mert.map((t) => t.windowDecodeMs)),
        decoderUsed: decoded.value.decoder,
        windows24kBase64: modelWindows.map(toBase64),
        windows11kBase64: (decoded.value.windows as Float32Array[]).map(toBase64),
      };
    },
    { profile: CLUB_HIFI_150S, repeats },
  );
}

interface MertRun {
  modelId: MertId;
  device: 'wasm' | 'webgpu';
  precision: Precision;
  threads: number;
  adapter?: string;
  note?: string;
  /** "Load from file": copy into OPFS, open, validate (WASM) — or open the installed file (WebGPU). */
  openMs: number;
  /** First session.run on one 5 s chunk (allocation, shader compilation on WebGPU). */
  warmUpMs: number;
  audioSec: number;
  /** The embed worker's time for the track (pre-processing + inference + pooling). */
  workerMs: number;
  batchSize: number;
  peakRssBytes: number;
  /** Vector of the first 5 s chunk: WebGPU and WASM runs of one model must agree on it. */
  probe: number[];
  /** Browser warnings and errors during the run (WebGPU validation errors land here). */
  consoleMessages: string[];
}

/**
 * Why a run's output cannot be trusted, if it cannot: every embedding is a finite unit vector, and
 * a WebGPU run must agree with the WASM run of the same model on the same chunk (as the e2e test
 * asks of the tiny model). A kernel the GPU refused to run leaves zeros behind, and zeros are fast.
 */
function invalidOutput(run: MertRun, all: readonly MertRun[]): string | null {
  if (!run.probe.every(Number.isFinite)) return 'the vector has NaN/Inf values';
  const norm = Math.hypot(...run.probe);
  if (Math.abs(norm - 1) > 1e-3) return `the vector has length ${norm.toFixed(3)}, not 1`;
  const wasm = run.device === 'webgpu' ? all.find((r) => r.modelId === run.modelId && r.precision === run.precision && r.device === 'wasm') : undefined;
  if (wasm && cosine(run.probe, wasm.probe) < 0.99) return `it disagrees with WASM (cosine ${cosine(run.probe, wasm.probe).toFixed(3)})`;
  return null;
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

async function runMert(
  page: Page,
  options: { modelId: MertId; precision: Precision; device: 'wasm' | 'webgpu'; audioSec: number; modelPath?: string },
): Promise<MertRun> {
  if (options.modelPath) {
    // The DJ's "Load from file": a real file input, so the browser reads the file from disk itself.
    await page.evaluate(() => {
      if (document.getElementById('bench-model-file')) return;
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'bench-model-file';
      input.hidden = true;
      document.body.append(input);
    });
    await page.setInputFiles('#bench-model-file', options.modelPath);
  }
  const memory = new PeakMemory();
  const messages: string[] = [];
  const listen = (msg: ConsoleMessage) => {
    if (msg.type() === 'error' || msg.type() === 'warning') messages.push(msg.text().slice(0, 300));
  };
  page.on('console', listen);
  memory.start();
  try {
    const figures = await page.evaluate(
      async ({ modelId, precision, device, audioSec, importing }) => {
        const app = (window as any).rbassist;
        /** The first `seconds` of the sampled 24 kHz windows (whole windows first, then part of the next). */
        const cut = (seconds: number) => {
          const out: Float32Array[] = [];
          let left = Math.round(seconds * 24000);
          for (const w of (window as any).benchWindows24k as Float32Array[]) {
            if (left <= 0) break;
            out.push(w.subarray(0, Math.min(w.length, left)));
            left -= w.length;
          }
          return out;
        };
        let t0 = performance.now();
        const setup = importing
          ? await app.embedder.importFiles(modelId, precision, (document.getElementById('bench-model-file') as HTMLInputElement).files![0], undefined, device)
          : await app.embedder.use(modelId, device, precision);
        const openMs = performance.now() - t0;
        t0 = performance.now();
        const probe = await app.embedder.embed(cut(5), 24000);
        const warmUpMs = performance.now() - t0;
        const windows = cut(audioSec);
        const run = await app.embedder.embed(windows, 24000);
        const samples = windows.reduce((n: number, w: Float32Array) => n + w.length, 0);
        return {
          setup,
          openMs,
          warmUpMs,
          workerMs: run.ms,
          batchSize: run.batchSize,
          audioSec: samples / 24000,
          probe: Array.from(probe.vector as Float32Array),
        };
      },
      { ...options, importing: !!options.modelPath },
    );
    const { setup } = figures;
    return {
      modelId: options.modelId,
      device: setup.device,
      precision: setup.precision,
      threads: setup.threads,
      adapter: setup.adapter,
      note: setup.note,
      openMs: figures.openMs,
      warmUpMs: figures.warmUpMs,
      audioSec: figures.audioSec,
      workerMs: figures.workerMs,
      batchSize: figures.batchSize,
      peakRssBytes: memory.stop(),
      probe: figures.probe,
      consoleMessages: messages,
    };
  } finally {
    memory.stop();
    page.off('console', listen);
  }
}

function withTimeout<T>(promise: Promise<T>, seconds: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} took longer than ${seconds} s`)), seconds * 1000)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// ---------- run ----------

const loadAtStart = loadavg();
const mertIds = MODELS.filter((m): m is MertId => m !== 'builtin');
const modelPaths = new Map<string, string>(mertIds.flatMap((id) => PRECISIONS.map((p) => [`${id}.${p}`, mertModelFile(id, p)] as const)));
console.log(`Generating a ${TRACK_SECONDS} s track (mp3 192k)…`);
const trackBase64 = await generateTrack();

if (!existsSync('dist/index.html')) execSync('npx vite build', { stdio: 'inherit' });
// A private copy of the built app: a rebuild of dist/ during the run (the tree is shared) must not
// swap assets under the page.
const APP_COPY = '.cache/bench-app-dist';
rmSync(APP_COPY, { recursive: true, force: true });
cpSync('dist', APP_COPY, { recursive: true });
const browser = await launchChromium();
const appServer = await startStaticServer(APP_COPY);
const bench = await openBenchPage(browser);
const report: Record<string, unknown> = {};
try {
  // No service worker: its update-and-reload would navigate the page in the middle of a measurement.
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript('globalThis.__name = (f) => f');
  const page = await context.newPage();
  await page.goto(appServer.url);
  await page.waitForFunction(() => 'rbassist' in window);
  const env = await page.evaluate(async () => ({
    isolated: crossOriginIsolated,
    cores: navigator.hardwareConcurrency,
    quotaBytes: (await navigator.storage.estimate()).quota ?? 0,
    adapter: await (async () => {
      const gpu = (navigator as any).gpu;
      const adapter = gpu ? await gpu.requestAdapter() : null;
      return adapter ? [adapter.info?.vendor, adapter.info?.architecture, adapter.info?.description].filter(Boolean).join(' ') || 'unnamed adapter' : null;
    })(),
    f16: !!(await (navigator as any).gpu?.requestAdapter())?.features.has('shader-f16'),
  }));
  await writeOpfsFiles(page, 'bench-embed', [{ path: 'track.mp3', base64: trackBase64 }]);

  console.log('Analysis pass (warm-up, then 3 runs each with and without builtin-dsp)…');
  const analysis = await measureAnalysisPass(page, 3);
  const windowSec = analysis.windows.reduce((s, w) => s + (w.endSec - w.startSec), 0);
  const builtinAlone = await bench.page.evaluate(({ w }) => (window as any).rbassistBench.embedPrep.builtin(w, 11025), { w: analysis.windows11kBase64 });
  const builtinInPassMs = Math.max(0, analysis.analysisWithBuiltinMs - analysis.analysisMs);

  const runs: MertRun[] = [];
  const skipped: string[] = [];
  for (const modelId of mertIds)
    for (const precision of PRECISIONS) {
      console.log(`${modelId} (${precision}) on WASM, ${MERT_SECONDS[modelId]} s of windows…`);
      // One model at a time: the app keeps the previous model's worker until the next one has opened
      // (a rejected model must not leave the DJ with none), which would add its memory to this run's
      // peak; and OPFS holds only this model's file, as the browser's quota is finite.
      await page.evaluate(async () => {
        (window as any).rbassist.embedder.terminate();
        await (await navigator.storage.getDirectory()).removeEntry('models', { recursive: true }).catch(() => undefined);
      });
      try {
        runs.push(
          await runMert(page, { modelId, precision, device: 'wasm', audioSec: MERT_SECONDS[modelId], modelPath: modelPaths.get(`${modelId}.${precision}`) }),
        );
      } catch (error) {
        skipped.push(`${modelId} ${precision} on WASM failed: ${(error as Error).message.split('\n')[0]}`);
        continue;
      }
      if (!WEBGPU_MODELS.includes(modelId) || WEBGPU_CHUNKS <= 0) continue;
      if (!env.adapter) {
        skipped.push(`${modelId} ${precision} on WebGPU: this browser has no WebGPU adapter`);
        continue;
      }
      if (precision === 'fp16' && !env.f16) {
        skipped.push(`${modelId} fp16 on WebGPU: the adapter (${env.adapter}) has no shader-f16`);
        continue;
      }
      console.log(`${modelId} (${precision}) on WebGPU (${env.adapter}), ${WEBGPU_CHUNKS} chunk(s), at most ${WEBGPU_TIMEOUT_SEC} s…`);
      const gpuRun = runMert(page, { modelId, precision, device: 'webgpu', audioSec: 5 * WEBGPU_CHUNKS });
      gpuRun.catch(() => undefined); // may still be pending when the browser closes after a timeout
      try {
        runs.push(await withTimeout(gpuRun, WEBGPU_TIMEOUT_SEC, `${modelId} ${precision} on WebGPU`));
      } catch (error) {
        skipped.push(`${modelId} ${precision} on WebGPU: ${(error as Error).message.split('\n')[0]}`);
        // Stop the runaway worker so the next model is measured on an idle machine.
        await page.evaluate(() => (window as any).rbassist.embedder.terminate());
      }
    }

  // Pre-processing (chunk + normalize) of the same windows, same code as the embed worker, per batch size seen.
  const prep = new Map<number, { ms: number; chunks: number }>();
  for (const size of new Set([1, ...runs.map((r) => r.batchSize)])) {
    prep.set(
      size,
      await bench.page.evaluate(({ w, size }) => (window as any).rbassistBench.embedPrep.preprocess(w, size), { w: analysis.windows24kBase64, size }),
    );
  }

  // ---------- report ----------
  const s = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const passMs = analysis.decode11kMs + analysis.analysisMs;
  const profileSec = windowSec;
  // The warm stand-alone median is the steadier figure; the in-pass difference is printed as a cross-check.
  const builtinTrackMs = builtinAlone.ms;
  console.log(
    `\nEmbedding benchmark — load average at start ${loadAtStart.map((l) => l.toFixed(1)).join(' ')}, at end ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (2-core machine shared with other work)`,
  );
  console.log(`Chromium ${env.isolated ? 'cross-origin isolated' : 'NOT isolated'}, ${env.cores} logical cores, WebGPU adapter: ${env.adapter ?? 'none'}`);
  console.log(
    `track: ${analysis.durationSec.toFixed(0)} s MP3 192k (decoded by ${analysis.decoderUsed}); club_hifi_150s windows: ${analysis.windows.map((w) => `${w.startSec.toFixed(1)}–${w.endSec.toFixed(1)} s`).join(', ')} = ${profileSec.toFixed(0)} s`,
  );
  console.log(
    `\nAnalysis pass every embedder pays (decode worker, median of 3): decode 11 kHz ${s(analysis.decode11kMs)} s + curves/analyzers ${s(analysis.analysisMs)} s = ${s(passMs)} s per track`,
  );
  console.log(
    `builtin-dsp inside that pass: +${s(builtinInPassMs)} s (analyse with − without); on its own over the 11 kHz windows: ${s(builtinAlone.ms)} s (bench page, median of 3)`,
  );

  console.log(
    '\n| embedder | device | precision | batch (tuned) | audio embedded | 24 kHz window decode | pre-processing | inference | embedding s/track (150 s) | real-time factor | tracks/min (embedding) | tracks/min (with analysis pass) | time × builtin-dsp |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  const builtinRtf = profileSec / (builtinTrackMs / 1000);
  console.log(
    `| builtin-dsp (baseline) | CPU (decode worker) | fp64/fp32 JS | – | ${profileSec.toFixed(0)} s | – (uses the 11 kHz pass) | – | ${s(builtinTrackMs)} s | ${s(builtinTrackMs)} s | ${builtinRtf.toFixed(0)}× | ${(60_000 / builtinTrackMs).toFixed(0)} | ${(60_000 / (passMs + builtinTrackMs)).toFixed(1)} | 1× |`,
  );
  const rows = runs.map((run) => {
    const scale = profileSec / run.audioSec; // projected to the whole 150 s profile when fewer seconds were embedded
    const prepMs = (prep.get(run.batchSize) ?? prep.get(1)!).ms * (run.audioSec / profileSec);
    const inferenceMs = Math.max(0, run.workerMs - prepMs);
    const embedTrackMs = analysis.windowDecode24kMs + run.workerMs * scale;
    const rtf = profileSec / (embedTrackMs / 1000);
    const label =
      run.device === 'webgpu'
        ? `WebGPU (${run.adapter ?? 'adapter'}${/swiftshader/i.test(run.adapter ?? env.adapter ?? '') ? ' — CPU emulation, not a GPU' : ''})`
        : `WASM ${run.threads} thread${run.threads === 1 ? '' : 's'}`;
    const projected = scale > 1.001 ? ` (measured on ${run.audioSec.toFixed(0)} s, ×${scale.toFixed(1)})` : '';
    const problem = invalidOutput(run, runs);
    if (problem) {
      console.log(
        `| ${run.modelId}-shaped | ${label} | ${run.precision} | ${run.batchSize} | ${run.audioSec.toFixed(0)} s | INVALID: ${problem}, so the time is not of a real computation (see the browser messages below) | | | | | | | |`,
      );
      return { ...run, prepMs, inferenceMs, scale, embedTrackMs, rtf, valid: false };
    }
    console.log(
      `| ${run.modelId}-shaped | ${label} | ${run.precision} | ${run.batchSize} | ${run.audioSec.toFixed(0)} s | ${s(analysis.windowDecode24kMs)} s | ${s(prepMs * scale)} s | ${s(inferenceMs * scale)} s${projected} | ${s(embedTrackMs)} s | ${rtf.toFixed(2)}× | ${(60_000 / embedTrackMs).toFixed(2)} | ${(60_000 / (passMs + embedTrackMs)).toFixed(2)} | ${(embedTrackMs / builtinTrackMs).toFixed(0)}× |`,
    );
    return { ...run, prepMs, inferenceMs, scale, embedTrackMs, rtf, valid: true };
  });
  for (const row of rows) {
    const wasm = row.device === 'webgpu' ? rows.find((r) => r.modelId === row.modelId && r.precision === row.precision && r.device === 'wasm') : undefined;
    const agreement = wasm ? `; vector of the first chunk vs WASM: cosine ${cosine(row.probe, wasm.probe).toFixed(5)}` : '';
    const problem = invalidOutput(row, rows);
    const finite = problem ? ` — INVALID OUTPUT (${problem})` : '';
    console.log(
      `${row.modelId} ${row.precision} ${row.device}: open ${s(row.openMs)} s, first 5 s chunk ${s(row.warmUpMs)} s, peak browser RSS ${mb(row.peakRssBytes)}${agreement}${finite}${row.note ? `; note: ${row.note}` : ''}`,
    );
    const shown = row.consoleMessages.slice(0, 3);
    if (shown.length) console.log(`  browser messages (${row.consoleMessages.length}): ${shown.join(' | ')}`);
  }
  for (const line of skipped) console.log(`skipped: ${line}`);
  console.log(
    `OPFS quota ${mb(env.quotaBytes)}. Pre-processing (chunk + normalise, bench page) per 150 s: ${[...prep].map(([b, p]) => `batch ${b}: ${p.ms.toFixed(1)} ms for ${p.chunks} chunks`).join('; ')}`,
  );
  Object.assign(report, {
    env,
    analysis: { ...analysis, windows24kBase64: undefined, windows11kBase64: undefined },
    builtinInPassMs,
    builtinAloneMs: builtinAlone.ms,
    rows: rows.map((r) => ({ ...r, probe: undefined })),
    skipped,
    prep: Object.fromEntries(prep),
  });
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(report, null, 2));
} finally {
  await browser.close();
  appServer.stop();
  bench.stop();
}
