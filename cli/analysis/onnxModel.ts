/**
 * An ONNX embedding model (MERT contract) opened in Node with onnxruntime-web's Node build (WASM
 * backend, one thread per worker: the CLI parallelises across workers). The file is validated the
 * same way the browser's embed worker validates it (createValidatedSession).
 * @module
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-web';
import type { Precision } from '../../src/core/embedding/manifest';
import { createValidatedSession, modelToOpen } from '../../src/core/embedding/modelValidation';
import { OnnxEmbedder } from '../../src/core/embedding/onnxEmbedder';
import type { OrtModuleLike } from '../../src/core/embedding/ortTypes';
import { describeFsError } from '../errors';

export interface OnnxModelFile {
  modelId: string;
  precision: Precision;
  /** The .onnx file (its external-data file, if the variant has one, sits beside it). */
  path: string;
}

async function readModelBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new Error(`Cannot read the ${what} ${path}: ${describeFsError(error)}`, { cause: error });
  }
}

export async function openOnnxEmbedder(model: OnnxModelFile): Promise<OnnxEmbedder> {
  ort.env.wasm.numThreads = 1;
  const toOpen = modelToOpen(model.modelId, model.precision);
  const { entry, variant } = toOpen;
  const modelBytes = await readModelBytes(model.path, 'model file');
  const externalDataBytes = variant.externalDataFile
    ? await readModelBytes(join(dirname(model.path), variant.externalDataFile), 'model weights file')
    : undefined;
  const sessionOptions = { executionProviders: ['wasm'], graphOptimizationLevel: 'all' } as const;
  const session = await createValidatedSession({ ...toOpen, ort: ort as unknown as OrtModuleLike, modelBytes, externalDataBytes, sessionOptions });
  return new OnnxEmbedder({ session, Tensor: ort.Tensor as never, entry });
}
