import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MERT_SHAPES } from '../models/mertShapedModel';
import { encodePytorchBin, encodeSafetensors, huggingFaceConfig, randomGraphWeights, toHuggingFaceStateDict } from '../models/testCheckpoint';
import { launchChromium, openApp, screenshot } from './support/browser';

// A random-weights checkpoint in Hugging Face naming and layout, with the test-mert-tiny shape.
const config = JSON.stringify(huggingFaceConfig(MERT_SHAPES.tiny));
const stateDict = toHuggingFaceStateDict(MERT_SHAPES.tiny, randomGraphWeights(MERT_SHAPES.tiny, 21));
const safetensors = Buffer.from(encodeSafetensors(stateDict)).toString('base64');
const bin = encodePytorchBin(stateDict);
const truncatedBin = Buffer.from(bin.subarray(0, bin.length - 1000)).toString('base64');

const opfsModelFiles = (page: Page) =>
  page.evaluate(async () => {
    const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle('models', { create: true });
    const files: Record<string, number> = {};
    for await (const [name, handle] of (dir as any).entries()) if (handle.kind === 'file') files[name] = (await handle.getFile()).size;
    return files;
  });

/** Import through the app's service (the same call the Settings button makes). */
const importCheckpoint = (page: Page, modelId: string, weightsName: string, weightsBase64: string) =>
  page.evaluate(
    async ([id, configText, name, base64]) => {
      const app = (window as any).rbassist;
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      try {
        const setup = await app.embedder.importCheckpoint(id, new File([configText], 'config.json'), new File([bytes], name), 'fp32', 'wasm');
        return { ok: true, modelId: setup.modelId as string };
      } catch (error) {
        return { ok: false, message: (error as Error).message };
      }
    },
    [modelId, config, weightsName, weightsBase64] as const,
  );

describe('Import checkpoint (Hugging Face MERT files → ONNX in the browser)', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    ({ page } = await openApp(await browser.newContext(), inject('baseUrl')));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('Settings says which files to download and needs the licence accepted; a wrong checkpoint is refused and the model in use stays', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Model').selectOption('mert-v1-95m');
    const instructions = await page.textContent('[data-testid=checkpoint-instructions]');
    expect(instructions).toContain('huggingface.co/m-a-p/MERT-v1-95M');
    for (const file of ['config.json', 'model.safetensors', 'pytorch_model.bin']) expect(instructions).toContain(file);
    expect(await page.textContent('[data-testid=checkpoint-licence]')).toContain('CC-BY-NC-4.0 — non-commercial use only');
    const importButton = page.getByRole('button', { name: 'Import checkpoint' });
    expect(await importButton.isDisabled()).toBe(true);
    expect(await page.getByLabel('config.json').isDisabled()).toBe(true);
    await page.getByLabel('I accept the CC-BY-NC-4.0 licence').check();
    await page.getByLabel('config.json').setInputFiles({ name: 'config.json', mimeType: 'application/json', buffer: Buffer.from(config) });
    await page
      .getByLabel(/^Weights/)
      .setInputFiles({ name: 'model.safetensors', mimeType: 'application/octet-stream', buffer: Buffer.from(safetensors, 'base64') });
    await importButton.click();
    await expect
      .poll(() => page.textContent('.settings [role=alert]').catch(() => null), { timeout: 60_000 })
      .toContain('config.json describes a model with hidden size 64, 2 layers, but MERT-v1-95M has hidden size 768, 12 layers');
    await screenshot(page, 'checkpoint-import-refused');
    expect(await page.textContent('[data-testid=embed-status]')).toContain('In use: builtin-dsp');
    expect(Object.keys(await opfsModelFiles(page)).filter((f) => f.includes('mert-v1-95m'))).toEqual([]);
  });

  it('converts a safetensors checkpoint into the fp32, fp16 and int8 ONNX files in OPFS and uses them; a truncated .bin afterwards changes nothing', async () => {
    const imported = await importCheckpoint(page, 'test-mert-tiny', 'model.safetensors', safetensors);
    expect(imported).toEqual({ ok: true, modelId: 'test-mert-tiny' });
    const files = await opfsModelFiles(page);
    expect(files['mert-shaped-tiny-fp32.onnx']).toBeGreaterThan(300_000);
    expect(files['mert-shaped-tiny-fp16.onnx']).toBeGreaterThan(150_000);
    expect(files['mert-shaped-tiny-int8.onnx']).toBeGreaterThan(150_000);
    expect(Object.keys(files).filter((f) => f.endsWith('.incoming'))).toEqual([]);
    // On the CPU, "automatic" picks the int8 file now that it is installed; int8 never runs on WebGPU.
    const onCpu = await page.evaluate(() => (window as any).rbassist.embedder.use('test-mert-tiny', 'wasm', 'auto'));
    expect(onCpu).toMatchObject({ device: 'wasm', precision: 'int8' });
    const askedGpu = await page.evaluate(() => (window as any).rbassist.embedder.use('test-mert-tiny', 'webgpu', 'int8'));
    expect(askedGpu).toMatchObject({ device: 'wasm', precision: 'int8', note: 'The int8 file runs on the CPU only; using WASM.' });

    const refused = await importCheckpoint(page, 'test-mert-tiny', 'pytorch_model.bin', truncatedBin);
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain('pytorch_model.bin is not a complete zip archive');
    expect(await opfsModelFiles(page)).toEqual(files);
    expect(await page.evaluate(() => (window as any).rbassist.embedder.store.get().modelId)).toBe('test-mert-tiny');
  });
});
