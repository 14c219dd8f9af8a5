/**
 * Converts a Hugging Face MERT checkpoint (config.json + model.safetensors or pytorch_model.bin)
 * into the app's contract-2 ONNX files, by feeding its weights to the same graph builder that makes
 * the test models (models/mertShapedModel.ts). Hugging Face layout → graph layout:
 *   - nn.Linear weights [out, in] are transposed to MatMul's [in, out];
 *   - the positional conv's weight norm (weight_g, weight_v; dim=2) is folded into one weight,
 *     w = g · v / ‖v‖ with the norm over every dim except 2, as torch.nn.utils.weight_norm(dim=2);
 *   - everything else keeps its name and shape.
 * The ONNX files are streamed: each tensor is read from the checkpoint, converted and written when
 * its turn comes in the file, so memory holds one tensor, never the model (the checkpoint is read
 * once per precision).
 * @module
 */
import { MERT_SHAPES, streamMertShapedModel, type MertShapeConfig } from '../../../models/mertShapedModel';
import type { Precision, StreamedModel } from '../../../models/onnx/graphBuilder';
import type { OnnxModelEntry } from '../embedding/manifest';
import { CheckpointError, type ByteSource } from './byteSource';
import { parseMertConfig } from './hfConfig';
import { readPytorchBin } from './pytorchBin';
import { readSafetensors } from './safetensors';
import { isFloatDtype, type Checkpoint, type CheckpointTensor } from './tensors';

/** Names in MERT/HuBERT checkpoints that the inference graph does not use (pre-training only). */
const UNUSED_NAMES = [/^masked_spec_embed$/, /^label_embs_concat$/, /^final_proj\./];
const LINEAR_WEIGHT = /(?:\.(?:q_proj|k_proj|v_proj|out_proj|intermediate_dense|output_dense)|^feature_projection\.projection)\.weight$/;
const POS_CONV_WEIGHT = 'encoder.pos_conv_embed.conv.weight';
/** Weight-norm halves of the positional conv: old (weight_norm) and new (parametrizations) naming. */
const WEIGHT_NORM_NAMES = [
  { g: 'encoder.pos_conv_embed.conv.weight_g', v: 'encoder.pos_conv_embed.conv.weight_v' },
  { g: 'encoder.pos_conv_embed.conv.parametrizations.weight.original0', v: 'encoder.pos_conv_embed.conv.parametrizations.weight.original1' },
];
/** Manifest models whose full published configuration is known: the checkpoint must match it. */
const PUBLISHED_SHAPES: Record<string, MertShapeConfig> = { 'mert-v1-95m': MERT_SHAPES['mert-v1-95m'], 'mert-v1-330m': MERT_SHAPES['mert-v1-330m'] };

export interface ImportProgress {
  phase: 'reading' | 'writing' | 'checking';
  /** Tensors converted so far over every file (reading), files written (writing) or files that passed a probe run (checking). */
  done: number;
  total: number;
  precision?: Precision;
}

export interface ConvertRequest {
  /** The manifest model the files will serve as (its hidden size and depth must match). */
  entry: OnnxModelEntry;
  configJson: string;
  weights: ByteSource;
  weightsFileName: string;
  precisions: Precision[];
  /** Writes each ONNX file: pull its chunks in order and store them (the converter keeps no copy). */
  onModel(precision: Precision, model: StreamedModel): Promise<void>;
  onProgress?(progress: ImportProgress): void;
}

export interface ConvertResult {
  config: MertShapeConfig;
  format: Checkpoint['format'];
  parameters: number;
}

/** Every learned parameter of the graph for `config`: name → dims in graph layout. */
export function expectedParameters(config: MertShapeConfig): Map<string, number[]> {
  const expected = new Map<string, number[]>();
  // Deferred weights are never read here: only the graph is built, no weight bytes are made.
  streamMertShapedModel(config, {
    weightSource(name, dims) {
      expected.set(name, dims);
      return {
        deferred: () => {
          throw new Error(`expectedParameters never writes weights (${name})`);
        },
      };
    },
  });
  return expected;
}

/** Open weights by content: safetensors starts with its header length, a torch.save zip with "PK". */
export async function openCheckpoint(source: ByteSource, fileName: string): Promise<Checkpoint> {
  if (source.size < 8) throw new CheckpointError(`${fileName} is empty or truncated (${source.size} bytes)`);
  const head = await source.read(0, 4);
  if (head[0] === 0x50 && head[1] === 0x4b) return readPytorchBin(source, fileName);
  // Legacy torch.save starts with a pickled magic number (PROTO 2, LONG1); a safetensors header length never has these 3 bytes in practice
  if (head[0] === 0x80 && head[1] === 0x02 && head[2] === 0x8a)
    throw new CheckpointError(`${fileName} is a legacy (pre-zip) PyTorch file; save it again with torch.save from PyTorch ≥ 1.6 or use model.safetensors`);
  return readSafetensors(source, fileName);
}

const hfDims = (name: string, dims: number[]) => (LINEAR_WEIGHT.test(name) ? [dims[1], dims[0]] : dims);
const sameDims = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

function transpose(values: Float32Array, rows: number, columns: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < columns; c++) out[c * rows + r] = values[r * columns + c];
  return out;
}

/** torch.nn.utils.weight_norm(dim=2): w[o, i, k] = g[k] · v[o, i, k] / ‖v[:, :, k]‖. */
export function foldWeightNorm(g: Float32Array, v: Float32Array, dims: number[]): Float32Array {
  const kernel = dims[2];
  const norms = new Float64Array(kernel);
  for (let n = 0; n < v.length; n++) norms[n % kernel] += v[n] * v[n];
  const scale = Float64Array.from(norms, (sum, k) => g[k] / Math.sqrt(sum));
  return Float32Array.from(v, (x, n) => x * scale[n % kernel]);
}

function describeShape(c: MertShapeConfig): string {
  return `hidden size ${c.hiddenSize}, ${c.layers} layers`;
}

function checkConfigFitsModel(config: MertShapeConfig, entry: OnnxModelEntry): void {
  if (config.hiddenSize !== entry.hiddenSize || config.layers + 1 !== entry.hiddenStates) {
    throw new CheckpointError(
      `config.json describes a model with ${describeShape(config)}, but ${entry.name} has hidden size ${entry.hiddenSize}, ${entry.hiddenStates - 1} layers: download config.json from ${entry.name}'s page`,
    );
  }
  const published = PUBLISHED_SHAPES[entry.id];
  if (!published) return;
  const differences = (Object.keys(published) as (keyof MertShapeConfig)[])
    .filter((key) => JSON.stringify(published[key]) !== JSON.stringify(config[key]))
    .map((key) => `${key} ${JSON.stringify(config[key])} (expected ${JSON.stringify(published[key])})`);
  if (config.convBias) differences.push('conv_bias true (expected false)');
  if (differences.length > 0) throw new CheckpointError(`config.json is not ${entry.name}'s configuration: ${differences.join(', ')}`);
}

function listNames(names: string[]): string {
  return names.length <= 8 ? names.join(', ') : `${names.slice(0, 8).join(', ')} and ${names.length - 8} more`;
}

/**
 * Map checkpoint names to graph names and check every expected tensor's presence, dtype and shape
 * before anything is read. Returns, per graph weight, how to produce it.
 */
function planMapping(checkpoint: Checkpoint, expected: Map<string, number[]>, fileName: string) {
  // Checkpoints saved from a model with a head prefix their base model's names ("hubert.", "mert.", …).
  const anchor = 'feature_projection.projection.weight';
  const anchored = [...checkpoint.tensors.keys()].find((n) => n === anchor || n.endsWith(`.${anchor}`));
  const prefix = anchored ? anchored.slice(0, -anchor.length) : '';
  const tensor = (name: string) => checkpoint.tensors.get(prefix + name);
  const used = new Set<string>();
  const missing: string[] = [];
  const problems: string[] = [];
  const plan = new Map<string, () => Promise<Float32Array>>();
  const check = (t: CheckpointTensor, dims: number[] | null, count?: number) => {
    used.add(t.name);
    if (!isFloatDtype(t.dtype)) problems.push(`${t.name} has dtype ${t.dtype} (expected F32, F16 or BF16)`);
    else if (dims && !sameDims(t.shape, dims)) problems.push(`${t.name} has shape [${t.shape}] (expected [${dims}])`);
    else if (count !== undefined && t.shape.reduce((a, b) => a * b, 1) !== count) problems.push(`${t.name} has shape [${t.shape}] (expected ${count} values)`);
  };
  for (const [name, dims] of expected) {
    const direct = tensor(name);
    if (name === POS_CONV_WEIGHT && !direct) {
      const pair = WEIGHT_NORM_NAMES.map(({ g, v }) => ({ g: tensor(g), v: tensor(v) })).find((p) => p.g && p.v);
      if (!pair?.g || !pair.v) {
        missing.push(`${prefix}${WEIGHT_NORM_NAMES[0].g} and ${prefix}${WEIGHT_NORM_NAMES[0].v}`);
        continue;
      }
      const { g, v } = pair;
      check(g, null, dims[2]);
      check(v, dims);
      plan.set(name, async () => foldWeightNorm(await g.read(), await v.read(), dims));
      continue;
    }
    if (!direct) {
      missing.push(prefix + name);
      continue;
    }
    check(direct, hfDims(name, dims));
    plan.set(name, LINEAR_WEIGHT.test(name) ? async () => transpose(await direct.read(), dims[1], dims[0]) : () => direct.read());
  }
  const unexpected = [...checkpoint.tensors.keys()].filter((n) => !used.has(n) && !UNUSED_NAMES.some((re) => re.test(n.slice(prefix.length))));
  const reasons: string[] = [];
  if (missing.length > 0) reasons.push(`missing ${missing.length} tensor${missing.length > 1 ? 's' : ''}: ${listNames(missing)}`);
  if (unexpected.length > 0) reasons.push(`unexpected tensor${unexpected.length > 1 ? 's' : ''}: ${listNames(unexpected)}`);
  if (problems.length > 0) reasons.push(listNames(problems));
  if (reasons.length > 0) throw new CheckpointError(`${fileName} does not match config.json: ${reasons.join('; ')}`);
  return plan;
}

export async function convertCheckpoint(request: ConvertRequest): Promise<ConvertResult> {
  const config = parseMertConfig(request.configJson);
  checkConfigFitsModel(config, request.entry);
  const checkpoint = await openCheckpoint(request.weights, request.weightsFileName);
  const plan = planMapping(checkpoint, expectedParameters(config), request.weightsFileName);
  const total = plan.size * request.precisions.length;
  let done = 0;
  const readChecked = async (name: string) => {
    const values = await plan.get(name)!();
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) throw new CheckpointError(`${request.weightsFileName}: ${name} holds a non-finite value (the file is damaged)`);
    }
    request.onProgress?.({ phase: 'reading', done: ++done, total });
    return values;
  };
  let parameters = 0;
  for (const [index, precision] of request.precisions.entries()) {
    const streamed = streamMertShapedModel(config, {
      precision,
      weightSource: (name) => ({ deferred: () => readChecked(name) }),
      docString: `${request.entry.name} converted by rbassist from the Hugging Face checkpoint (${request.weightsFileName}). Licence: ${request.entry.licence}.`,
      metadata: { 'rbassist.model_id': request.entry.id, 'rbassist.source': `${checkpoint.format} checkpoint` },
    });
    parameters = streamed.parameters;
    await request.onModel(precision, streamed);
    request.onProgress?.({ phase: 'writing', done: index + 1, total: request.precisions.length, precision });
  }
  return { config, format: checkpoint.format, parameters };
}

/** Collect a streamed model into one buffer (tests and small models). */
export async function collectModel(model: StreamedModel): Promise<Uint8Array> {
  const bytes = new Uint8Array(model.byteLength);
  let offset = 0;
  for await (const chunk of model.chunks()) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  if (offset !== model.byteLength) throw new Error(`The model stream gave ${offset} bytes, announced ${model.byteLength}`);
  return bytes;
}
