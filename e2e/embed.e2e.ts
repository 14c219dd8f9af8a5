import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, openApp } from './support/browser';
import { cosine, embedProbe, importModel } from './support/embedProbe';

const modelBase64 = readFileSync(inject('tinyModelPath')).toString('base64');

const importTiny = (page: Page, base64: string, name: string, device: string) => importModel(page, 'test-mert-tiny', 'fp32', base64, name, device);

describe('MERT-contract embeddings with onnxruntime-web', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await openApp(await browser.newContext(), inject('baseUrl')));
  });
  afterAll(async () => {
    await browser?.close();
  });

  let wasmVector: number[];
  let gpuVector: number[];

  it('loads the model from a file into OPFS and embeds on WASM, the same vector every time', async () => {
    const result = await importTiny(page, modelBase64, 'mert-shaped-tiny-fp32.onnx', 'wasm');
    expect(result.ok, result.message).toBe(true);
    expect(result.setup).toMatchObject({ modelId: 'test-mert-tiny', device: 'wasm', precision: 'fp32' });
    expect(result.setup.threads).toBeGreaterThanOrEqual(1);
    wasmVector = await embedProbe(page);
    expect(wasmVector).toHaveLength(256);
    expect(Math.hypot(...wasmVector)).toBeCloseTo(1, 4);
    expect(await embedProbe(page)).toEqual(wasmVector);
  });

  it('embeds on WebGPU (SwiftShader adapter) and agrees with WASM', async () => {
    const setup = await page.evaluate(() => (window as any).rbassist.embedder.use('test-mert-tiny', 'webgpu', 'fp32'));
    expect(setup.device).toBe('webgpu');
    gpuVector = await embedProbe(page);
    expect(cosine(gpuVector, wasmVector)).toBeGreaterThanOrEqual(0.999);
    // Tracks in flight ask for embeddings at the same time. Entering onnxruntime's WebGPU build while
    // a run is suspended in it never returned (the ingest stall): the worker takes them in turn.
    const concurrent = await page.evaluate(async () => {
      const pcm = (hz: number) => Float32Array.from({ length: 120_000 }, (_, i) => 0.4 * Math.sin((2 * Math.PI * hz * i) / 24000));
      // One task of the embed worker's host sends all its calls at once: the worker must take them in turn.
      const host = (window as any).rbassist.embedder.worker;
      const embedAtOnce = (hzs: number[]): Promise<number[][]> =>
        host.run((api: any) => Promise.all(hzs.map(async (hz) => Array.from((await api.embed([pcm(hz)], 24000)).vector as Float32Array))));
      const together = await embedAtOnce([220, 330, 440]);
      return { together, alone: [...(await embedAtOnce([220])), ...(await embedAtOnce([330])), ...(await embedAtOnce([440]))] };
    });
    for (const [i, vector] of concurrent.together.entries()) expect(cosine(vector, concurrent.alone[i])).toBeGreaterThan(0.99999);
  });

  it('refuses a corrupt model with a clear message and keeps the previous one in use', async () => {
    const truncated = Buffer.from(modelBase64, 'base64').subarray(0, 100_000).toString('base64');
    const corrupt = await importTiny(page, truncated, 'mert-shaped-tiny-fp32.onnx', 'wasm');
    expect(corrupt.ok).toBe(false);
    expect(corrupt.message).toMatch(/mert-shaped-tiny-fp32\.onnx.*(not a loadable ONNX model|truncated|corrupt)/);
    const notOnnx = await importTiny(page, Buffer.from('not a model at all').toString('base64'), 'readme.onnx', 'wasm');
    expect(notOnnx.ok).toBe(false);
    expect(notOnnx.message).toMatch(/not a loadable ONNX model/);
    expect(await page.evaluate(() => (window as any).rbassist.embedder.store.get().setup)).toMatchObject({ modelId: 'test-mert-tiny', device: 'webgpu' });
    expect(cosine(await embedProbe(page), gpuVector)).toBeGreaterThan(0.99999);
    // The installed file is still the good one: reopening it works.
    const reopened = await page.evaluate(() => (window as any).rbassist.embedder.use('test-mert-tiny', 'wasm', 'fp32'));
    expect(reopened.device).toBe('wasm');
    expect(cosine(await embedProbe(page), wasmVector)).toBeGreaterThan(0.99999);
  });
});
