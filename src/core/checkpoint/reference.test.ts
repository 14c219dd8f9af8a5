import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, describe, expect, it } from 'vitest';
import { MERT_SHAPES, type MertShapeConfig } from '../../../models/mertShapedModel';
import { encodeSafetensors, huggingFaceConfig, randomGraphWeights, toHuggingFaceStateDict } from '../../../models/testCheckpoint';
import { bundledManifest, findOnnxModel } from '../embedding/manifest';
import { normalizeChunk } from '../embedding/normalize';
import { bytesByteSource } from './byteSource';
import { collectModel, convertCheckpoint } from './convert';

// Proof 2: the converted ONNX model against an independent PyTorch implementation of the HuBERT/MERT
// forward pass (models/reference_mert.py), on the same random checkpoint. Needs python3 with torch
// (Debian: apt-get install python3-torch; `npm test` installs it).
ort.env.wasm.numThreads = 1;
// Debian's python3-torch lives in the system interpreter, which a pyenv/venv `python3` may shadow.
const python = [process.env.PYTHON, 'python3', '/usr/bin/python3'].find((p) => p && spawnSync(p, ['-c', 'import torch']).status === 0);
const hasTorch = python !== undefined;
if (!hasTorch) console.warn('reference.test.ts skipped: no python3 can import torch (apt-get install python3-torch)');

const SHAPES: [string, MertShapeConfig][] = [
  ['MERT-v1-95M architecture (group-norm conv, post-LN)', { ...MERT_SHAPES['depth-95m'], hiddenSize: 64, layers: 4 }],
  ['MERT-v1-330M architecture (layer-norm conv, pre-LN)', { ...MERT_SHAPES['depth-330m'], hiddenSize: 64, layers: 4 }],
];

const dir = mkdtempSync(join(tmpdir(), 'rbassist-reference-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function convertToOnnx(config: MertShapeConfig, weights: Uint8Array, fileName: string): Promise<Uint8Array> {
  let model: Uint8Array | undefined;
  await convertCheckpoint({
    entry: { ...findOnnxModel(bundledManifest, 'test-mert-tiny'), hiddenSize: config.hiddenSize, hiddenStates: config.layers + 1 },
    configJson: JSON.stringify(huggingFaceConfig(config)),
    weights: bytesByteSource(weights, fileName),
    weightsFileName: fileName,
    precisions: ['fp32'],
    onModel: async (_, streamed) => void (model = await collectModel(streamed)),
  });
  return model as Uint8Array;
}

async function layerMeans(model: Uint8Array, audio: Float32Array): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model);
  const out = await session.run({ input_values: new ort.Tensor('float32', audio, [1, audio.length]) });
  await session.release();
  return out.layer_means.data as Float32Array;
}

describe.skipIf(!hasTorch)('converted ONNX against an independent PyTorch reference (proof 2)', () => {
  for (const [index, [label, config]] of SHAPES.entries()) {
    it(`${label}: every hidden state's time-mean agrees to 1e-4, from safetensors and from torch.save's .bin`, async () => {
      const stateDict = toHuggingFaceStateDict(config, randomGraphWeights(config, 11 + index));
      const safetensors = encodeSafetensors(stateDict);
      const prefix = join(dir, `shape${index}`);
      writeFileSync(`${prefix}.config.json`, JSON.stringify(huggingFaceConfig(config)));
      writeFileSync(`${prefix}.safetensors`, safetensors);
      const raw = Float32Array.from({ length: 24_000 }, (_, i) => Math.sin(i * 0.0523) * (1 + 0.5 * Math.sin(i * 0.0007)) + 0.2 * Math.sin(i * 0.71));
      const audio = normalizeChunk(raw);
      writeFileSync(`${prefix}.input.f32`, audio);
      const run = spawnSync(
        python as string,
        [
          'models/reference_mert.py',
          '--config',
          `${prefix}.config.json`,
          '--weights',
          `${prefix}.safetensors`,
          '--input',
          `${prefix}.input.f32`,
          '--output',
          `${prefix}.out.f32`,
          '--save-bin',
          `${prefix}.bin`,
        ],
        { encoding: 'utf8' },
      );
      expect(run.status, run.stderr).toBe(0);
      const reference = new Float32Array(Uint8Array.from(readFileSync(`${prefix}.out.f32`)).buffer);
      expect(reference).toHaveLength((config.layers + 1) * config.hiddenSize);

      const fromSafetensors = await layerMeans(await convertToOnnx(config, safetensors, 'model.safetensors'), audio);
      const worst = Math.max(...fromSafetensors.map((v, i) => Math.abs(v - reference[i])));
      expect(worst).toBeLessThan(1e-4);
      // The hidden states differ from layer to layer (the comparison is not of near-constant values)
      expect(Math.max(...reference.map(Math.abs))).toBeGreaterThan(0.05);

      // torch.save's own zip and pickle, read by the restricted unpickler: the same model
      const fromTorchBin = await layerMeans(await convertToOnnx(config, Uint8Array.from(readFileSync(`${prefix}.bin`)), 'pytorch_model.bin'), audio);
      expect(Array.from(fromTorchBin)).toEqual(Array.from(fromSafetensors));
    });
  }
});
