/**
 * Refuses model files that cannot serve as the model the user chose, with a reason a DJ can act on:
 * corrupt or truncated files, a different model's file (wrong hidden size or layer count), or a
 * graph without the expected input/output. Checks, in order: bytes vs manifest, that onnxruntime
 * can load it, declared inputs/outputs, and one short probe run whose output shape must match.
 * @module
 */
import {
  bundledManifest,
  findOnnxModel,
  findVariant,
  type InputContract,
  type ModelManifest,
  type ModelVariant,
  type OnnxModelEntry,
  type Precision,
} from './manifest';
import { checkModelBytes } from './modelFile';
import type { OrtModuleLike, OrtSessionLike, OrtSessionOptions, OrtTensorConstructor, OrtValueMetadataLike } from './ortTypes';
import { errorMessage } from '../errors';

export class ModelRejectedError extends Error {
  constructor(
    readonly fileName: string,
    readonly reason: string,
  ) {
    super(`Cannot use ${fileName}: ${reason}`);
    this.name = 'ModelRejectedError';
  }
}

/** One second of a deterministic test tone: enough frames to check the output's shape cheaply. */
const PROBE_SAMPLES = 24_000;

function describeOtherModel(manifest: ModelManifest, hiddenSize: number | null, hiddenStates: number | null): string {
  const match = manifest.models.find(
    (m) => m.kind === 'onnx' && (hiddenSize === null || m.hiddenSize === hiddenSize) && (hiddenStates === null || m.hiddenStates === hiddenStates),
  );
  return match ? ` It looks like ${match.name} instead.` : '';
}

function metadataFor(list: readonly OrtValueMetadataLike[] | undefined, name: string): OrtValueMetadataLike | undefined {
  return list?.find((m) => m.name === name);
}

/** Output name of contract-1 files: every hidden state over time, stacked in one wide Concat. */
const CONTRACT_1_OUTPUT = 'hidden_states';

/** Declared-signature check (no inference). Returns the reason for refusal, or null. */
export function checkSessionSignature(
  session: OrtSessionLike,
  entry: OnnxModelEntry,
  contract: InputContract = bundledManifest.inputContract,
  manifest: ModelManifest = bundledManifest,
): string | null {
  const { inputName, outputName } = contract;
  if (session.inputNames.length !== 1 || session.inputNames[0] !== inputName) {
    return `it takes inputs [${session.inputNames.join(', ')}] but ${entry.name} takes one input "${inputName}" (mono 24 kHz audio). It is not a MERT export from models/export_mert.py.`;
  }
  if (!session.outputNames.includes(outputName)) {
    if (session.outputNames.includes(CONTRACT_1_OUTPUT)) {
      return `it was exported for model contract 1 (every hidden state over time in "${CONTRACT_1_OUTPUT}"), which cannot run on WebGPU at MERT's depth. This app needs contract ${contract.contractVersion}: export it again with the current models/export_mert.py, or import the checkpoint again.`;
    }
    return `it has outputs [${session.outputNames.join(', ')}] but no "${outputName}" (the time-mean of every hidden state), so it was not exported with models/export_mert.py.`;
  }
  const input = metadataFor(session.inputMetadata, inputName);
  if (input?.isTensor && input.type !== undefined && input.type !== 'float32') return `its input is ${input.type}, not float32 audio.`;
  if (input?.isTensor && input.shape && input.shape.length > 0 && input.shape.length !== 2) {
    return `its input has ${input.shape.length} dimensions, not [batch, samples].`;
  }
  const output = metadataFor(session.outputMetadata, outputName);
  const shape = output?.isTensor ? output.shape : undefined;
  if (shape && shape.length > 0) {
    if (shape.length !== 3) return `its "${outputName}" output has ${shape.length} dimensions, not [batch, hidden states, hidden size].`;
    const [, states, hidden] = shape;
    return checkStatesAndHidden(typeof states === 'number' ? states : null, typeof hidden === 'number' ? hidden : null, entry, manifest);
  }
  return null;
}

function checkStatesAndHidden(states: number | null, hidden: number | null, entry: OnnxModelEntry, manifest: ModelManifest): string | null {
  if (hidden !== null && hidden !== entry.hiddenSize) {
    return `its hidden size is ${hidden} but ${entry.name} has ${entry.hiddenSize}.${describeOtherModel(manifest, hidden, states)}`;
  }
  if (states !== null && states !== entry.hiddenStates) {
    return `it outputs ${states} hidden states but ${entry.name} has ${entry.hiddenStates}.${describeOtherModel(manifest, hidden, states)}`;
  }
  return null;
}

/** Run one short probe and check the actual output shape and values. Returns the reason, or null. */
export async function probeSession(
  session: OrtSessionLike,
  Tensor: OrtTensorConstructor,
  entry: OnnxModelEntry,
  contract: InputContract = bundledManifest.inputContract,
  manifest: ModelManifest = bundledManifest,
): Promise<string | null> {
  const tone = new Float32Array(PROBE_SAMPLES);
  for (let i = 0; i < tone.length; i++) tone[i] = Math.sin((2 * Math.PI * 440 * i) / contract.sampleRate);
  let outputs: Record<string, { dims: readonly number[]; data: unknown; dispose?(): void }>;
  try {
    outputs = await session.run({ [contract.inputName]: new Tensor('float32', tone, [1, tone.length]) });
  } catch (error) {
    return `a test run failed (${errorMessage(error)}).`;
  }
  const out = outputs[contract.outputName];
  try {
    if (!out) return `a test run produced no "${contract.outputName}" output.`;
    const dims = out.dims;
    if (dims.length !== 3 || dims[0] !== 1)
      return `a test run produced "${contract.outputName}" shaped [${dims.join(', ')}], not [1, hidden states, hidden size].`;
    const mismatch = checkStatesAndHidden(dims[1], dims[2], entry, manifest);
    if (mismatch) return mismatch;
    const data = out.data;
    if (!(data instanceof Float32Array)) return `its output is not float32.`;
    for (let i = 0; i < data.length; i++) if (!Number.isFinite(data[i])) return 'a test run produced NaN or infinite values (the weights are damaged).';
    // A kernel the device refused leaves its output buffer zeroed rather than throwing.
    if (data.every((v) => v === 0)) return 'a test run produced only zeros (a kernel failed on this device).';
    return null;
  } finally {
    for (const value of Object.values(outputs)) value.dispose?.();
  }
}

export interface LoadModelRequest {
  ort: OrtModuleLike;
  entry: OnnxModelEntry;
  variant: ModelVariant;
  modelBytes: Uint8Array;
  /** The external-data file's bytes when the variant has one. */
  externalDataBytes?: Uint8Array;
  sessionOptions?: OrtSessionOptions;
  /** Skip the byte-level check (e.g. files the user exported themselves under another name). */
  skipByteCheck?: boolean;
  manifest?: ModelManifest;
}

/**
 * What a host opens for the model `modelId` at `precision`. Test-only models are generated per run
 * (their bytes may differ from the manifest's), so only their shape and outputs are checked.
 */
export function modelToOpen(modelId: string, precision: Precision, manifest: ModelManifest = bundledManifest) {
  const entry = findOnnxModel(manifest, modelId);
  return { entry, variant: findVariant(entry, precision), skipByteCheck: entry.testOnly };
}

/**
 * Create an inference session from model bytes and prove it is the model `entry` describes.
 * Throws ModelRejectedError (the caller keeps its previous model) and releases the bad session.
 */
export async function createValidatedSession(request: LoadModelRequest): Promise<OrtSessionLike> {
  const { ort, entry, variant, modelBytes } = request;
  const manifest = request.manifest ?? bundledManifest;
  const contract = manifest.inputContract;
  if (!request.skipByteCheck) {
    const problem = await checkModelBytes(modelBytes, variant);
    if (problem) throw new ModelRejectedError(variant.file, problem);
  }
  if (variant.externalDataFile && !request.externalDataBytes) {
    throw new ModelRejectedError(variant.file, `its weights live in ${variant.externalDataFile}; pick that file too.`);
  }
  const options: OrtSessionOptions = { ...request.sessionOptions };
  if (variant.externalDataFile && request.externalDataBytes) {
    options.externalData = [{ path: variant.externalDataFile, data: request.externalDataBytes }];
  }
  let session: OrtSessionLike;
  try {
    session = await ort.InferenceSession.create(modelBytes, options);
  } catch (error) {
    const detail = errorMessage(error);
    throw new ModelRejectedError(
      variant.file,
      `it is not a loadable ONNX model — the file may be truncated, corrupt or not an .onnx file (onnxruntime: ${detail.slice(0, 300)}).`,
    );
  }
  const problem = checkSessionSignature(session, entry, contract, manifest) ?? (await probeSession(session, ort.Tensor, entry, contract, manifest));
  if (problem) {
    await session.release?.();
    throw new ModelRejectedError(variant.file, problem);
  }
  return session;
}
