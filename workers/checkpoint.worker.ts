import { exposeToHost } from './exposeToHost';
import type { Precision } from '../models/onnx/graphBuilder';
import { blobByteSource } from '../src/core/checkpoint/byteSource';
import type { ImportProgress } from '../src/core/checkpoint/convert';
import { importCheckpoint } from '../src/core/checkpoint/importCheckpoint';
import { bundledManifest, findOnnxModel } from '../src/core/embedding/manifest';
import type { OrtModuleLike } from '../src/core/embedding/ortTypes';
import { readModelFile, writeModelFile } from '../src/storage/modelStore';

/**
 * Checkpoint import worker: converts a Hugging Face MERT checkpoint the DJ picked into the
 * manifest's ONNX files (src/core/checkpoint/), proves each with a probe run on WASM, and writes it
 * to OPFS as `<variant file>.incoming`. The page promotes the files only after the embed worker has
 * opened them, so a failed import never touches the installed model. The weights file is read one
 * tensor at a time (Blob.slice), never whole, and each ONNX file is written as it is produced.
 */
export interface ConvertedCheckpoint {
  /** Incoming file name in OPFS per precision. */
  incoming: Partial<Record<Precision, string>>;
  parameters: number;
  format: string;
}

const api = {
  async convert(
    modelId: string,
    config: Blob,
    weights: File,
    precisions: Precision[],
    onProgress: (progress: ImportProgress) => void,
  ): Promise<ConvertedCheckpoint> {
    const ort = await import('onnxruntime-web/wasm');
    ort.env.wasm.wasmPaths = new URL(`${import.meta.env.BASE_URL}vendor/ort/`, self.location.origin).href;
    ort.env.wasm.numThreads = 1;
    const incoming: ConvertedCheckpoint['incoming'] = {};
    const result = await importCheckpoint({
      ort: ort as unknown as OrtModuleLike,
      entry: findOnnxModel(bundledManifest, modelId),
      configJson: await config.text(),
      weights: blobByteSource(weights, weights.name),
      weightsFileName: weights.name,
      precisions,
      async stage(fileName, model) {
        await writeModelFile(`${fileName}.incoming`, model.chunks());
      },
      async readStaged(fileName) {
        const bytes = await readModelFile(`${fileName}.incoming`);
        if (!bytes) throw new Error(`${fileName}.incoming vanished from this browser's storage during the import`);
        return bytes;
      },
      onValidated(precision, fileName) {
        incoming[precision] = `${fileName}.incoming`;
      },
      onProgress,
    });
    return { incoming, parameters: result.parameters, format: result.format };
  },
};

export type CheckpointWorkerApi = typeof api;
exposeToHost(api);
