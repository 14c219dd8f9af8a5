import * as ort from 'onnxruntime-web';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMertShapedModel, MERT_SHAPES } from '../../../models/mertShapedModel';
import { GraphBuilder } from '../../../models/onnx/graphBuilder';
import { mulberry32 } from '../hash';
import { bundledManifest, findOnnxModel, findVariant, type OnnxModelEntry } from './manifest';
import { createValidatedSession, ModelRejectedError } from './modelValidation';
import { OnnxEmbedder } from './onnxEmbedder';
import type { OrtModuleLike } from './ortTypes';

// onnxruntime-web's WASM backend, single-threaded (the machine is shared; results are the same).
ort.env.wasm.numThreads = 1;
const ortModule: OrtModuleLike = ort;
const tiny = findOnnxModel(bundledManifest, 'test-mert-tiny');

function tone(seconds: number, hz: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: seconds * 24_000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / 24_000) + 0.05 * (rng() - 0.5));
}

async function tinySession(precision: 'fp32' | 'fp16' = 'fp32') {
  const built = buildMertShapedModel(MERT_SHAPES.tiny, { precision, seed: 1 });
  return createValidatedSession({ ort: ortModule, entry: tiny, variant: findVariant(tiny, precision), modelBytes: built.model });
}

const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i], 0);

describe('OnnxEmbedder with the tiny MERT-shaped model on onnxruntime-web (WASM)', () => {
  let embedder: OnnxEmbedder;
  beforeAll(async () => {
    embedder = new OnnxEmbedder({ session: await tinySession(), Tensor: ort.Tensor, entry: tiny });
  });

  it('gives a deterministic 256-d unit vector', async () => {
    const windows = [tone(11, 220, 1), tone(5, 330, 2)]; // 2 full chunks + 1 s tail chunk, and 1 chunk
    const a = await embedder.embed(windows, 24_000);
    expect(a).toHaveLength(256);
    expect(a.every(Number.isFinite)).toBe(true);
    expect(cosine(a, a)).toBeCloseTo(1, 5);
    const again = new OnnxEmbedder({ session: await tinySession(), Tensor: ort.Tensor, entry: tiny });
    expect(Array.from(await again.embed(windows, 24_000))).toEqual(Array.from(a));
  });

  it('tells different audio apart', async () => {
    const low = await embedder.embed([tone(5, 110, 3)], 24_000);
    const noise = await embedder.embed([Float32Array.from({ length: 120_000 }, (_, i) => Math.sin(i * i * 1e-3))], 24_000);
    expect(cosine(low, noise)).toBeLessThan(0.999);
  });

  it('refuses audio at the wrong sample rate', async () => {
    await expect(embedder.embed([tone(5, 220, 1)], 44_100)).rejects.toThrow(/needs 24000 Hz audio, got 44100 Hz/);
  });

  it('agrees between the fp32 and fp16 variants', async () => {
    const windows = [tone(5, 440, 4)];
    const fp16 = new OnnxEmbedder({ session: await tinySession('fp16'), Tensor: ort.Tensor, entry: tiny });
    expect(cosine(await embedder.embed(windows, 24_000), await fp16.embed(windows, 24_000))).toBeGreaterThan(0.99);
  });

  it('grows the batch size and still gives the same vectors', async () => {
    let clock = 0;
    const timed = new OnnxEmbedder({
      session: await tinySession(),
      Tensor: ort.Tensor,
      entry: tiny,
      now: () => (clock += 100), // every run "takes" 100 ms whatever its size: bigger batches win
    });
    const windows = [tone(30, 220, 5)];
    const first = await timed.embed(windows, 24_000);
    expect(timed.batchSize).toBeGreaterThan(1);
    expect(cosine(first, await embedder.embed(windows, 24_000))).toBeGreaterThan(0.99999);
  });
});

describe('createValidatedSession refuses unusable model files', () => {
  const variant = findVariant(tiny, 'fp32');
  const good = buildMertShapedModel(MERT_SHAPES.tiny, { seed: 1 }).model;

  it('a truncated download, by its size', async () => {
    const request = { ort: ortModule, entry: tiny, variant, modelBytes: good.subarray(0, 1000) };
    await expect(createValidatedSession(request)).rejects.toThrow(
      'Cannot use mert-shaped-tiny-fp32.onnx: mert-shaped-tiny-fp32.onnx has 1000 bytes but 422768 were expected (the download looks incomplete)',
    );
  });

  it('a damaged file of the right size, by its checksum', async () => {
    const damaged = good.slice();
    damaged[damaged.length - 10] ^= 0xff;
    await expect(createValidatedSession({ ort: ortModule, entry: tiny, variant, modelBytes: damaged })).rejects.toThrow(
      /checksum .* was expected \(the file is damaged/,
    );
  });

  it('a corrupt file that onnxruntime cannot parse', async () => {
    const corrupt = good.slice(0, 5000);
    const error = await createValidatedSession({ ort: ortModule, entry: tiny, variant, modelBytes: corrupt, skipByteCheck: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelRejectedError);
    expect((error as Error).message).toMatch(/not a loadable ONNX model — the file may be truncated, corrupt or not an \.onnx file/);
  });

  it('a model with the wrong hidden size, naming the model it looks like', async () => {
    const mert95 = findOnnxModel(bundledManifest, 'mert-v1-95m');
    const wrong = buildMertShapedModel(MERT_SHAPES.tiny).model; // hidden 64, not 768
    const error = await createValidatedSession({ ort: ortModule, entry: mert95, variant: findVariant(mert95, 'fp32'), modelBytes: wrong }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toBe(
      'Cannot use mert-v1-95m.fp32.onnx: its hidden size is 64 but MERT-v1-95M has 768. It looks like MERT-shaped tiny test model (random weights) instead.',
    );
  });

  it('a graph that is not a MERT export at all', async () => {
    const g = new GraphBuilder('image_model', 'fp32');
    g.floatOutput(g.floatInput('pixel_values', ['batch', 3, 224, 224]), 'logits', ['batch', 3, 224, 224]);
    const other = g.serialise({ producerVersion: 'test' }).model;
    await expect(createValidatedSession({ ort: ortModule, entry: tiny, variant, modelBytes: other, skipByteCheck: true })).rejects.toThrow(
      'Cannot use mert-shaped-tiny-fp32.onnx: it takes inputs [pixel_values] but MERT-shaped tiny test model (random weights) takes one input "input_values" (mono 24 kHz audio). It is not a MERT export from models/export_mert.py.',
    );
  });

  it('a file of the previous model contract, saying how to get a current one', async () => {
    const g = new GraphBuilder('contract_1', 'fp32');
    g.floatOutput(g.floatInput('input_values', ['batch', 'samples']), 'hidden_states', ['batch', 'samples']);
    const old = g.serialise({ producerVersion: 'test' }).model;
    await expect(createValidatedSession({ ort: ortModule, entry: tiny, variant, modelBytes: old, skipByteCheck: true })).rejects.toThrow(
      /it was exported for model contract 1 .* This app needs contract 2: export it again with the current models\/export_mert\.py, or import the checkpoint again\./,
    );
  });

  it('a model with a different number of layers', async () => {
    const deeper = buildMertShapedModel({ ...MERT_SHAPES.tiny, layers: 3 }).model;
    await expect(createValidatedSession({ ort: ortModule, entry: tiny, variant, modelBytes: deeper, skipByteCheck: true })).rejects.toThrow(
      /it outputs 4 hidden states but MERT-shaped tiny test model \(random weights\) has 3/,
    );
  });

  it('a wrong hidden size even when the session declares no shapes (found by the probe run)', async () => {
    const entry: OnnxModelEntry = { ...tiny, hiddenSize: 64 };
    const session = await ort.InferenceSession.create(good);
    // a session that hides its metadata: the probe run must still catch a wrong hidden size
    const hidden = { inputNames: session.inputNames, outputNames: session.outputNames, run: session.run.bind(session) };
    const fakeOrt: OrtModuleLike = { Tensor: ort.Tensor, InferenceSession: { create: async () => hidden } };
    await expect(createValidatedSession({ ort: fakeOrt, entry: { ...entry, hiddenSize: 32 }, variant, modelBytes: good, skipByteCheck: true })).rejects.toThrow(
      /its hidden size is 64 but MERT-shaped tiny test model \(random weights\) has 32/,
    );
    await expect(createValidatedSession({ ort: fakeOrt, entry, variant, modelBytes: good, skipByteCheck: true })).resolves.toBe(hidden);
  });
});
