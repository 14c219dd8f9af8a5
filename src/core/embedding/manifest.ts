/**
 * The model manifest (models/manifest.json): which embedders exist, their files, sizes, checksums,
 * hidden sizes and the input/output contract. Parsed and checked once so the rest of the code can
 * rely on the types.
 * @module
 */
import bundledManifestJson from '../../../models/manifest.json';

export type Precision = 'fp32' | 'fp16' | 'int8';

export interface ModelVariant {
  precision: Precision;
  file: string;
  /** Companion weights file (ONNX external data), or null when the weights are inside `file`. */
  externalDataFile: string | null;
  /** Exact size of `file`, or null when unknown (user-made exports). */
  bytes: number | null;
  /** Lower-case hex sha256 of `file`, or null when unknown. */
  sha256: string | null;
  /** Rough size for progress bars and disk-space warnings. */
  approxBytes: number;
}

interface ModelEntryBase {
  id: string;
  name: string;
  description: string;
  licence: string;
  testOnly: boolean;
}

export interface BuiltinModelEntry extends ModelEntryBase {
  kind: 'builtin';
  version: number;
}

export interface OnnxModelEntry extends ModelEntryBase {
  kind: 'onnx';
  hiddenSize: number;
  transformerLayers: number;
  /** Number of hidden states the model outputs (transformer layers + 1). */
  hiddenStates: number;
  /** Hidden-state indices averaged by pooling; "all" = every one. */
  poolLayers: 'all' | number[];
  parameters: number;
  /** Default base URL for downloads (the file name is appended); null = the user must configure one. */
  downloadBaseUrl: string | null;
  variants: ModelVariant[];
}

export type ModelEntry = BuiltinModelEntry | OnnxModelEntry;

/** The model I/O contract this app speaks (see models/README.md, "Model contract"). */
export const MODEL_CONTRACT_VERSION = 2;

export interface InputContract {
  contractVersion: number;
  sampleRate: number;
  chunkSamples: number;
  inputName: string;
  outputName: string;
  frameRate: number;
  framesPerChunk: number;
}

export interface ModelManifest {
  manifestVersion: number;
  defaultModelId: string;
  embeddingDimensions: number;
  inputContract: InputContract;
  models: ModelEntry[];
}

class ManifestError extends Error {
  constructor(path: string, problem: string) {
    super(`Model manifest is invalid at ${path}: ${problem}`);
    this.name = 'ManifestError';
  }
}

type Json = Record<string, unknown>;

function object(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ManifestError(path, 'expected an object');
  return value as Json;
}
function string(o: Json, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') throw new ManifestError(`${path}.${key}`, 'expected a non-empty string');
  return v;
}
function nullableString(o: Json, key: string, path: string): string | null {
  return o[key] === null || o[key] === undefined ? null : string(o, key, path);
}
function positiveInt(o: Json, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new ManifestError(`${path}.${key}`, 'expected a positive integer');
  return v;
}
function nullablePositiveInt(o: Json, key: string, path: string): number | null {
  return o[key] === null || o[key] === undefined ? null : positiveInt(o, key, path);
}

function parseVariant(value: unknown, path: string): ModelVariant {
  const o = object(value, path);
  const precision = string(o, 'precision', path);
  if (precision !== 'fp32' && precision !== 'fp16' && precision !== 'int8')
    throw new ManifestError(`${path}.precision`, `expected fp32, fp16 or int8, got ${precision}`);
  const sha256 = nullableString(o, 'sha256', path);
  if (sha256 !== null && !/^[0-9a-f]{64}$/.test(sha256)) throw new ManifestError(`${path}.sha256`, 'expected 64 lower-case hex digits');
  return {
    precision,
    file: string(o, 'file', path),
    externalDataFile: nullableString(o, 'externalDataFile', path),
    bytes: nullablePositiveInt(o, 'bytes', path),
    sha256,
    approxBytes: positiveInt(o, 'approxBytes', path),
  };
}

function parseEntry(value: unknown, path: string): ModelEntry {
  const o = object(value, path);
  const base = {
    id: string(o, 'id', path),
    name: string(o, 'name', path),
    description: string(o, 'description', path),
    licence: string(o, 'licence', path),
    testOnly: o.testOnly === true,
  };
  if (o.kind === 'builtin') return { ...base, kind: 'builtin', version: positiveInt(o, 'version', path) };
  if (o.kind !== 'onnx') throw new ManifestError(`${path}.kind`, `expected "builtin" or "onnx", got ${String(o.kind)}`);
  const hiddenStates = positiveInt(o, 'hiddenStates', path);
  const transformerLayers = positiveInt(o, 'transformerLayers', path);
  if (hiddenStates !== transformerLayers + 1) throw new ManifestError(path, `hiddenStates (${hiddenStates}) must be transformerLayers + 1`);
  let poolLayers: 'all' | number[] = 'all';
  if (o.poolLayers !== 'all') {
    if (!Array.isArray(o.poolLayers) || o.poolLayers.length === 0 || !o.poolLayers.every((i) => Number.isInteger(i) && i >= 0 && i < hiddenStates)) {
      throw new ManifestError(`${path}.poolLayers`, `expected "all" or a list of indices below ${hiddenStates}`);
    }
    poolLayers = o.poolLayers as number[];
  }
  if (!Array.isArray(o.variants) || o.variants.length === 0) throw new ManifestError(`${path}.variants`, 'expected at least one variant');
  const download = o.download === undefined ? {} : object(o.download, `${path}.download`);
  return {
    ...base,
    kind: 'onnx',
    hiddenSize: positiveInt(o, 'hiddenSize', path),
    transformerLayers,
    hiddenStates,
    poolLayers,
    parameters: positiveInt(o, 'parameters', path),
    downloadBaseUrl: nullableString(download, 'baseUrl', `${path}.download`),
    variants: o.variants.map((v, i) => parseVariant(v, `${path}.variants[${i}]`)),
  };
}

/** Check and type a manifest object (as read from JSON). Throws a ManifestError naming the bad field. */
export function parseModelManifest(value: unknown): ModelManifest {
  const o = object(value, 'manifest');
  const contract = object(o.inputContract, 'inputContract');
  const input = object(contract.input, 'inputContract.input');
  const output = object(contract.output, 'inputContract.output');
  if (!Array.isArray(o.models)) throw new ManifestError('models', 'expected a list');
  const contractVersion = positiveInt(contract, 'contractVersion', 'inputContract');
  if (contractVersion !== MODEL_CONTRACT_VERSION) {
    throw new ManifestError(
      'inputContract.contractVersion',
      `this app speaks model contract ${MODEL_CONTRACT_VERSION}, the manifest describes ${contractVersion}`,
    );
  }
  const models = o.models.map((m, i) => parseEntry(m, `models[${i}]`));
  const ids = new Set<string>();
  for (const m of models) {
    if (ids.has(m.id)) throw new ManifestError('models', `duplicate id ${m.id}`);
    ids.add(m.id);
  }
  const defaultModelId = string(o, 'defaultModelId', 'manifest');
  if (!ids.has(defaultModelId)) throw new ManifestError('defaultModelId', `no model with id ${defaultModelId}`);
  return {
    manifestVersion: positiveInt(o, 'manifestVersion', 'manifest'),
    defaultModelId,
    embeddingDimensions: positiveInt(o, 'embeddingDimensions', 'manifest'),
    inputContract: {
      contractVersion,
      sampleRate: positiveInt(contract, 'sampleRate', 'inputContract'),
      chunkSamples: positiveInt(contract, 'chunkSamples', 'inputContract'),
      inputName: string(input, 'name', 'inputContract.input'),
      outputName: string(output, 'name', 'inputContract.output'),
      frameRate: positiveInt(contract, 'frameRate', 'inputContract'),
      framesPerChunk: positiveInt(contract, 'framesPerChunk', 'inputContract'),
    },
    models,
  };
}

/** The manifest shipped with the app (models/manifest.json). */
export const bundledManifest: ModelManifest = parseModelManifest(bundledManifestJson);

/** Look up a model by id; throws with the list of known ids when it does not exist. */
export function findModel(manifest: ModelManifest, id: string): ModelEntry {
  const entry = manifest.models.find((m) => m.id === id);
  if (!entry) throw new Error(`Unknown model "${id}". Known models: ${manifest.models.map((m) => m.id).join(', ')}`);
  return entry;
}

/** Look up an ONNX model by id (throws for the built-in one). */
export function findOnnxModel(manifest: ModelManifest, id: string): OnnxModelEntry {
  const entry = findModel(manifest, id);
  if (entry.kind !== 'onnx') throw new Error(`Model "${id}" is built in and has no ONNX file`);
  return entry;
}

/** The variant of a model for a precision; throws when the model has none. */
export function findVariant(entry: OnnxModelEntry, precision: Precision): ModelVariant {
  const variant = entry.variants.find((v) => v.precision === precision);
  if (!variant) throw new Error(`${entry.name} has no ${precision} file (available: ${entry.variants.map((v) => v.precision).join(', ')})`);
  return variant;
}

/** Hidden-state indices to average for a model. */
export function poolLayerIndices(entry: OnnxModelEntry): number[] {
  return entry.poolLayers === 'all' ? Array.from({ length: entry.hiddenStates }, (_, i) => i) : [...entry.poolLayers];
}

/**
 * What precision "automatic" means on a device: fp16 on a GPU with shader-f16, int8 on the CPU
 * (its integer kernels run several times faster than fp32 there), else fp32 — each only when the
 * model has that file and it is installed.
 */
export function autoPrecision(
  entry: OnnxModelEntry,
  device: 'webgpu' | 'wasm',
  options: { shaderF16: boolean; installed(precision: Precision): boolean },
): Precision {
  const available = (precision: Precision) => entry.variants.some((v) => v.precision === precision) && options.installed(precision);
  if (device === 'webgpu' && options.shaderF16 && available('fp16')) return 'fp16';
  if (device === 'wasm' && available('int8')) return 'int8';
  return 'fp32';
}

/** int8 files use integer operators (MatMulInteger) that WebGPU does not run: they stay on the CPU. */
export const runsOnWebGpu = (precision: Precision) => precision !== 'int8';
