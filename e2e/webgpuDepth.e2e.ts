import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { FixtureFile } from '../scripts/fixtures/libraryFixture';
import { launchChromium, openApp } from './support/browser';
import { cosine, embedProbe, importModel } from './support/embedProbe';
import { connectOpfsFolder, writeOpfsFiles } from './support/opfsLibrary';

/**
 * MERT at full depth on WebGPU (model contract 2). CI's adapter is SwiftShader (Chrome's software
 * WebGPU); the models are narrow (hidden 64) so this stays fast, but have the real models' depth:
 * 12 layers / 13 hidden states (MERT-v1-95M) and 24 layers / 25 hidden states (MERT-v1-330M).
 */
const depthModels = inject('depthModelPaths');
const base64Of = (id: string, precision: 'fp32' | 'fp16') => readFileSync(depthModels[id][precision]).toString('base64');
const fixture = JSON.parse(readFileSync(inject('libraryFixturePath'), 'utf8')) as { files: FixtureFile[] };
const readable = fixture.files.filter((f) => !f.skipped && f.expect?.state === 'ok');

/** SwiftShader compiles every WebGPU kernel on the CPU: minutes on a busy 2-core machine. */
const SLOW = 600_000;

const progress = (page: Page) => page.evaluate(() => (window as any).rbassist.ingest.progress.get());

describe('full-depth MERT-shaped models on WebGPU', () => {
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await openApp(await browser.newContext(), inject('baseUrl')));
    page.on('pageerror', (e) => errors.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
  });

  for (const [id, states] of [
    ['test-mert-95m-depth', 13],
    ['test-mert-330m-depth', 25],
  ] as const) {
    it(
      `${id} (${states} hidden states): the same vector on WebGPU as on WASM`,
      async () => {
        const wasm = await importModel(page, id, 'fp32', base64Of(id, 'fp32'), `${id}.fp32.onnx`, 'wasm');
        expect(wasm.ok, wasm.message).toBe(true);
        expect(wasm.setup).toMatchObject({ modelId: id, device: 'wasm', precision: 'fp32' });
        const onCpu = await embedProbe(page);

        const gpu = await page.evaluate((id) => (window as any).rbassist.embedder.use(id, 'webgpu', 'fp32'), id);
        // Reported as WebGPU only when the whole graph runs there (no CPU fallback of any node).
        expect(gpu).toMatchObject({ modelId: id, device: 'webgpu', precision: 'fp32' });
        expect(gpu.note).toBeUndefined();
        expect(gpu.adapter).toMatch(/swiftshader/i);
        expect(gpu.maxBatch).toBeGreaterThanOrEqual(1);
        const onGpu = await embedProbe(page);
        expect(onGpu).toHaveLength(256);
        expect(Math.hypot(...onGpu)).toBeCloseTo(1, 4);
        expect(cosine(onGpu, onCpu)).toBeGreaterThanOrEqual(0.999);
      },
      SLOW,
    );
  }

  it('fp16 runs on WebGPU when the adapter has shader-f16, and is refused with a reason when it has not', async () => {
    const id = 'test-mert-330m-depth';
    const hasF16 = await page.evaluate(async () => !!(await (navigator as any).gpu?.requestAdapter())?.features.has('shader-f16'));
    const fp16 = await importModel(page, id, 'fp16', base64Of(id, 'fp16'), `${id}.fp16.onnx`, 'webgpu');
    if (hasF16) {
      expect(fp16.ok, fp16.message).toBe(true);
      expect(fp16.setup).toMatchObject({ device: 'webgpu', precision: 'fp16' });
    } else {
      expect(fp16.ok).toBe(false);
      expect(fp16.message).toMatch(/no shader-f16 support: choose the fp32 file, or WASM/);
      // the model in use is untouched
      expect(await page.evaluate(() => (window as any).rbassist.embedder.store.get().setup)).toMatchObject({
        modelId: id,
        device: 'webgpu',
        precision: 'fp32',
      });
    }
  });

  it(
    'ingests the generated folder with the 95M-depth model on WebGPU: a finite unit vector for every track, device shown in the ingest bar',
    async () => {
      const id = 'test-mert-95m-depth';
      await page.evaluate((id) => (window as any).rbassist.embedder.use(id, 'webgpu', 'fp32'), id);
      await writeOpfsFiles(page, 'music', fixture.files);
      await connectOpfsFolder(page, 'music');
      await expect
        .poll(() => page.evaluate(() => (window as any).rbassist.vectors.lastOpen?.kind && (window as any).rbassist.embedder.store.get().modelId))
        .toBe(id);
      await expect.poll(async () => (await progress(page)).total).toBe(readable.length);
      await expect.poll(() => page.getByTestId('ingest-device').textContent()).toMatch(/test-mert-95m-depth on WebGPU \(.*swiftshader.*\), fp32/i);

      await page.evaluate(() => void (window as any).rbassist.ingest.start());
      await expect.poll(async () => (await progress(page)).status, { timeout: SLOW, interval: 500 }).toBe('idle');
      const outcome = await page.evaluate(async (id) => {
        const app = (window as any).rbassist;
        const jobs = await app.db.jobs.toArray();
        const rows = await app.db.embeddings.where('modelId').equals(id).toArray();
        const norms: number[] = [];
        for (const r of rows) {
          const v: Float32Array = await app.vectors.worker.run((api: any) => api.vector(r.row));
          norms.push(v.every(Number.isFinite) ? Math.hypot(...v) : Number.NaN);
        }
        return {
          states: jobs.map((j: { state: string; error?: string }) => j.state + (j.error ? `: ${j.error}` : '')),
          norms,
          device: app.embedder.store.get().setup.device,
        };
      }, id);
      expect(outcome.states, JSON.stringify(outcome)).toEqual(outcome.states.map(() => 'indexed'));
      expect(outcome.norms).toHaveLength(readable.length);
      for (const norm of outcome.norms) expect(norm).toBeCloseTo(1, 4);
      expect(outcome.device).toBe('webgpu');
    },
    SLOW,
  );

  it(
    'a lost GPU device: the embed worker is replaced and the track retried',
    async () => {
      const before = await embedProbe(page);
      const restarts = await page.evaluate(() => (window as any).rbassist.embedder.restarts);
      // Destroy the embed worker's GPUDevice, as a driver reset would.
      expect(await page.evaluate(() => (window as any).rbassist.embedder.worker.run((api: any) => api.loseGpuDevice()))).toBe(true);
      const after = await embedProbe(page);
      expect(await page.evaluate(() => (window as any).rbassist.embedder.restarts)).toBe(restarts + 1);
      expect(await page.evaluate(() => (window as any).rbassist.embedder.store.get().setup)).toMatchObject({ device: 'webgpu' });
      expect(cosine(after, before)).toBeGreaterThan(0.99999);
    },
    SLOW,
  );

  it('logged no page errors', () => {
    expect(errors).toEqual([]);
  });
});
