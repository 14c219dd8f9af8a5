import * as ort from 'onnxruntime-web';
import { describe, expect, it } from 'vitest';
import { buildMertShapedModel, MERT_SHAPES, streamMertShapedModel, type MertShapeConfig } from '../../../models/mertShapedModel';
import type { Precision } from '../../../models/onnx/graphBuilder';
import { decodeOnnxModel, type OnnxModel } from '../../../models/onnx/onnxProto';
import {
  encodePytorchBin,
  encodeSafetensors,
  encodeZip,
  huggingFaceConfig,
  randomGraphWeights,
  toHuggingFaceStateDict,
  type NamedTensor,
} from '../../../models/testCheckpoint';
import { bundledManifest, findOnnxModel, type OnnxModelEntry } from '../embedding/manifest';
import { cosineSimilarity } from '../index/vectorMath';
import { bytesByteSource, CheckpointError } from './byteSource';
import { collectModel, convertCheckpoint, openCheckpoint } from './convert';

ort.env.wasm.numThreads = 1;

// MERT-v1-95M's and -330M's architecture (norm placement, conv front end) at a small width and depth.
const SHAPE_95M: MertShapeConfig = { ...MERT_SHAPES['depth-95m'], hiddenSize: 32, heads: 4, intermediateSize: 48, convDim: 16, layers: 3 };
const SHAPE_330M: MertShapeConfig = { ...MERT_SHAPES['depth-330m'], hiddenSize: 32, heads: 4, intermediateSize: 48, convDim: 16, layers: 3 };

function entryFor(config: MertShapeConfig): OnnxModelEntry {
  return {
    ...findOnnxModel(bundledManifest, 'test-mert-tiny'),
    hiddenSize: config.hiddenSize,
    hiddenStates: config.layers + 1,
    transformerLayers: config.layers,
  };
}

async function convert(
  config: MertShapeConfig,
  weights: Uint8Array,
  fileName: string,
  options: { configJson?: string; entry?: OnnxModelEntry; precisions?: Precision[] } = {},
) {
  const models = new Map<Precision, Uint8Array>();
  const progress: string[] = [];
  const result = await convertCheckpoint({
    entry: options.entry ?? entryFor(config),
    configJson: options.configJson ?? JSON.stringify(huggingFaceConfig(config)),
    weights: bytesByteSource(weights, fileName),
    weightsFileName: fileName,
    precisions: options.precisions ?? ['fp32', 'fp16', 'int8'],
    onModel: async (precision, model) => void models.set(precision, await collectModel(model)),
    onProgress: (p) => progress.push(`${p.phase} ${p.done}/${p.total}`),
  });
  return { result, models, progress };
}

const POS_CONV = 'encoder.pos_conv_embed.conv.weight';

/** Same nodes, inputs, outputs and initializers; the folded weight-norm weight to float rounding. */
function expectSameGraph(actual: OnnxModel, expected: OnnxModel, precision: Precision) {
  expect(actual.graph.node).toEqual(expected.graph.node);
  expect(actual.graph.input).toEqual(expected.graph.input);
  expect(actual.graph.output).toEqual(expected.graph.output);
  expect(actual.graph.initializer.map((t) => [t.name, t.dims, t.dataType])).toEqual(expected.graph.initializer.map((t) => [t.name, t.dims, t.dataType]));
  for (const [i, t] of actual.graph.initializer.entries()) {
    const want = expected.graph.initializer[i].rawData as Uint8Array;
    const got = t.rawData as Uint8Array;
    if (t.name !== POS_CONV) {
      expect(Buffer.from(got).equals(Buffer.from(want)), t.name).toBe(true);
    } else if (precision === 'fp32') {
      const a = new Float32Array(Uint8Array.from(got).buffer);
      const b = new Float32Array(Uint8Array.from(want).buffer);
      const worst = a.reduce((m, v, n) => Math.max(m, Math.abs(v - b[n]) / (Math.abs(b[n]) + 1e-6)), 0);
      expect(worst).toBeLessThan(1e-5);
    }
  }
}

async function run(model: Uint8Array, samples = 8000): Promise<Float32Array> {
  const session = await ort.InferenceSession.create(model);
  const input = Float32Array.from({ length: samples }, (_, i) => Math.sin(i * 0.05) + 0.3 * Math.sin(i * 0.31));
  const output = await session.run({ input_values: new ort.Tensor('float32', input, [1, samples]) });
  await session.release();
  return output.layer_means.data as Float32Array;
}

describe('checkpoint converter against the graph builder (proof 1)', () => {
  for (const [label, config] of [
    ['95M-like (group-norm conv, post-LN)', SHAPE_95M],
    ['330M-like (layer-norm conv, pre-LN)', SHAPE_330M],
    ['with conv bias', { ...SHAPE_95M, convBias: true }],
  ] as const) {
    it(`${label}: safetensors and pytorch_model.bin give the graph builder's model for the same weights, and it runs`, async () => {
      const weights = randomGraphWeights(config, 7);
      const stateDict = toHuggingFaceStateDict(config, weights);
      const expected32 = buildMertShapedModel(config, { weightSource: (name) => weights.get(name) as Float32Array });
      const expected16 = buildMertShapedModel(config, { precision: 'fp16', weightSource: (name) => weights.get(name) as Float32Array });
      const expected8 = buildMertShapedModel(config, { precision: 'int8', weightSource: (name) => weights.get(name) as Float32Array });
      const fromSafetensors = await convert(config, encodeSafetensors(stateDict), 'model.safetensors');
      const fromBin = await convert(config, encodePytorchBin(toHuggingFaceStateDict(config, weights, 'parametrizations', 'mert.')), 'pytorch_model.bin');
      for (const converted of [fromSafetensors, fromBin]) {
        expectSameGraph(decodeOnnxModel(converted.models.get('fp32') as Uint8Array), decodeOnnxModel(expected32.model), 'fp32');
        expectSameGraph(decodeOnnxModel(converted.models.get('fp16') as Uint8Array), decodeOnnxModel(expected16.model), 'fp16');
        expectSameGraph(decodeOnnxModel(converted.models.get('int8') as Uint8Array), decodeOnnxModel(expected8.model), 'int8');
        expect(converted.result.parameters).toBe(expected32.parameters);
        expect(converted.progress.at(-1)).toBe('writing 3/3');
      }
      expect(fromSafetensors.result.format).toBe('safetensors');
      expect(fromBin.result.format).toBe('pytorch');
      const out = await run(fromSafetensors.models.get('fp32') as Uint8Array);
      expect(out).toHaveLength((config.layers + 1) * config.hiddenSize);
      expect(out.every(Number.isFinite)).toBe(true);
      const reference = await run(expected32.model);
      expect(Math.max(...out.map((v, i) => Math.abs(v - reference[i])))).toBeLessThan(1e-4);
      const half = await run(fromBin.models.get('fp16') as Uint8Array);
      expect(half.every(Number.isFinite)).toBe(true);
      const quantised = await run(fromBin.models.get('int8') as Uint8Array);
      expect(cosineSimilarity(quantised, reference)).toBeGreaterThan(0.99);
    });
  }

  it('reads float16 and bfloat16 tensors, and strided (non-contiguous) ones', async () => {
    const values = Float32Array.from([1, -2.5, 0.333333, 65504, 1e-3, 3.14159]);
    const tensors: NamedTensor[] = [{ name: 'x', shape: [2, 3], values }];
    const f16 = (await openCheckpoint(bytesByteSource(encodeSafetensors(tensors, 'F16'), 'a'), 'a')).tensors.get('x');
    expect(Array.from(await f16!.read())).toEqual([1, -2.5, 0.333251953125, 65504, 0.00100040435791015625, 3.140625]);
    const bf16 = (await openCheckpoint(bytesByteSource(encodeSafetensors(tensors, 'BF16'), 'b'), 'b')).tensors.get('x');
    expect(Array.from(await bf16!.read())).toEqual([1, -2.5, 0.33203125, 65280, 0.00099945068359375, 3.140625]);
    const binF16 = (await openCheckpoint(bytesByteSource(encodePytorchBin(tensors, 'F16'), 'c'), 'c')).tensors.get('x');
    expect(Array.from(await binF16!.read())).toEqual(Array.from(await f16!.read()));
  });
});

describe('checkpoint converter memory: the ONNX files are streamed, one tensor at a time', () => {
  it('a streamed model is byte for byte the serialised one (fp32, fp16, int8)', async () => {
    const weights = randomGraphWeights(SHAPE_330M, 3);
    for (const precision of ['fp32', 'fp16', 'int8'] as const) {
      const whole = buildMertShapedModel(SHAPE_330M, { precision, weightSource: (name) => weights.get(name) as Float32Array });
      const deferred = streamMertShapedModel(SHAPE_330M, { precision, weightSource: (name) => ({ deferred: async () => weights.get(name) as Float32Array }) });
      expect(deferred.byteLength).toBe(whole.model.byteLength);
      expect(Buffer.from(await collectModel(deferred)).equals(Buffer.from(whole.model))).toBe(true);
    }
  });

  for (const [format, encode] of [
    ['model.safetensors', (t: NamedTensor[]) => encodeSafetensors(t)],
    ['pytorch_model.bin', (t: NamedTensor[]) => encodePytorchBin(t)],
  ] as const) {
    it(`${format}: checkpoint bytes read but not yet written never exceed two tensors (the whole model before)`, async () => {
      const config: MertShapeConfig = { ...SHAPE_95M, hiddenSize: 64, intermediateSize: 128, layers: 6 };
      const weights = randomGraphWeights(config, 5);
      const file = encode(toHuggingFaceStateDict(config, weights));
      const largestTensor = Math.max(...[...weights.values()].map((w) => w.byteLength));
      const source = bytesByteSource(file, format);
      let read = 0;
      let written = 0;
      let mostInFlight = 0;
      const counted = { size: source.size, read: (offset: number, length: number) => ((read += length), source.read(offset, length)) };
      await convertCheckpoint({
        entry: entryFor(config),
        configJson: JSON.stringify(huggingFaceConfig(config)),
        weights: counted,
        weightsFileName: format,
        precisions: ['fp32'],
        async onModel(_, model) {
          for await (const chunk of model.chunks()) {
            written += chunk.byteLength;
            mostInFlight = Math.max(mostInFlight, read - written);
          }
        },
      });
      // Headers and the zip directory are read up front; after that reading and writing alternate.
      expect(file.byteLength).toBeGreaterThan(6 * largestTensor);
      expect(mostInFlight).toBeLessThan(2 * largestTensor + 64 * 1024);
    });
  }
});

describe('checkpoint converter refuses what it cannot use, with the reason', () => {
  const weights = randomGraphWeights(SHAPE_95M, 3);
  const stateDict = toHuggingFaceStateDict(SHAPE_95M, weights);
  const safetensors = encodeSafetensors(stateDict);
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => 'accepted',
      (e: unknown) => (e instanceof CheckpointError ? e.message : `other error: ${String(e)}`),
    );

  it('a plain wav2vec2 config.json', async () => {
    expect(
      await refusal(convert(SHAPE_95M, safetensors, 'model.safetensors', { configJson: JSON.stringify(huggingFaceConfig(SHAPE_95M, 'wav2vec2')) })),
    ).toMatch(/config.json is for a "wav2vec2" model, not MERT\/HuBERT/);
  });

  it('a 330M config.json with 95M weights (and vice versa)', async () => {
    const wider = { ...SHAPE_330M, hiddenSize: 48, intermediateSize: 64 };
    const message = await refusal(convert(wider, safetensors, 'model.safetensors'));
    expect(message).toMatch(
      /model.safetensors does not match config.json: .*encoder.layers.0.attention.q_proj.weight has shape \[32,32\] \(expected \[48,48\]\)/,
    );
    expect(message).toMatch(/missing .*encoder.layers.0.layer_norm|feature_extractor.conv_layers.1.layer_norm.weight/);
    // The published configurations against the manifest's models
    const mert95 = findOnnxModel(bundledManifest, 'mert-v1-95m');
    expect(
      await refusal(
        convert(SHAPE_95M, safetensors, 'model.safetensors', { entry: mert95, configJson: JSON.stringify(huggingFaceConfig(MERT_SHAPES['mert-v1-330m'])) }),
      ),
    ).toBe(
      "config.json describes a model with hidden size 1024, 24 layers, but MERT-v1-95M has hidden size 768, 12 layers: download config.json from MERT-v1-95M's page",
    );
    const odd95 = { ...MERT_SHAPES['mert-v1-95m'], posConvGroups: 8 };
    expect(await refusal(convert(SHAPE_95M, safetensors, 'model.safetensors', { entry: mert95, configJson: JSON.stringify(huggingFaceConfig(odd95)) }))).toBe(
      "config.json is not MERT-v1-95M's configuration: posConvGroups 8 (expected 16)",
    );
  });

  it('missing and unexpected tensors are named', async () => {
    const damaged = stateDict.filter((t) => t.name !== 'encoder.layers.1.feed_forward.output_dense.bias');
    damaged.push({ name: 'quantizer.codevectors', shape: [4], values: new Float32Array(4) });
    expect(await refusal(convert(SHAPE_95M, encodeSafetensors(damaged), 'model.safetensors'))).toBe(
      'model.safetensors does not match config.json: missing 1 tensor: encoder.layers.1.feed_forward.output_dense.bias; unexpected tensor: quantizer.codevectors',
    );
  });

  it('truncated files, garbage, and integer weights', async () => {
    expect(await refusal(convert(SHAPE_95M, safetensors.subarray(0, safetensors.length - 100), 'model.safetensors'))).toMatch(
      /model.safetensors is truncated: .* ends at byte \d+ but the file has \d+/,
    );
    const bin = encodePytorchBin(stateDict);
    expect(await refusal(convert(SHAPE_95M, bin.subarray(0, bin.length - 30), 'pytorch_model.bin'))).toMatch(/pytorch_model.bin is not a complete zip archive/);
    expect(await refusal(convert(SHAPE_95M, new TextEncoder().encode('<!doctype html><html>not found</html>'), 'model.safetensors'))).toMatch(
      /not a safetensors file or is truncated/,
    );
    const ints = encodeSafetensors(stateDict).slice();
    const headerLength = Number(new DataView(ints.buffer).getBigUint64(0, true));
    const header = new TextDecoder().decode(ints.subarray(8, 8 + headerLength)).replace('"dtype":"F32","shape":[32]', '"dtype":"I32","shape":[32]');
    ints.set(new TextEncoder().encode(header), 8);
    expect(await refusal(convert(SHAPE_95M, ints, 'model.safetensors'))).toMatch(/has dtype I32 \(expected F32, F16 or BF16\)/);
  });

  it('a legacy (pre-zip) torch.save file', async () => {
    const legacy = Uint8Array.from([0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19]);
    expect(await refusal(convert(SHAPE_95M, legacy, 'pytorch_model.bin'))).toMatch(/pytorch_model.bin is a legacy \(pre-zip\) PyTorch file/);
  });

  it('a pickle that would run code is refused without running it', async () => {
    const evil = Uint8Array.from(Buffer.from('\x80\x02cposix\nsystem\nX\x05\x00\x00\x00touch\x85R.', 'latin1'));
    const archive = encodeZip([
      { name: 'archive/data.pkl', data: evil },
      { name: 'archive/version', data: new TextEncoder().encode('3\n') },
    ]);
    expect(await refusal(convert(SHAPE_95M, archive, 'pytorch_model.bin'))).toBe(
      'pytorch_model.bin: the pickle refers to posix.system, which a state dict never needs; refusing to load it (it could run code)',
    );
  });
});
