/**
 * Builds an ONNX graph with the shape of MERT (HuBERT-style, as in m-a-p/MERT-v1-*) but seeded
 * random weights: the 7-layer strided conv feature encoder (total stride 320 → 75 frames/s at
 * 24 kHz), feature projection, convolutional positional embedding, N transformer encoder layers,
 * and the time-mean of each of the N+1 hidden states as one output. Tests use a tiny configuration;
 * benchmarks build the real 95M / 330M shapes so inference speed is measured on the real amount of
 * compute.
 *
 * Model contract 2 (see models/manifest.json "inputContract"):
 *   input  "input_values" float32 [batch, samples]          mono 24 kHz, normalized per chunk
 *   output "layer_means"  float32 [batch, layers+1, hidden]  each hidden state averaged over time
 * @module
 */
import { fnv1a32, mulberry32 } from '../src/core/hash';
import { OnnxDataType } from './onnx/onnxProto';
import { GraphBuilder, type DeferredWeight, type Precision, type SerialisedModel, type SerialiseOptions, type StreamedModel } from './onnx/graphBuilder';

export interface MertShapeConfig {
  hiddenSize: number;
  /** Transformer encoder layers; the model outputs layers + 1 hidden states. */
  layers: number;
  heads: number;
  intermediateSize: number;
  /** Channels of the conv feature encoder (512 in MERT). */
  convDim: number;
  convKernels: number[];
  convStrides: number[];
  /** "group": per-channel group norm after the first conv only (HuBERT base); "layer": layer norm after every conv. */
  featExtractNorm: 'group' | 'layer';
  /** Pre-layer-norm transformer layers and a final layer norm (HF "do_stable_layer_norm"). */
  stableLayerNorm: boolean;
  posConvKernel: number;
  posConvGroups: number;
  layerNormEpsilon: number;
  /** Bias on the feature encoder's convolutions (HF "conv_bias"; false in MERT-v1 and when omitted). */
  convBias?: boolean;
}

const MERT_CONV = { convDim: 512, convKernels: [10, 3, 3, 3, 3, 2, 2], convStrides: [5, 2, 2, 2, 2, 2, 2] };

const TINY: MertShapeConfig = {
  hiddenSize: 64,
  layers: 2,
  heads: 4,
  intermediateSize: 128,
  convDim: 32,
  convKernels: MERT_CONV.convKernels,
  convStrides: MERT_CONV.convStrides,
  featExtractNorm: 'group',
  stableLayerNorm: false,
  posConvKernel: 16,
  posConvGroups: 4,
  layerNormEpsilon: 1e-5,
};

/** Named shapes. The two MERT entries follow the published Hugging Face configs. */
export const MERT_SHAPES: Record<'tiny' | 'depth-95m' | 'depth-330m' | 'mert-v1-95m' | 'mert-v1-330m', MertShapeConfig> = {
  tiny: TINY,
  // The real models' depth and layer-norm placement at the tiny width: full-depth graphs for CI.
  'depth-95m': { ...TINY, layers: 12 },
  'depth-330m': { ...TINY, layers: 24, featExtractNorm: 'layer', stableLayerNorm: true },
  'mert-v1-95m': {
    hiddenSize: 768,
    layers: 12,
    heads: 12,
    intermediateSize: 3072,
    ...MERT_CONV,
    featExtractNorm: 'group',
    stableLayerNorm: false,
    posConvKernel: 128,
    posConvGroups: 16,
    layerNormEpsilon: 1e-5,
  },
  'mert-v1-330m': {
    hiddenSize: 1024,
    layers: 24,
    heads: 16,
    intermediateSize: 4096,
    ...MERT_CONV,
    featExtractNorm: 'layer',
    stableLayerNorm: true,
    posConvKernel: 128,
    posConvGroups: 16,
    layerNormEpsilon: 1e-5,
  },
};

export const INPUT_NAME = 'input_values';
export const OUTPUT_NAME = 'layer_means';
/** Version of the model I/O contract these graphs follow (1 stacked every hidden state over time). */
export const MODEL_CONTRACT_VERSION = 2;

/** Frames the conv feature encoder produces for `samples` input samples (no padding, floor division). */
export function framesForSamples(samples: number, config: Pick<MertShapeConfig, 'convKernels' | 'convStrides'>): number {
  let length = samples;
  config.convKernels.forEach((k, i) => {
    length = Math.floor((length - k) / config.convStrides[i]) + 1;
  });
  return Math.max(0, length);
}

function validateConfig(c: MertShapeConfig): void {
  const positive = ['hiddenSize', 'layers', 'heads', 'intermediateSize', 'convDim', 'posConvKernel', 'posConvGroups'] as const;
  for (const key of positive) {
    if (!Number.isInteger(c[key]) || c[key] < 1) throw new Error(`${key} must be a positive integer, got ${c[key]}`);
  }
  if (c.hiddenSize % c.heads !== 0) throw new Error(`hiddenSize ${c.hiddenSize} is not divisible by heads ${c.heads}`);
  if (c.hiddenSize % c.posConvGroups !== 0) throw new Error(`hiddenSize ${c.hiddenSize} is not divisible by posConvGroups ${c.posConvGroups}`);
  if (c.convKernels.length !== c.convStrides.length) throw new Error('convKernels and convStrides differ in length');
}

/** Seeded N(0, std²) values; each weight has its own stream so weights do not depend on build order. */
function gaussian(seed: number, name: string, count: number, std: number): Float32Array {
  const rng = mulberry32(fnv1a32(`${seed}:${name}`));
  const out = new Float32Array(count);
  for (let i = 0; i < count; i += 2) {
    const u = 1 - rng(); // (0, 1]: log is finite
    const v = rng();
    const r = std * Math.sqrt(-2 * Math.log(u));
    out[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < count) out[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return out;
}

const filled = (count: number, value: number) => new Float32Array(count).fill(value);

/**
 * Where the learned parameters come from: `name` is the Hugging Face parameter name, `dims` the
 * shape in this graph's layout (linear weights [in, out], as MatMul takes them).
 */
export type WeightSource = (name: string, dims: number[]) => Float32Array | DeferredWeight;

class MertGraph {
  constructor(
    readonly g: GraphBuilder,
    readonly c: MertShapeConfig,
    readonly seed: number,
    readonly source: WeightSource | undefined,
  ) {}

  /** A learned parameter: from the source when there is one, else from `initial()`. */
  private param(name: string, dims: number[], initial: (count: number) => Float32Array): string {
    const count = dims.reduce((a, b) => a * b, 1);
    return this.g.weight(name, this.source ? this.source(name, dims) : initial(count), dims);
  }

  private w(name: string, dims: number[], std: number): string {
    return this.param(name, dims, (count) => gaussian(this.seed, name, count, std));
  }

  private constant(name: string, size: number, value: number): string {
    return this.param(name, [size], (count) => filled(count, value));
  }

  gelu(x: string): string {
    const { g } = this;
    const erf = g.op('Erf', [g.op('Mul', [x, g.scalar(Math.SQRT1_2)])]);
    return g.op('Mul', [g.op('Mul', [x, g.op('Add', [erf, g.scalar(1)])]), g.scalar(0.5)]);
  }

  layerNorm(x: string, name: string, size: number): string {
    const scale = this.constant(`${name}.weight`, size, 1);
    const bias = this.constant(`${name}.bias`, size, 0);
    return this.g.op('LayerNormalization', [x, scale, bias], { axis: { i: -1 }, epsilon: { f: this.c.layerNormEpsilon } });
  }

  linear(x: string, name: string, inSize: number, outSize: number): string {
    const { g } = this;
    if (g.precision === 'int8') return this.quantizedLinear(x, name, inSize, outSize);
    const weight = this.w(`${name}.weight`, [inSize, outSize], Math.sqrt(1 / inSize));
    const bias = this.w(`${name}.bias`, [outSize], 0.02);
    return g.op('Add', [g.op('MatMul', [x, weight]), bias]);
  }

  /**
   * x·W + b with W in int8: the activations are quantised to uint8 per call (DynamicQuantizeLinear),
   * multiplied as integers (MatMulInteger, int32 sums), and scaled back by both scales.
   */
  private quantizedLinear(x: string, name: string, inSize: number, outSize: number): string {
    const { g } = this;
    const weightName = `${name}.weight`;
    const dims: [number, number] = [inSize, outSize];
    const values = this.source ? this.source(weightName, dims) : gaussian(this.seed, weightName, inSize * outSize, Math.sqrt(1 / inSize));
    const { weight, scale } = g.quantizedMatrix(weightName, values, dims);
    const bias = this.w(`${name}.bias`, [outSize], 0.02);
    const [xq, xScale, xZeroPoint] = g.opOutputs('DynamicQuantizeLinear', [x], 3);
    const sums = g.op('Cast', [g.op('MatMulInteger', [xq, weight, xZeroPoint])], { to: { i: OnnxDataType.FLOAT } });
    return g.op('Add', [g.op('Mul', [sums, g.op('Mul', [xScale, scale])]), bias]);
  }

  /** [B, L] → [B, T, convDim] */
  featureEncoder(input: string): string {
    const { g, c } = this;
    let x = g.op('Unsqueeze', [input, g.int64('axes_1', [1])]);
    let inChannels = 1;
    c.convKernels.forEach((kernel, i) => {
      const name = `feature_extractor.conv_layers.${i}`;
      const weight = this.w(`${name}.conv.weight`, [c.convDim, inChannels, kernel], Math.sqrt(2 / (inChannels * kernel)));
      const bias = c.convBias ? [this.w(`${name}.conv.bias`, [c.convDim], 0.02)] : [];
      x = g.op('Conv', [x, weight, ...bias], { kernel_shape: { ints: [kernel] }, strides: { ints: [c.convStrides[i]] } });
      if (c.featExtractNorm === 'group' && i === 0) {
        // GroupNorm with one group per channel is exactly InstanceNormalization
        const scale = this.constant(`${name}.layer_norm.weight`, c.convDim, 1);
        const shift = this.constant(`${name}.layer_norm.bias`, c.convDim, 0);
        x = g.op('InstanceNormalization', [x, scale, shift], { epsilon: { f: 1e-5 } });
      } else if (c.featExtractNorm === 'layer') {
        const channelsLast = g.op('Transpose', [x], { perm: { ints: [0, 2, 1] } });
        x = g.op('Transpose', [this.layerNorm(channelsLast, `${name}.layer_norm`, c.convDim)], { perm: { ints: [0, 2, 1] } });
      }
      x = this.gelu(x);
      inChannels = c.convDim;
    });
    return g.op('Transpose', [x], { perm: { ints: [0, 2, 1] } });
  }

  /** Conv positional embedding added to the projected features. [B, T, H] → [B, T, H] */
  positionalEmbedding(x: string): string {
    const { g, c } = this;
    const k = c.posConvKernel;
    const perGroup = c.hiddenSize / c.posConvGroups;
    const weight = this.w('encoder.pos_conv_embed.conv.weight', [c.hiddenSize, perGroup, k], Math.sqrt(1 / (perGroup * k)));
    const bias = this.w('encoder.pos_conv_embed.conv.bias', [c.hiddenSize], 0.02);
    const channelsFirst = g.op('Transpose', [x], { perm: { ints: [0, 2, 1] } });
    let pos = g.op('Conv', [channelsFirst, weight, bias], {
      kernel_shape: { ints: [k] },
      pads: { ints: [k >> 1, k >> 1] },
      group: { i: c.posConvGroups },
    });
    if (k % 2 === 0) {
      // "SamePad": an even kernel with k/2 padding yields one extra frame; drop the last
      pos = g.op('Slice', [pos, g.int64('pos_slice_start', [0]), g.int64('pos_slice_end', [-1]), g.int64('pos_slice_axis', [2])]);
    }
    pos = this.gelu(pos);
    return g.op('Add', [x, g.op('Transpose', [pos], { perm: { ints: [0, 2, 1] } })]);
  }

  attention(x: string, name: string): string {
    const { g, c } = this;
    const headDim = c.hiddenSize / c.heads;
    const splitShape = g.int64(`${name}.split_shape`, [0, 0, c.heads, headDim]);
    const heads = (t: string, perm: number[]) => g.op('Transpose', [g.op('Reshape', [t, splitShape])], { perm: { ints: perm } });
    const q = g.op('Mul', [this.linear(x, `${name}.q_proj`, c.hiddenSize, c.hiddenSize), g.scalar(1 / Math.sqrt(headDim))]);
    const k = this.linear(x, `${name}.k_proj`, c.hiddenSize, c.hiddenSize);
    const v = this.linear(x, `${name}.v_proj`, c.hiddenSize, c.hiddenSize);
    const scores = g.op('MatMul', [heads(q, [0, 2, 1, 3]), heads(k, [0, 2, 3, 1])]); // [B, heads, T, T]
    const context = g.op('MatMul', [g.op('Softmax', [scores], { axis: { i: -1 } }), heads(v, [0, 2, 1, 3])]);
    const merged = g.op('Reshape', [g.op('Transpose', [context], { perm: { ints: [0, 2, 1, 3] } }), g.int64(`${name}.merge_shape`, [0, 0, c.hiddenSize])]);
    return this.linear(merged, `${name}.out_proj`, c.hiddenSize, c.hiddenSize);
  }

  feedForward(x: string, name: string): string {
    const inner = this.gelu(this.linear(x, `${name}.intermediate_dense`, this.c.hiddenSize, this.c.intermediateSize));
    return this.linear(inner, `${name}.output_dense`, this.c.intermediateSize, this.c.hiddenSize);
  }

  encoderLayer(x: string, i: number): string {
    const { g, c } = this;
    const name = `encoder.layers.${i}`;
    if (c.stableLayerNorm) {
      const attended = g.op('Add', [x, this.attention(this.layerNorm(x, `${name}.layer_norm`, c.hiddenSize), `${name}.attention`)]);
      const ff = this.feedForward(this.layerNorm(attended, `${name}.final_layer_norm`, c.hiddenSize), `${name}.feed_forward`);
      return g.op('Add', [attended, ff]);
    }
    const attended = this.layerNorm(g.op('Add', [x, this.attention(x, `${name}.attention`)]), `${name}.layer_norm`, c.hiddenSize);
    const ff = g.op('Add', [attended, this.feedForward(attended, `${name}.feed_forward`)]);
    return this.layerNorm(ff, `${name}.final_layer_norm`, c.hiddenSize);
  }

  build(): void {
    const { g, c } = this;
    const input = g.floatInput(INPUT_NAME, ['batch', 'samples']);
    const features = this.featureEncoder(input);
    const projected = this.linear(
      this.layerNorm(features, 'feature_projection.layer_norm', c.convDim),
      'feature_projection.projection',
      c.convDim,
      c.hiddenSize,
    );
    let hidden = this.positionalEmbedding(projected);
    if (!c.stableLayerNorm) hidden = this.layerNorm(hidden, 'encoder.layer_norm', c.hiddenSize);
    const states = [hidden];
    for (let i = 0; i < c.layers; i++) {
      hidden = this.encoderLayer(hidden, i);
      states.push(hidden);
    }
    if (c.stableLayerNorm) states[states.length - 1] = this.layerNorm(hidden, 'encoder.layer_norm', c.hiddenSize);
    // Pool over time inside the graph: the host reads layers × hidden values per chunk instead of
    // frames × layers × hidden, and the stack is a tree of narrow Concats that fits WebGPU's
    // storage-buffer limit at any depth.
    const means = states.map((s) => g.op('ReduceMean', [s], { axes: { ints: [1] }, keepdims: { i: 1 } }));
    g.floatOutput(g.concat(means, 1), OUTPUT_NAME, ['batch', c.layers + 1, c.hiddenSize]);
  }
}

export interface BuildOptions {
  seed?: number;
  precision?: Precision;
  /** Put weights in a separate file of this name (as the MERT export does above 2 GB). */
  externalDataFile?: string;
  /** Take every learned parameter from here (an imported checkpoint) instead of seeded random values. */
  weightSource?: WeightSource;
  /** Model-level doc string and extra metadata (e.g. where imported weights came from). */
  docString?: string;
  metadata?: Record<string, string>;
}

export interface BuiltModel extends SerialisedModel {
  config: MertShapeConfig;
  precision: Precision;
  weightBytes: number;
  parameters: number;
}

function buildGraph(config: MertShapeConfig, options: BuildOptions) {
  validateConfig(config);
  const precision = options.precision ?? 'fp32';
  const seed = options.seed ?? 1;
  const graph = new GraphBuilder('mert_shaped', precision);
  new MertGraph(graph, config, seed, options.weightSource).build();
  const serialise: SerialiseOptions = {
    producerVersion: '1',
    docString: options.docString ?? 'MERT-shaped graph with seeded random weights (rbassist test/benchmark model; not a trained model).',
    externalDataFile: options.externalDataFile,
    metadata: {
      ...options.metadata,
      'rbassist.hidden_size': String(config.hiddenSize),
      'rbassist.hidden_states': String(config.layers + 1),
      'rbassist.contract': String(MODEL_CONTRACT_VERSION),
      'rbassist.precision': precision,
      ...(options.weightSource ? {} : { 'rbassist.seed': String(seed) }),
      'rbassist.sample_rate': '24000',
    },
  };
  return { graph, precision, serialise };
}

/** Build and serialise a MERT-shaped model with seeded random weights. */
export function buildMertShapedModel(config: MertShapeConfig, options: BuildOptions = {}): BuiltModel {
  const { graph, precision, serialise } = buildGraph(config, options);
  return { ...graph.serialise(serialise), config, precision, weightBytes: graph.weightBytes, parameters: graph.parameterCount };
}

/**
 * The same model as `buildMertShapedModel`, byte for byte, written in pieces: weights the source
 * defers are produced one at a time while the file is written (checkpoint import of large models).
 */
export function streamMertShapedModel(
  config: MertShapeConfig,
  options: Omit<BuildOptions, 'externalDataFile'> = {},
): StreamedModel & { parameters: number; precision: Precision } {
  const { graph, precision, serialise } = buildGraph(config, options);
  return { ...graph.serialiseStream(serialise), parameters: graph.parameterCount, precision };
}
