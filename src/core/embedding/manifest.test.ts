import { describe, expect, it } from 'vitest';
import manifestJson from '../../../models/manifest.json';
import { autoPrecision, bundledManifest, findModel, findOnnxModel, findVariant, parseModelManifest, poolLayerIndices, type Precision } from './manifest';

const clone = () => JSON.parse(JSON.stringify(manifestJson)) as { models: Record<string, unknown>[]; defaultModelId: string };

describe('bundled model manifest', () => {
  it('lists the built-in default and both MERT models with their shapes and licence', () => {
    expect(bundledManifest.defaultModelId).toBe('builtin-dsp');
    expect(findModel(bundledManifest, 'builtin-dsp').kind).toBe('builtin');
    const small = findOnnxModel(bundledManifest, 'mert-v1-95m');
    const large = findOnnxModel(bundledManifest, 'mert-v1-330m');
    expect([small.hiddenSize, small.hiddenStates, large.hiddenSize, large.hiddenStates]).toEqual([768, 13, 1024, 25]);
    expect(small.licence).toBe('CC-BY-NC-4.0');
    expect(findVariant(large, 'fp16').file).toBe('mert-v1-330m.fp16.onnx');
    // the middle layers by default (models/README.md cites the probing results); tiny test model: all
    expect(poolLayerIndices(small)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(poolLayerIndices(large)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]);
    expect(poolLayerIndices(findOnnxModel(bundledManifest, 'test-mert-tiny'))).toEqual([0, 1, 2]);
    expect(bundledManifest.inputContract).toMatchObject({
      contractVersion: 2,
      sampleRate: 24000,
      chunkSamples: 120000,
      inputName: 'input_values',
      outputName: 'layer_means',
    });
  });

  it('names unknown ids and missing variants', () => {
    expect(() => findModel(bundledManifest, 'mert-v2')).toThrow(/Unknown model "mert-v2". Known models: builtin-dsp/);
    expect(() => findOnnxModel(bundledManifest, 'builtin-dsp')).toThrow(/built in/);
  });
});

describe('parseModelManifest', () => {
  it('points at the offending field', () => {
    const badHidden = clone();
    badHidden.models[1].hiddenSize = -1;
    expect(() => parseModelManifest(badHidden)).toThrow('Model manifest is invalid at models[1].hiddenSize: expected a positive integer');
    const badStates = clone();
    badStates.models[1].hiddenStates = 12;
    expect(() => parseModelManifest(badStates)).toThrow(/hiddenStates \(12\) must be transformerLayers \+ 1/);
    const badSha = clone();
    (badSha.models[3].variants as Record<string, unknown>[])[0].sha256 = 'ABC';
    expect(() => parseModelManifest(badSha)).toThrow(/variants\[0\].sha256: expected 64 lower-case hex digits/);
    const oldContract = clone() as unknown as { inputContract: { contractVersion: number } };
    oldContract.inputContract.contractVersion = 1;
    expect(() => parseModelManifest(oldContract)).toThrow(/this app speaks model contract 2, the manifest describes 1/);
    const badDefault = clone();
    badDefault.defaultModelId = 'nope';
    expect(() => parseModelManifest(badDefault)).toThrow(/no model with id nope/);
  });
});

describe('autoPrecision', () => {
  const mert95 = findOnnxModel(bundledManifest, 'mert-v1-95m');
  const mert330 = findOnnxModel(bundledManifest, 'mert-v1-330m');
  const installed = (...precisions: Precision[]) => ({ installed: (p: Precision) => precisions.includes(p) });
  it('fp16 on a GPU with shader-f16, int8 on the CPU, each only when its file is installed; fp32 otherwise', () => {
    expect(autoPrecision(mert95, 'webgpu', { shaderF16: true, ...installed('fp32', 'fp16', 'int8') })).toBe('fp16');
    expect(autoPrecision(mert95, 'webgpu', { shaderF16: false, ...installed('fp32', 'fp16', 'int8') })).toBe('fp32');
    expect(autoPrecision(mert95, 'webgpu', { shaderF16: true, ...installed('fp32') })).toBe('fp32');
    expect(autoPrecision(mert95, 'wasm', { shaderF16: true, ...installed('fp32', 'fp16', 'int8') })).toBe('int8');
    expect(autoPrecision(mert95, 'wasm', { shaderF16: false, ...installed('fp32', 'fp16') })).toBe('fp32');
    // 330M has no int8 file in the manifest: an unexpected file of that name is not used.
    expect(autoPrecision(mert330, 'wasm', { shaderF16: false, ...installed('fp32', 'int8') })).toBe('fp32');
  });
});
