import { transfer } from 'comlink';
import { exposeToHost } from './exposeToHost';
import { BatchSizeTuner } from '../src/core/embedding/batchTuner';
import { maxBatchForLimits, type GpuBufferLimits } from '../src/core/embedding/deviceLimits';
import { autoPrecision, findOnnxModel, bundledManifest, runsOnWebGpu, type Precision } from '../src/core/embedding/manifest';
import { createValidatedSession, ModelRejectedError, modelToOpen } from '../src/core/embedding/modelValidation';
import { OnnxEmbedder } from '../src/core/embedding/onnxEmbedder';
import { vectorProblem } from '../src/core/embedding/usableVector';
import type { OrtModuleLike, OrtSessionLike } from '../src/core/embedding/ortTypes';
import { hasModelFile, readModelFile } from '../src/storage/modelStore';
import { errorMessage } from '../src/core/errors';

/**
 * Embed worker: one onnxruntime-web session on WebGPU when the browser gives an adapter (fp16 when
 * it has `shader-f16` and the model has an fp16 file), else on WASM (SIMD; threads when the page is
 * cross-origin isolated). Model bytes come from OPFS only. The runtime files are self-hosted.
 *
 * Each device gets the onnxruntime-web build made for it: `onnxruntime-web/webgpu` (the native
 * WebGPU execution provider, on the asyncify WASM) for the GPU, `onnxruntime-web/wasm` (plain
 * SIMD-threaded WASM, no asyncify overhead) for the CPU. The JSEP build is not used: its WebGPU
 * path is deprecated and has no multi-pass Concat.
 */
export type DeviceRequest = 'auto' | 'webgpu' | 'wasm';
export type Device = 'webgpu' | 'wasm';

export interface EmbedSetup {
  modelId: string;
  /** Where inference actually runs: a session that fell back to the CPU says 'wasm'. */
  device: Device;
  precision: Precision;
  threads: number;
  adapter?: string;
  /** Largest batch the device's buffer limits allow (WebGPU), before measurement. */
  maxBatch: number;
  /** Why the device differs from what was asked for, if it does. */
  note?: string;
}

/** The GPU device was lost (driver reset, GPU removed, out of memory): the worker must be replaced. */
export class DeviceLostError extends Error {
  constructor(detail: string) {
    super(`The GPU device was lost (${detail}); the embed worker is replaced and the track retried.`);
    this.name = 'DeviceLostError';
  }
}

type OrtBuild = typeof import('onnxruntime-web/webgpu');

async function loadRuntime(device: Device): Promise<OrtBuild> {
  const ort: OrtBuild = device === 'webgpu' ? await import('onnxruntime-web/webgpu') : await import('onnxruntime-web/wasm');
  ort.env.wasm.wasmPaths = new URL(`${import.meta.env.BASE_URL}vendor/ort/`, self.location.origin).href;
  ort.env.wasm.numThreads = self.crossOriginIsolated ? Math.min(4, navigator.hardwareConcurrency || 2) : 1;
  return ort;
}

/** The few WebGPU types used here (the full @webgpu/types are not needed for this). */
interface GpuDeviceLike {
  readonly lost: Promise<{ reason?: string; message: string }>;
  destroy(): void;
}
interface GpuAdapterLike {
  features: { has(feature: string): boolean };
  limits: GpuBufferLimits & Record<string, number>;
  info?: { vendor?: string; architecture?: string; description?: string };
  requestDevice(descriptor: { requiredFeatures?: string[]; requiredLimits?: Record<string, number> }): Promise<GpuDeviceLike>;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: 'high-performance' | 'low-power' }): Promise<GpuAdapterLike | null>;
}

/** Limits onnxruntime's WebGPU provider benefits from: ask for all the adapter offers. */
const REQUESTED_LIMITS = [
  'maxBufferSize',
  'maxStorageBufferBindingSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupSizeY',
  'maxComputeWorkgroupSizeZ',
  'maxComputeWorkgroupsPerDimension',
] as const;

let embedder: OnnxEmbedder | null = null;
let session: OrtSessionLike | null = null;
let setup: EmbedSetup | null = null;
let gpuDevice: GpuDeviceLike | null = null;
let deviceLost: string | null = null;
/** Rejects when the GPU device is lost: work on a lost device may never settle, so it is raced. */
let whenDeviceLost: Promise<never> = new Promise<never>(() => undefined);

async function gpuAdapter(): Promise<GpuAdapterLike | null> {
  const gpu = (navigator as Navigator & { gpu?: GpuLike }).gpu;
  if (!gpu) return null;
  try {
    return await gpu.requestAdapter({ powerPreference: 'high-performance' });
  } catch {
    return null;
  }
}

/** Our own GPUDevice for onnxruntime: we know its limits, and we hear when it is lost. */
async function openGpuDevice(ort: OrtBuild, adapter: GpuAdapterLike, precision: Precision): Promise<void> {
  const requiredLimits: Record<string, number> = {};
  for (const name of REQUESTED_LIMITS) if (typeof adapter.limits[name] === 'number') requiredLimits[name] = adapter.limits[name];
  const device = await adapter.requestDevice({ requiredFeatures: precision === 'fp16' ? ['shader-f16'] : [], requiredLimits });
  whenDeviceLost = device.lost.then((info) => {
    if (gpuDevice !== device) return new Promise<never>(() => undefined); // released on purpose (fallback to WASM)
    deviceLost = info.message || info.reason || 'unknown reason';
    throw new DeviceLostError(deviceLost);
  });
  whenDeviceLost.catch(() => undefined);
  (ort.env.webgpu as { device: unknown }).device = device;
  gpuDevice = device;
}

/** Where to read a model's files in OPFS (defaults: the manifest names; imports validate under other names). */
export interface ModelFileNames {
  model?: string;
  externalData?: string;
}

async function tryCreate(ort: OrtBuild, modelId: string, device: Device, precision: Precision, names: ModelFileNames = {}) {
  const toOpen = modelToOpen(modelId, precision);
  const { entry, variant } = toOpen;
  const modelBytes = await readModelFile(names.model ?? variant.file);
  if (!modelBytes) throw new ModelRejectedError(variant.file, 'it is not installed yet: download it or load it from a file first.');
  const externalName = names.externalData ?? variant.externalDataFile;
  const externalDataBytes = externalName ? await readModelFile(externalName) : undefined;
  const sessionOptions = {
    executionProviders: [device],
    graphOptimizationLevel: 'all',
    // No silent partial fallback: a graph WebGPU cannot run whole fails here, and is then
    // reported as running on the CPU, never as WebGPU.
    extra: device === 'webgpu' ? { session: { disable_cpu_ep_fallback: '1' } } : undefined,
  } as const;
  const created = await createValidatedSession({ ...toOpen, ort: ort as unknown as OrtModuleLike, modelBytes, externalDataBytes, sessionOptions });
  return { entry, session: created };
}

function describeAdapter(adapter: GpuAdapterLike): string {
  const info = adapter.info;
  return (info && [info.vendor, info.architecture, info.description].filter(Boolean).join(' ')) || 'WebGPU adapter';
}

let runQueue: Promise<unknown> = Promise.resolve();

/** The body of `embed`, one call at a time. */
async function embedNow(windows: Float32Array[], sampleRate: number): Promise<{ vector: Float32Array; batchSize: number; ms: number }> {
  if (!embedder) throw new Error('No model is loaded');
  if (deviceLost) throw new DeviceLostError(deviceLost);
  const started = performance.now();
  let vector: Float32Array;
  try {
    vector = await Promise.race([embedder.embed(windows, sampleRate), whenDeviceLost]);
  } catch (error) {
    if (deviceLost) throw new DeviceLostError(deviceLost);
    throw error;
  }
  if (deviceLost) throw new DeviceLostError(deviceLost);
  // A kernel the device refused can leave an empty or non-finite result: never store that as a vector.
  const problem = vectorProblem(vector);
  if (problem) {
    throw new Error(
      `The model produced no usable vector on ${setup?.device ?? 'this device'} (${problem}; it may exceed the device's limits); choose CPU (WASM) in Settings.`,
    );
  }
  return transfer({ vector, batchSize: embedder.batchSize, ms: performance.now() - started }, [vector.buffer]);
}

const api = {
  /** Open `modelId` on the requested device; a rejected model leaves the previous one in use. */
  async load(modelId: string, request: DeviceRequest = 'auto', precisionRequest: Precision | 'auto' = 'auto', names: ModelFileNames = {}): Promise<EmbedSetup> {
    const cpuOnly = precisionRequest !== 'auto' && !runsOnWebGpu(precisionRequest);
    const adapter = request === 'wasm' || cpuOnly ? null : await gpuAdapter();
    let device: Device = adapter ? 'webgpu' : 'wasm';
    let note: string | undefined;
    if (request === 'webgpu' && cpuOnly) note = `The ${precisionRequest} file runs on the CPU only; using WASM.`;
    else if (request === 'webgpu' && !adapter) note = 'WebGPU is not available in this browser; using WASM (CPU).';
    const entry = findOnnxModel(bundledManifest, modelId);
    const installed = new Set<Precision>();
    for (const v of entry.variants) if (names.model || (await hasModelFile(v.file))) installed.add(v.precision);
    let precision: Precision =
      precisionRequest !== 'auto'
        ? precisionRequest
        : autoPrecision(entry, device, { shaderF16: adapter?.features.has('shader-f16') ?? false, installed: (p) => installed.has(p) });
    if (device === 'webgpu' && precision === 'fp16' && !adapter?.features.has('shader-f16')) {
      throw new Error('This GPU has no shader-f16 support: choose the fp32 file, or WASM.');
    }
    let ort = await loadRuntime(device);
    let created: Awaited<ReturnType<typeof tryCreate>>;
    try {
      if (device === 'webgpu' && adapter) await openGpuDevice(ort, adapter, precision);
      created = await tryCreate(ort, modelId, device, precision, names);
    } catch (error) {
      if (device !== 'webgpu' || error instanceof ModelRejectedError) throw error;
      // WebGPU session creation can fail on drivers or for an operator WebGPU lacks; the CPU path always works.
      note = `WebGPU could not run this model (${errorMessage(error).slice(0, 160)}); using WASM (CPU).`;
      device = 'wasm';
      precision = precisionRequest === 'auto' ? autoPrecision(entry, 'wasm', { shaderF16: false, installed: (p) => installed.has(p) }) : precisionRequest;
      const released = gpuDevice;
      gpuDevice = null;
      released?.destroy();
      ort = await loadRuntime(device);
      created = await tryCreate(ort, modelId, device, precision, names);
    }
    await session?.release?.();
    session = created.session;
    const contract = bundledManifest.inputContract;
    const maxBatch = device === 'webgpu' && adapter ? maxBatchForLimits(adapter.limits, contract.chunkSamples, precision) : 16;
    embedder = new OnnxEmbedder({ session: created.session, Tensor: ort.Tensor as never, entry: created.entry, tuner: new BatchSizeTuner({ max: maxBatch }) });
    setup = {
      modelId,
      device,
      precision,
      threads: device === 'wasm' ? (ort.env.wasm.numThreads ?? 1) : 0,
      adapter: device === 'webgpu' && adapter ? describeAdapter(adapter) : undefined,
      maxBatch,
      note,
    };
    return setup;
  },

  current(): EmbedSetup | null {
    return setup;
  },

  /** Embed one track from its windows (mono PCM at the model's 24 kHz). */
  embed(windows: Float32Array[], sampleRate: number): Promise<{ vector: Float32Array; batchSize: number; ms: number }> {
    // One run at a time: the WebGPU build suspends inside the wasm module (asyncify), and a second
    // run entering it meanwhile never returns (nor does the first).
    const turn = runQueue.then(() => embedNow(windows, sampleRate));
    runQueue = turn.catch(() => undefined);
    return turn;
  },

  /**
   * Free the session and the GPU device before the worker is terminated: a GPUDevice left alive in a
   * terminated worker keeps the next worker's device request waiting (seen with SwiftShader).
   */
  async release(): Promise<void> {
    embedder = null;
    await session?.release?.();
    session = null;
    const device = gpuDevice;
    gpuDevice = null;
    device?.destroy();
  },

  /** Destroys this worker's GPU device, as a driver reset would (used to prove recovery end to end). */
  loseGpuDevice(): boolean {
    if (!gpuDevice) return false;
    gpuDevice.destroy();
    return true;
  },
};

export type EmbedWorkerApi = typeof api;
exposeToHost(api);
