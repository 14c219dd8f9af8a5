/**
 * The whole import, shared by the browser worker and the CLI: convert the checkpoint, then prove
 * each ONNX file with the same validation every model load uses (signature + probe run) before the
 * caller may store it. Nothing is handed over for storing until it has passed.
 */
import type { Precision } from '../../../models/onnx/graphBuilder';
import { bundledManifest, findVariant, type ModelManifest, type OnnxModelEntry } from '../embedding/manifest';
import { createValidatedSession } from '../embedding/modelValidation';
import type { OrtModuleLike } from '../embedding/ortTypes';
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
  /** Receives each validated file (variant file name from the manifest). */
  onValidated(precision: Precision, fileName: string, model: Uint8Array): Promise<void>;
  onProgress?(progress: ImportProgress): void;
}

export async function importCheckpoint(request: ImportRequest): Promise<ConvertResult> {
  return convertCheckpoint({
    ...request,
    async onModel(precision, model) {
      const variant = findVariant(request.entry, precision);
      // The converter's files differ byte for byte from any published one: check the graph instead.
      const session = await createValidatedSession({ ort: request.ort, entry: request.entry, variant, modelBytes: model, skipByteCheck: true });
      await session.release?.();
      await request.onValidated(precision, variant.file, model);
    },
  });
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
