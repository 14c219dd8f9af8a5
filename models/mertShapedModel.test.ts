import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { findOnnxModel, bundledManifest } from '../src/core/embedding/manifest';
import { decodeOnnxModel } from './onnx/onnxProto';
import { MAX_BOUND_TENSORS } from './onnx/graphBuilder';
import { float16BitsToFloat32, float32ToFloat16Bits } from './onnx/float16';
import { buildMertShapedModel, framesForSamples, MERT_SHAPES, type MertShapeConfig } from './mertShapedModel';

describe('MERT-shaped model generator', () => {
  it('reproduces the tiny test models byte for byte (sizes and sha256 in models/manifest.json)', () => {
    const entry = findOnnxModel(bundledManifest, 'test-mert-tiny');
    for (const variant of entry.variants) {
      const built = buildMertShapedModel(MERT_SHAPES.tiny, { precision: variant.precision, seed: 1 });
      expect(built.model.byteLength).toBe(variant.bytes);
      expect(createHash('sha256').update(built.model).digest('hex')).toBe(variant.sha256);
    }
  });

  it('declares contract 2: float32 input_values [batch, samples] → layer_means [batch, layers+1, hidden]', () => {
    const model = decodeOnnxModel(buildMertShapedModel({ ...MERT_SHAPES.tiny, hiddenSize: 32, layers: 3 }).model);
    const dims = (v: (typeof model.graph.input)[number]) => v.type.tensorType.shape.dim.map((d) => d.dimParam ?? d.dimValue);
    expect(model.opsetImport[0].version).toBe(17);
    expect(model.graph.input.map((i) => [i.name, i.type.tensorType.elemType, dims(i)])).toEqual([['input_values', 1, ['batch', 'samples']]]);
    expect(model.graph.output.map((o) => [o.name, o.type.tensorType.elemType, dims(o)])).toEqual([['layer_means', 1, ['batch', 4, 32]]]);
    expect(model.metadataProps?.find((p) => p.key === 'rbassist.contract')?.value).toBe('2');
    const ops = new Set(model.graph.node.map((n) => n.opType));
    for (const op of ['Conv', 'InstanceNormalization', 'LayerNormalization', 'Erf', 'Softmax', 'MatMul', 'ReduceMean', 'Concat']) expect(ops).toContain(op);
    expect(model.graph.node.filter((n) => n.opType === 'Conv')).toHaveLength(8); // 7 feature convs + positional conv
    expect(model.graph.node.filter((n) => n.opType === 'ReduceMean')).toHaveLength(4); // one per hidden state
  });

  it('binds at most 8 tensors per node at any depth (WebGPU storage-buffer limit), MERT-v1-330M depth included', () => {
    for (const layers of [2, 5, 12, 24, 40]) {
      const model = decodeOnnxModel(
        buildMertShapedModel({ ...MERT_SHAPES.tiny, hiddenSize: 16, heads: 2, intermediateSize: 16, posConvGroups: 2, layers }).model,
      );
      const widest = Math.max(...model.graph.node.map((n) => n.input.length + n.output.length));
      expect(widest, `${layers} layers`).toBeLessThanOrEqual(MAX_BOUND_TENSORS);
      const concats = model.graph.node.filter((n) => n.opType === 'Concat');
      expect(concats.reduce((sum, n) => sum + n.input.length, 0) - (concats.length - 1)).toBe(layers + 1); // a tree: every state once
    }
  });

  it('has the parameter count of the HuBERT/MERT architecture, and 75 frames/s', () => {
    // Independent count of the published architecture (conv encoder without bias, feature
    // projection, grouped positional conv, post- or pre-LN transformer layers).
    const expectedParameters = (c: MertShapeConfig) => {
      let inChannels = 1;
      let n = 0;
      c.convKernels.forEach((k, i) => {
        n += c.convDim * inChannels * k + (c.featExtractNorm === 'layer' || i === 0 ? 2 * c.convDim : 0);
        inChannels = c.convDim;
      });
      const h = c.hiddenSize;
      n += 2 * c.convDim + c.convDim * h + h; // feature projection
      n += h * (h / c.posConvGroups) * c.posConvKernel + h + 2 * h; // positional conv + encoder layer norm
      n += c.layers * (4 * (h * h + h) + 4 * h + 2 * h * c.intermediateSize + c.intermediateSize + h);
      return n;
    };
    const odd = { ...MERT_SHAPES.tiny, featExtractNorm: 'layer' as const, stableLayerNorm: true, layers: 3 };
    expect(buildMertShapedModel(odd).parameters).toBe(expectedParameters(odd));
    expect(buildMertShapedModel(MERT_SHAPES.tiny).parameters).toBe(findOnnxModel(bundledManifest, 'test-mert-tiny').parameters);
    for (const [shape, id] of [
      ['depth-95m', 'test-mert-95m-depth'],
      ['depth-330m', 'test-mert-330m-depth'],
    ] as const) {
      const entry = findOnnxModel(bundledManifest, id);
      expect(buildMertShapedModel(MERT_SHAPES[shape]).parameters).toBe(entry.parameters);
      expect(MERT_SHAPES[shape].layers + 1).toBe(entry.hiddenStates);
    }
    // ≈ 94.4 M and 315.4 M, as published for MERT-v1-95M / -330M (without the pre-training heads)
    expect(expectedParameters(MERT_SHAPES['mert-v1-95m'])).toBe(findOnnxModel(bundledManifest, 'mert-v1-95m').parameters);
    expect(expectedParameters(MERT_SHAPES['mert-v1-330m'])).toBe(findOnnxModel(bundledManifest, 'mert-v1-330m').parameters);
    expect(framesForSamples(120_000, MERT_SHAPES['mert-v1-95m'])).toBe(374);
    expect(framesForSamples(24_000, MERT_SHAPES.tiny)).toBe(74);
  });

  it('stores fp16 weights at half the size and can put weights in an external file', () => {
    const fp32 = buildMertShapedModel(MERT_SHAPES.tiny);
    const fp16 = buildMertShapedModel(MERT_SHAPES.tiny, { precision: 'fp16' });
    expect(fp16.parameters).toBe(fp32.parameters);
    expect(fp16.weightBytes / fp32.weightBytes).toBeCloseTo(0.5, 3);
    const external = buildMertShapedModel(MERT_SHAPES.tiny, { externalDataFile: 'w.data' });
    expect(external.model.byteLength).toBeLessThan(30_000);
    expect(external.externalDataBytes).toBeGreaterThan(400_000);
    const decoded = decodeOnnxModel(external.model);
    const big = decoded.graph.initializer.find((t) => t.externalData?.length);
    expect(big?.externalData?.map((e) => e.key)).toEqual(['location', 'offset', 'length']);
  });

  it('rejects impossible shapes', () => {
    expect(() => buildMertShapedModel({ ...MERT_SHAPES.tiny, heads: 5 })).toThrow(/not divisible by heads 5/);
  });
});

describe('float16 conversion', () => {
  it('rounds to nearest even and handles the edges', () => {
    expect(float32ToFloat16Bits(1)).toBe(0x3c00);
    expect(float32ToFloat16Bits(-2)).toBe(0xc000);
    expect(float32ToFloat16Bits(65504)).toBe(0x7bff);
    expect(float32ToFloat16Bits(1e6)).toBe(0x7c00);
    expect(float32ToFloat16Bits(2 ** -24)).toBe(0x0001);
    expect(float32ToFloat16Bits(1 + 2 ** -11)).toBe(0x3c00); // tie → even
    expect(float32ToFloat16Bits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
    expect(Number.isNaN(float16BitsToFloat32(float32ToFloat16Bits(Number.NaN)))).toBe(true);
    for (const v of [0.1, -3.14159, 1e-3, 300.5]) {
      expect(Math.abs(float16BitsToFloat32(float32ToFloat16Bits(v)) - v) / Math.abs(v)).toBeLessThanOrEqual(2 ** -11);
    }
    expect(Math.abs(float16BitsToFloat32(float32ToFloat16Bits(1e-5)) - 1e-5)).toBeLessThanOrEqual(2 ** -25); // subnormal: half a step
  });
});
