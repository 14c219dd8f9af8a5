/**
 * `npm run bench:embed:gpu [-- --models mert-v1-95m,mert-v1-330m --tracks 3 --seconds 150
 *                             --precision auto|fp16|fp32 --allow-software --swiftshader --json file]`
 *
 * MERT embedding speed on this machine's real GPU: headless Chromium on Vulkan (no display needed)
 * running the app's own embed worker — onnxruntime-web's native WebGPU execution provider — on
 * MERT-shaped models (real 95M / 330M compute, seeded weights: models/mertShapedModel.ts) in fp16
 * when the adapter has `shader-f16`. Prints the adapter's vendor and architecture and refuses a
 * software adapter (SwiftShader, llvmpipe) unless --allow-software (for trying the script itself,
 * e.g. with the narrow test models `test-mert-95m-depth`). Then, per model: the batch size the
 * tuner settled on, real-time factor and tracks/min at the 150 s profile, and the hours 50 000
 * tracks would take. One command, everything generated locally; on an H200-class GPU it finishes
 * in a few minutes (model generation included).
 * @module
 */
import { execSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildMertShapedModel, MERT_SHAPES } from '../../models/mertShapedModel';
import { startStaticServer } from '../support/server';
import { launchChromium } from '../support/browser';

function flag(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}
/** Manifest model id → generator shape. */
const SHAPE_OF = {
  'mert-v1-95m': 'mert-v1-95m',
  'mert-v1-330m': 'mert-v1-330m',
  'test-mert-95m-depth': 'depth-95m',
  'test-mert-330m-depth': 'depth-330m',
} as const;
type ModelId = keyof typeof SHAPE_OF;
const MODELS = flag('models', 'mert-v1-95m,mert-v1-330m').split(',').filter(Boolean) as ModelId[];
const TRACKS = Number(flag('tracks', '3'));
const SECONDS = Number(flag('seconds', '150'));
const PRECISION = flag('precision', 'auto');
/** Chromium's SwiftShader adapter instead of the GPU: only to try the script on a machine without one. */
const SWIFTSHADER = process.argv.includes('--swiftshader');
const ALLOW_SOFTWARE = SWIFTSHADER || process.argv.includes('--allow-software');
const JSON_OUT = process.argv.includes('--json') ? flag('json', '') : undefined;
const SOFTWARE_ADAPTER = /swiftshader|llvmpipe|lavapipe|software|basic render/i;

for (const m of MODELS) if (!(m in SHAPE_OF)) throw new Error(`Unknown model "${m}" in --models; choose from ${Object.keys(SHAPE_OF).join(', ')}`);
if (!['auto', 'fp16', 'fp32'].includes(PRECISION)) throw new Error(`--precision must be auto, fp16 or fp32, got ${PRECISION}`);
if (!(TRACKS >= 1) || !(SECONDS >= 5)) throw new Error('--tracks must be ≥ 1 and --seconds ≥ 5');

function modelFile(id: ModelId, precision: 'fp32' | 'fp16'): string {
  const dir = resolve('.cache/models/bench');
  const path = join(dir, `${id}-shaped-seed1.${precision}.onnx`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const built = buildMertShapedModel(MERT_SHAPES[SHAPE_OF[id]], { precision, seed: 1 });
  writeFileSync(`${path}.tmp`, built.model);
  renameSync(`${path}.tmp`, path);
  console.log(`generated ${path}: ${built.parameters.toLocaleString('en')} parameters, ${(built.model.byteLength / 1e6).toFixed(0)} MB`);
  return path;
}

if (!existsSync('dist/index.html')) execSync('npx vite build', { stdio: 'inherit' });
const APP_COPY = '.cache/bench-gpu-dist';
rmSync(APP_COPY, { recursive: true, force: true });
cpSync('dist', APP_COPY, { recursive: true });
const browser = await launchChromium({ gpu: !SWIFTSHADER });
const server = await startStaticServer(APP_COPY);
let failed = false;
try {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  await context.addInitScript('globalThis.__name = (f) => f');
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'rbassist' in window);
  const adapter = await page.evaluate(async () => {
    const found = await (navigator as any).gpu?.requestAdapter({ powerPreference: 'high-performance' });
    if (!found) return null;
    return {
      vendor: found.info?.vendor ?? '',
      architecture: found.info?.architecture ?? '',
      description: found.info?.description ?? '',
      f16: found.features.has('shader-f16') as boolean,
      maxBufferSize: found.limits.maxBufferSize as number,
      maxStorageBufferBindingSize: found.limits.maxStorageBufferBindingSize as number,
    };
  });
  if (!adapter) throw new Error('Chromium found no WebGPU adapter: check the GPU driver and its Vulkan ICD (vulkaninfo), and that Chromium may use Vulkan');
  const name = [adapter.vendor, adapter.architecture, adapter.description].filter(Boolean).join(' ');
  console.log(
    `WebGPU adapter: vendor "${adapter.vendor}", architecture "${adapter.architecture}"${adapter.description ? `, "${adapter.description}"` : ''}; shader-f16 ${adapter.f16 ? 'yes' : 'no'}; maxBufferSize ${(adapter.maxBufferSize / 2 ** 20).toFixed(0)} MiB, maxStorageBufferBindingSize ${(adapter.maxStorageBufferBindingSize / 2 ** 20).toFixed(0)} MiB`,
  );
  if (SOFTWARE_ADAPTER.test(name) && !ALLOW_SOFTWARE)
    throw new Error(
      `The adapter is a software renderer (${name}), not a GPU: refusing to report its figures as GPU figures (--allow-software to try the script anyway)`,
    );

  const rows: Record<string, unknown>[] = [];
  for (const modelId of MODELS) {
    const precision = PRECISION === 'auto' ? (adapter.f16 ? 'fp16' : 'fp32') : (PRECISION as 'fp16' | 'fp32');
    const path = modelFile(modelId, precision);
    await page.evaluate(() => {
      (window as any).rbassist.embedder.terminate();
      if (document.getElementById('bench-model-file')) return;
      const input = Object.assign(document.createElement('input'), { type: 'file', id: 'bench-model-file', hidden: true });
      document.body.append(input);
    });
    await page.setInputFiles('#bench-model-file', path);
    console.log(`${modelId} (${precision}): loading into the app's embed worker on WebGPU…`);
    const figures = await page.evaluate(
      async ({ modelId, precision, tracks, seconds }) => {
        const app = (window as any).rbassist;
        const t0 = performance.now();
        const setup = await app.embedder.importFiles(
          modelId,
          precision,
          (document.getElementById('bench-model-file') as HTMLInputElement).files![0],
          undefined,
          'webgpu',
        );
        const openMs = performance.now() - t0;
        // One track's sampled windows (club_hifi_150s: a 90 s main window and two 30 s ones), music-like content.
        const track = (seed: number) => {
          const lengths = seconds >= 150 ? [90, 30, 30] : [seconds];
          let state = seed;
          return lengths.map((len) => {
            const pcm = new Float32Array(len * 24_000);
            for (let i = 0; i < pcm.length; i++) {
              state = (state * 1103515245 + 12345) >>> 0;
              const t = i / 24_000;
              pcm[i] =
                0.3 * Math.sin(2 * Math.PI * (110 + seed) * t) +
                0.2 * Math.sin(2 * Math.PI * 330 * t) * (t % 0.5 < 0.05 ? 1 : 0.2) +
                0.05 * (state / 2 ** 32 - 0.5);
            }
            return pcm;
          });
        };
        const warm = await app.embedder.embed(track(1), 24_000); // shader compilation, batch tuning
        const runs: { ms: number; batchSize: number; norm: number }[] = [];
        for (let i = 0; i < tracks; i++) {
          const started = performance.now();
          const out = await app.embedder.embed(track(2 + i), 24_000);
          runs.push({ ms: performance.now() - started, batchSize: out.batchSize, norm: Math.hypot(...out.vector) });
        }
        return { setup, openMs, warmMs: warm.ms, runs };
      },
      { modelId, precision, tracks: TRACKS, seconds: SECONDS },
    );
    if (figures.setup.device !== 'webgpu') throw new Error(`${modelId} did not run on WebGPU: ${figures.setup.note ?? figures.setup.device}`);
    const audioSec = SECONDS * TRACKS;
    const totalMs = figures.runs.reduce((s, r) => s + r.ms, 0);
    const rtf = audioSec / (totalMs / 1000);
    const perMin = TRACKS / (totalMs / 60_000);
    const badNorm = figures.runs.find((r) => !(Math.abs(r.norm - 1) < 1e-3));
    if (badNorm) failed = true;
    rows.push({
      modelId,
      precision: figures.setup.precision,
      batch: figures.runs[figures.runs.length - 1].batchSize,
      maxBatch: figures.setup.maxBatch,
      openMs: figures.openMs,
      warmMs: figures.warmMs,
      rtf,
      perMin,
      hours50k: 50_000 / perMin / 60,
      valid: !badNorm,
    });
    console.log(
      `${modelId}: open ${(figures.openMs / 1000).toFixed(1)} s, first track (compile + tuning) ${(figures.warmMs / 1000).toFixed(1)} s${badNorm ? ' — INVALID OUTPUT (vector is not a unit vector)' : ''}`,
    );
  }
  console.log(`\nMERT on WebGPU — ${name}`);
  console.log(`| model shape | precision | batch (tuned / device max) | real-time factor | tracks/min (${SECONDS} s each) | 50 000 tracks |`);
  console.log('|---|---|---|---|---|---|');
  for (const r of rows as any[]) {
    console.log(
      `| ${r.modelId} | ${r.precision} | ${r.batch} / ${r.maxBatch} | ${r.rtf.toFixed(r.rtf < 10 ? 2 : 0)}× | ${r.perMin.toFixed(1)} | ${r.hours50k.toFixed(1)} h |${r.valid ? '' : ' INVALID'}`,
    );
  }
  if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify({ adapter, rows }, null, 2));
} finally {
  await browser.close();
  server.stop();
}
if (failed) process.exitCode = 1;
