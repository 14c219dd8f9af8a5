import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMertShapedModel, MERT_SHAPES } from '../models/mertShapedModel';
import { encodePytorchBin, encodeSafetensors, huggingFaceConfig, randomGraphWeights, toHuggingFaceStateDict } from '../models/testCheckpoint';
import { runCliProcess } from './test/runCliProcess';

const dir = mkdtempSync(join(tmpdir(), 'rbassist-model-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = MERT_SHAPES.tiny; // the manifest's test-mert-tiny shape
const weights = randomGraphWeights(config, 5);
const stateDict = toHuggingFaceStateDict(config, weights);

function checkpointFolder(name: string, files: Record<string, Uint8Array | string>): string {
  const folder = join(dir, name);
  mkdirSync(folder, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(folder, file), content);
  return folder;
}

async function layerMeans(model: Uint8Array): Promise<Float32Array> {
  ort.env.wasm.numThreads = 1;
  const session = await ort.InferenceSession.create(model);
  const audio = Float32Array.from({ length: 12_000 }, (_, i) => Math.sin(i * 0.03));
  const out = await session.run({ input_values: new ort.Tensor('float32', audio, [1, audio.length]) });
  await session.release();
  return out.layer_means.data as Float32Array;
}

describe('rbassist model import <folder>', () => {
  const state = join(dir, 'state');
  const models = join(state, 'models');

  it('converts config.json + model.safetensors into the manifest files, validated', async () => {
    const folder = checkpointFolder('safetensors', {
      'config.json': JSON.stringify(huggingFaceConfig(config)),
      'model.safetensors': encodeSafetensors(stateDict),
    });
    const run = await runCliProcess(['model', 'import', folder, '--model', 'test-mert-tiny', '--state', state], dir);
    expect(run.stderr).toContain('converting tensors');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/fp32: mert-shaped-tiny-fp32.onnx \(\d+ bytes\), probe run passed/);
    expect(run.stdout).toMatch(/fp16: mert-shaped-tiny-fp16.onnx \(\d+ bytes\), probe run passed/);
    const imported = await layerMeans(readFileSync(join(models, 'mert-shaped-tiny-fp32.onnx')));
    const expected = await layerMeans(buildMertShapedModel(config, { weightSource: (name) => weights.get(name) as Float32Array }).model);
    expect(Math.max(...imported.map((v, i) => Math.abs(v - expected[i])))).toBeLessThan(1e-5);
  });

  it('refuses a damaged checkpoint and keeps the installed model', async () => {
    const before = readFileSync(join(models, 'mert-shaped-tiny-fp32.onnx'));
    const bin = encodePytorchBin(toHuggingFaceStateDict(config, randomGraphWeights(config, 6)));
    const folder = checkpointFolder('truncated', {
      'config.json': JSON.stringify(huggingFaceConfig(config)),
      'pytorch_model.bin': bin.subarray(0, bin.length >> 1),
    });
    const run = await runCliProcess(['model', 'import', folder, '--model', 'test-mert-tiny', '--state', state], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Import failed, nothing was changed: pytorch_model.bin is not a complete zip archive');
    expect(readFileSync(join(models, 'mert-shaped-tiny-fp32.onnx')).equals(before)).toBe(true);
  });

  it('shows the licence and needs --accept-licence for MERT; names the files it needs', async () => {
    const folder = checkpointFolder('mert95', {
      'config.json': JSON.stringify(huggingFaceConfig(MERT_SHAPES['mert-v1-95m'])),
      'model.safetensors': new Uint8Array(16),
    });
    const run = await runCliProcess(['model', 'import', folder, '--state', state], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("MERT-v1-95M's weights are licensed CC-BY-NC-4.0 (non-commercial use only");
    expect(run.stderr).toContain('--accept-licence');
    const empty = checkpointFolder('empty', {});
    const missing = await runCliProcess(['model', 'import', empty, '--state', state], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('needs config.json and model.safetensors or pytorch_model.bin');
  });
});
