/**
 * Writes random-weights MERT/HuBERT checkpoints in the Hugging Face naming and layout, in both file
 * formats (safetensors; torch.save's zip with a pickled state dict), for the converter's tests, the
 * e2e import and the CLI. The weights are made in the graph builder's layout first and then turned
 * into Hugging Face's (linear weights transposed to [out, in]; the positional conv split into
 * weight-norm halves), the inverse of what the converter does, written separately from it.
 * @module
 */
import { expectedParameters } from '../src/core/checkpoint/convert';
import { fnv1a32, mulberry32 } from '../src/core/hash';
import { toFloat16Array } from './onnx/float16';
import type { MertShapeConfig } from './mertShapedModel';

export interface NamedTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

const LINEAR = /(?:\.(?:q_proj|k_proj|v_proj|out_proj|intermediate_dense|output_dense)|^feature_projection\.projection)\.weight$/;

/** Seeded weights in the graph builder's layout (what `weightSource` returns), every one random. */
export function randomGraphWeights(config: MertShapeConfig, seed: number): Map<string, Float32Array> {
  const weights = new Map<string, Float32Array>();
  for (const [name, dims] of expectedParameters(config)) {
    const rng = mulberry32(fnv1a32(`${seed}:${name}`));
    const uniform = () => rng() * 2 - 1; // variance 1/3
    const count = dims.reduce((a, b) => a * b, 1);
    const isNorm = /norm\.(weight|bias)$/.test(name);
    const fanIn = dims.length === 1 ? 1 : LINEAR.test(name) ? dims[0] : dims.slice(1).reduce((a, b) => a * b, 1);
    const values = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      if (isNorm) values[i] = (name.endsWith('.weight') ? 1 : 0) + 0.1 * uniform();
      else values[i] = dims.length === 1 ? 0.05 * uniform() : Math.sqrt(3 / fanIn) * uniform();
    }
    weights.set(name, values);
  }
  return weights;
}

export type WeightNormNaming = 'weight_norm' | 'parametrizations';

/** The same weights as a Hugging Face state dict (names, [out, in] linears, weight-norm halves). */
export function toHuggingFaceStateDict(
  config: MertShapeConfig,
  weights: Map<string, Float32Array>,
  naming: WeightNormNaming = 'weight_norm',
  prefix = '',
): NamedTensor[] {
  const out: NamedTensor[] = [];
  for (const [name, dims] of expectedParameters(config)) {
    const values = weights.get(name) as Float32Array;
    if (LINEAR.test(name)) {
      const [rows, columns] = dims; // [in, out] → [out, in]
      const t = new Float32Array(values.length);
      for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) t[c * rows + r] = values[r * columns + c];
      out.push({ name: prefix + name, shape: [columns, rows], values: t });
    } else if (name === 'encoder.pos_conv_embed.conv.weight') {
      // w = g · v / ‖v‖ (norm over dims 0, 1 per kernel tap): v = 1.5 w and g = ‖w‖ give back w
      const kernel = dims[2];
      const norms = new Float64Array(kernel);
      values.forEach((x, n) => (norms[n % kernel] += x * x));
      const g = Float32Array.from(norms, Math.sqrt);
      const v = Float32Array.from(values, (x) => 1.5 * x);
      const [gName, vName] = naming === 'weight_norm' ? ['weight_g', 'weight_v'] : ['parametrizations.weight.original0', 'parametrizations.weight.original1'];
      out.push({ name: `${prefix}encoder.pos_conv_embed.conv.${gName}`, shape: [1, 1, kernel], values: g });
      out.push({ name: `${prefix}encoder.pos_conv_embed.conv.${vName}`, shape: dims, values: v });
    } else {
      out.push({ name: prefix + name, shape: dims, values });
    }
  }
  // In MERT's checkpoints but unused at inference (the mask embedding of pre-training)
  out.push({ name: `${prefix}masked_spec_embed`, shape: [config.hiddenSize], values: new Float32Array(config.hiddenSize).fill(0.5) });
  return out;
}

/** config.json as Hugging Face writes it for this shape. */
export function huggingFaceConfig(config: MertShapeConfig, modelType = 'mert_model'): Record<string, unknown> {
  return {
    architectures: [modelType === 'hubert' ? 'HubertModel' : 'MERTModel'],
    model_type: modelType,
    hidden_size: config.hiddenSize,
    num_hidden_layers: config.layers,
    num_attention_heads: config.heads,
    intermediate_size: config.intermediateSize,
    hidden_act: 'gelu',
    conv_dim: config.convKernels.map(() => config.convDim),
    conv_kernel: config.convKernels,
    conv_stride: config.convStrides,
    conv_bias: config.convBias ?? false,
    num_feat_extract_layers: config.convKernels.length,
    feat_extract_norm: config.featExtractNorm,
    feat_extract_activation: 'gelu',
    feat_proj_layer_norm: true,
    do_stable_layer_norm: config.stableLayerNorm,
    num_conv_pos_embeddings: config.posConvKernel,
    num_conv_pos_embedding_groups: config.posConvGroups,
    layer_norm_eps: config.layerNormEpsilon,
    feature_extractor_cqt: false,
    sample_rate: 24000,
    torch_dtype: 'float32',
  };
}

export type StoredDtype = 'F32' | 'F16' | 'BF16';

function encodeValues(values: Float32Array, dtype: StoredDtype): Uint8Array {
  if (dtype === 'F32') return new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  if (dtype === 'F16') return new Uint8Array(toFloat16Array(values).buffer);
  const words = new Uint32Array(Float32Array.from(values).buffer);
  return new Uint8Array(Uint16Array.from(words, (w) => w >>> 16).buffer); // bfloat16 by truncation
}

/** A .safetensors file. */
export function encodeSafetensors(tensors: NamedTensor[], dtype: StoredDtype = 'F32'): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  const pieces: Uint8Array[] = [];
  let offset = 0;
  for (const t of tensors) {
    const bytes = encodeValues(t.values, dtype);
    header[t.name] = { dtype, shape: t.shape, data_offsets: [offset, offset + bytes.byteLength] };
    pieces.push(bytes);
    offset += bytes.byteLength;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.byteLength / 8) * 8; // the reference writer pads the header with spaces
  json = Uint8Array.from({ length: padded }, (_, i) => (i < json.byteLength ? json[i] : 0x20));
  const out = new Uint8Array(8 + padded + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(padded), true);
  out.set(json, 8);
  let at = 8 + padded;
  for (const p of pieces) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of stored entries (what torch.save writes). */
export function encodeZip(files: { name: string; data: Uint8Array }[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const file of files) {
    const name = new TextEncoder().encode(file.name);
    const crc = crc32(file.data);
    const local = new DataView(new ArrayBuffer(30));
    local.setUint32(0, 0x04034b50, true);
    local.setUint16(4, 20, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, file.data.byteLength, true);
    local.setUint32(22, file.data.byteLength, true);
    local.setUint16(26, name.byteLength, true);
    chunks.push(new Uint8Array(local.buffer), name, file.data);
    const entry = new DataView(new ArrayBuffer(46));
    entry.setUint32(0, 0x02014b50, true);
    entry.setUint16(4, 20, true);
    entry.setUint16(6, 20, true);
    entry.setUint32(16, crc, true);
    entry.setUint32(20, file.data.byteLength, true);
    entry.setUint32(24, file.data.byteLength, true);
    entry.setUint16(28, name.byteLength, true);
    entry.setUint32(42, offset, true);
    central.push(new Uint8Array(entry.buffer), name);
    offset += 30 + name.byteLength + file.data.byteLength;
  }
  const directorySize = central.reduce((s, c) => s + c.byteLength, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, files.length, true);
  end.setUint16(10, files.length, true);
  end.setUint32(12, directorySize, true);
  end.setUint32(16, offset, true);
  const all = [...chunks, ...central, new Uint8Array(end.buffer)];
  const out = new Uint8Array(all.reduce((s, c) => s + c.byteLength, 0));
  let at = 0;
  for (const c of all) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Pickle protocol 2 of an OrderedDict of tensors, as torch.save writes a state dict. */
function pickleStateDict(tensors: NamedTensor[], dtype: 'F32' | 'F16'): Uint8Array {
  const bytes: number[] = [];
  const push = (...b: number[]) => bytes.push(...b);
  const text = (s: string) => push(...new TextEncoder().encode(s));
  const unicode = (s: string) => {
    const encoded = new TextEncoder().encode(s);
    push(0x58, encoded.byteLength & 0xff, (encoded.byteLength >> 8) & 0xff, (encoded.byteLength >> 16) & 0xff, encoded.byteLength >>> 24, ...encoded);
  };
  const int = (n: number) => push(0x4a, n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff);
  const global = (module: string, name: string) => (push(0x63), text(`${module}\n${name}\n`));
  const orderedDict = () => (global('collections', 'OrderedDict'), push(0x29, 0x52)); // () REDUCE
  push(0x80, 0x02);
  orderedDict();
  push(0x28); // MARK for SETITEMS
  tensors.forEach((t, key) => {
    unicode(t.name);
    global('torch._utils', '_rebuild_tensor_v2');
    push(0x28); // args
    push(0x28); // persistent id ('storage', type, key, location, numel)
    unicode('storage');
    global('torch', dtype === 'F32' ? 'FloatStorage' : 'HalfStorage');
    unicode(String(key));
    unicode('cpu');
    int(t.values.length);
    push(0x74, 0x51); // TUPLE BINPERSID
    int(0); // storage offset
    push(0x28);
    t.shape.forEach(int);
    push(0x74); // size
    push(0x28);
    t.shape.forEach((_, i) => int(t.shape.slice(i + 1).reduce((a, b) => a * b, 1)));
    push(0x74); // stride
    push(0x89); // requires_grad False
    orderedDict(); // backward hooks
    push(0x74, 0x52); // TUPLE REDUCE
  });
  push(0x75, 0x2e); // SETITEMS STOP
  return Uint8Array.from(bytes);
}

/** A pytorch_model.bin in torch.save's zip format. */
export function encodePytorchBin(tensors: NamedTensor[], dtype: 'F32' | 'F16' = 'F32'): Uint8Array {
  return encodeZip([
    { name: 'archive/data.pkl', data: pickleStateDict(tensors, dtype) },
    ...tensors.map((t, key) => ({ name: `archive/data/${key}`, data: encodeValues(t.values, dtype) })),
    { name: 'archive/version', data: new TextEncoder().encode('3\n') },
  ]);
}
