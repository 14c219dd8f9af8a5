import { expose, transfer } from 'comlink';
import * as ort from 'onnxruntime-web';
import { findOnnxModel, findVariant, bundledManifest, type Precision } from '../src/core/embedding/manifest';
import { createValidatedSession, ModelRejectedError } from '../src/core/embedding/modelValidation';
import { OnnxEmbedder } from '../src/core/embedding/onnxEmbedder';
import type { OrtModuleLike, OrtSessionLike } from '../src/core/embedding/ortTypes';
import { readModelFile } from '../src/storage/modelStore';

/**
 * Embed worker: one onnxruntime-web session on WebGPU when the browser gives an adapter (fp16 when
 * it has `shader-f16` and the model has an fp16 file), else on WASM (SIMD; threads when the page is
 * cross-origin isolated). Model bytes come from OPFS only. The runtime files are self-hosted.
 */
export type DeviceRequest = 'auto' | 'webgpu' | 'wasm';
export type Device = 'webgpu' | 'wasm';

export interface EmbedSetup {
  modelId: string;
  device: Device;
  precision: Precision;
  threads: number;
  adapter?: string;
  /** Why the device differs from what was asked for, if it does. */
  note?: string;
}

ort.env.wasm.wasmPaths = new URL(`${import.meta.env.BASE_URL}vendor/ort/`, self.location.origin).href;
ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 2) : 1;

/** The few WebGPU types used here (the full @webgpu/types are not needed for this). */
interface GpuAdapterLike {
  features: { has(feature: string): boolean };
  info?: { vendor?: string; architecture?: string; description?: string };
}
interface GpuLike {
  requestAdapter(): Promise<GpuAdapterLike | null>;
}

let embedder: OnnxEmbedder | null = null;
let session: OrtSessionLike | null = null;
let setup: EmbedSetup | null = null;

async function gpuAdapter(): Promise<GpuAdapterLike | null> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return null;
  try {
    return await gpu.requestAdapter();
  } catch {
    return null;
  }
}

/** Where to read a model's files in OPFS (defaults: the manifest names; imports validate under other names). */
export interface ModelFileNames {
  model?: string;
  externalData?: string;
}

async function tryCreate(modelId: string, device: Device, precision: Precision, names: ModelFileNames = {}) {
  const entry = findOnnxModel(bundledManifest, modelId);
  const variant = findVariant(entry, precision);
  const modelBytes = await readModelFile(names.model ?? variant.file);
  if (!modelBytes) throw new ModelRejectedError(variant.file, 'it is not installed yet: download it or load it from a file first.');
  const externalName = names.externalData ?? variant.externalDataFile;
  const externalDataBytes = externalName ? await readModelFile(externalName) : undefined;
  const created = await createValidatedSession({
    ort: ort as unknown as OrtModuleLike,
    entry,
    variant,
    modelBytes,
    externalDataBytes,
    skipByteCheck: entry.testOnly,
    sessionOptions: { executionProviders: [device], graphOptimizationLevel: 'all' },
  });
  return { entry, session: created };
}

const api = {
  /** Open `modelId` on the requested device; a rejected model leaves the previous one in use. */
  async load(modelId: string, request: DeviceRequest = 'auto', precisionRequest: Precision | 'auto' = 'auto', names: ModelFileNames = {}): Promise<EmbedSetup> {
    const adapter = request === 'wasm' ? null : await gpuAdapter();
    let device: Device = adapter ? 'webgpu' : 'wasm';
    let note: string | undefined;
    if (request === 'webgpu' && !adapter) note = 'WebGPU is not available in this browser; using WASM (CPU).';
    const entry = findOnnxModel(bundledManifest, modelId);
    const hasFp16 = entry.variants.some((v) => v.precision === 'fp16');
    let precision: Precision =
      precisionRequest !== 'auto' ? precisionRequest : device === 'webgpu' && adapter?.features.has('shader-f16') && hasFp16 ? 'fp16' : 'fp32';
    let created: Awaited<ReturnType<typeof tryCreate>>;
    try {
      created = await tryCreate(modelId, device, precision, names);
    } catch (error) {
      if (device !== 'webgpu' || error instanceof ModelRejectedError) throw error;
      // WebGPU session creation can fail on drivers; the CPU path always works.
      note = `WebGPU failed (${(error as Error).message.slice(0, 120)}); using WASM (CPU).`;
      device = 'wasm';
      precision = precisionRequest === 'auto' ? 'fp32' : precisionRequest;
      created = await tryCreate(modelId, device, precision, names);
    }
    await session?.release?.();
    session = created.session;
    embedder = new OnnxEmbedder({ session: created.session, Tensor: ort.Tensor as never, entry: created.entry });
    const info = adapter?.info;
    setup = {
      modelId,
      device,
      precision,
      threads: device === 'wasm' ? ort.env.wasm.numThreads ?? 1 : 0,
      adapter: device === 'webgpu' && info ? [info.vendor, info.architecture, info.description].filter(Boolean).join(' ') || 'WebGPU adapter' : undefined,
      note,
    };
    return setup;
  },

  current(): EmbedSetup | null {
    return setup;
  },

  /** Embed one track from its windows (mono PCM at the model's 24 kHz). */
  async embed(windows: Float32Array[], sampleRate: number): Promise<{ vector: Float32Array; batchSize: number; ms: number }> {
    if (!embedder) throw new Error('No model is loaded');
    const started = performance.now();
    const vector = await embedder.embed(windows, sampleRate);
    // A kernel the device refused can leave an empty or non-finite result: never store that as a vector.
    let norm = 0;
    for (const v of vector) norm += v * v;
    if (!Number.isFinite(norm) || norm < 0.5) {
      throw new Error(`The model produced no usable vector on ${setup?.device ?? 'this device'} (it may exceed the device's limits); choose CPU (WASM) in Settings.`);
    }
    return transfer({ vector, batchSize: embedder.batchSize, ms: performance.now() - started }, [vector.buffer]);
  },
};

export type EmbedWorkerApi = typeof api;
expose(api);
