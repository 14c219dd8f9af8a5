/**
 * The whole import, shared by the browser worker and the CLI: convert the checkpoint, then prove
 * each ONNX file with the same validation every model load uses (signature + probe run) before the
 * caller may store it. Nothing is handed over for storing until it has passed.
 * @module
 */
import type { Precision, StreamedModel } from '../../../models/onnx/graphBuilder';
import { bundledManifest, findVariant, type ModelManifest, type OnnxModelEntry } from '../embedding/manifest';
import { createValidatedSession } from '../embedding/modelValidation';
import type { OrtModuleLike, OrtSessionOptions } from '../embedding/ortTypes';
import { CheckpointError, type ByteSource } from './byteSource';
import { convertCheckpoint, type ConvertResult, type ImportProgress } from './convert';
import { parseMertConfig } from './hfConfig';

export interface ImportRequest {
  ort: OrtModuleLike;
  entry: OnnxModelEntry;
  configJson: string;
  weights: ByteSource;
  weightsFileName: string;
  precisions: Precision[];
  /** Write a converted file (manifest variant name) somewhere temporary, chunk by chunk; it is not installed yet. */
  stage(fileName: string, model: StreamedModel): Promise<void>;
  /** Read a staged file back for its probe run. */
  readStaged(fileName: string): Promise<Uint8Array>;
  /** Called once a staged file has passed validation. */
  onValidated?(precision: Precision, fileName: string, bytes: number): void;
  onProgress?(progress: ImportProgress): void;
}

/**
 * The probe run proves the file loads and gives the contract's output; it needs none of the speed
 * tricks that copy the weights again (pre-packed MatMul weights, constant folding of fp16 casts, the
 * memory arena), so it goes without them and the import's peak stays near the file's size.
 */
const PROBE_SESSION_OPTIONS: OrtSessionOptions = {
  executionProviders: ['wasm'],
  graphOptimizationLevel: 'disabled',
  enableCpuMemArena: false,
  enableMemPattern: false,
  extra: { session: { disable_prepacking: '1' } },
};

/**
 * Convert (streamed: one tensor in memory at a time), stage every file, and only then validate them
 * one by one, so the peak is the probe run's: the file's bytes plus onnxruntime's copy.
 */
export async function importCheckpoint(request: ImportRequest): Promise<ConvertResult> {
  const result = await convertCheckpoint({
    ...request,
    onModel: (precision, model) => request.stage(findVariant(request.entry, precision).file, model),
  });
  for (const [index, precision] of request.precisions.entries()) {
    const variant = findVariant(request.entry, precision);
    const model = await request.readStaged(variant.file);
    // The converter's files differ byte for byte from any published one: check the graph instead.
    const session = await createValidatedSession({
      ort: request.ort,
      entry: request.entry,
      variant,
      modelBytes: model,
      skipByteCheck: true,
      sessionOptions: PROBE_SESSION_OPTIONS,
    });
    await session.release?.();
    request.onValidated?.(precision, variant.file, model.byteLength);
    request.onProgress?.({ phase: 'checking', done: index + 1, total: request.precisions.length, precision });
  }
  return result;
}

/** The manifest's (non-test) MERT model whose hidden size and depth config.json describes. */
export function modelForConfig(configJson: string, manifest: ModelManifest = bundledManifest): OnnxModelEntry {
  const config = parseMertConfig(configJson);
  const candidates = manifest.models.filter((m): m is OnnxModelEntry => m.kind === 'onnx' && !m.testOnly);
  const match = candidates.find((m) => m.hiddenSize === config.hiddenSize && m.hiddenStates === config.layers + 1);
  if (!match) {
    throw new CheckpointError(
      `config.json describes a model with hidden size ${config.hiddenSize} and ${config.layers} layers, which is none of ${candidates.map((m) => `${m.name} (${m.hiddenSize}, ${m.hiddenStates - 1})`).join(', ')}`,
    );
  }
  return match;
}

/** The files to download from a model's Hugging Face page (the weights in either format). */
export const CHECKPOINT_FILES = { config: 'config.json', weights: ['model.safetensors', 'pytorch_model.bin'] } as const;
