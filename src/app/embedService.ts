import { proxy, type Remote } from 'comlink';
import type { ImportProgress } from '../core/checkpoint/convert';
import type { CheckpointWorkerApi } from '../../workers/checkpoint.worker';
import { bundledManifest, findOnnxModel, type Precision } from '../core/embedding/manifest';
import { downloadModelFile, importModelFile, removeModelFile, renameModelFile, type DownloadProgress } from '../storage/modelStore';
import type { DeviceRequest, EmbedSetup, EmbedWorkerApi } from '../../workers/embed.worker';
import { Store } from './store';
import { WorkerHost, WorkerTaskError } from './workerHost';
import { startCheckpointWorker, startEmbedWorker } from './workers';
import { errorMessage } from '../core/errors';

const INITIAL_MS_PER_CHUNK = 2_000;
/**
 * Extra patience for a freshly opened model's first run: WebGPU compiles every kernel then, which
 * takes seconds on a GPU and minutes on a software adapter on a busy CPU.
 */
const FIRST_RUN_ALLOWANCE_MS = 300_000;

/** Errors cross the worker boundary as plain Errors; the name survives (see DeviceLostError). */
const isDeviceLost = (error: unknown) => error instanceof Error && error.name === 'DeviceLostError';

export interface EmbedState {
  /** The model in use for embeddings ('builtin-dsp' needs no worker). */
  modelId: string;
  setup: EmbedSetup | null;
  busy: string | null;
  download: DownloadProgress | null;
  error: string | null;
}

/**
 * The MERT side of embedding: getting model files into OPFS (download with resume, or files the DJ
 * picks), opening them in the embed worker on the best device, and embedding 24 kHz windows.
 * A model that fails validation is removed again and the previous one stays in use.
 */
export class EmbedService {
  readonly store = new Store<EmbedState>({ modelId: bundledManifest.defaultModelId, setup: null, busy: null, download: null, error: null });
  /**
   * The embed worker, one run at a time: onnxruntime-web's WebGPU build suspends inside the wasm
   * module (asyncify) and a second run entering it meanwhile never returns; the host times the run,
   * not the queue. A worker is let go only after `release()` frees its session and GPU device: one
   * left alive keeps the next worker's WebGPU session from running.
   */
  private readonly worker = new WorkerHost<EmbedWorkerApi>({ name: 'embed', create: startEmbedWorker, tasksPerWorker: 1, release: (api) => api.release() });
  /** Converts a checkpoint, then goes (it holds the whole checkpoint in memory). */
  private readonly converter = new WorkerHost<CheckpointWorkerApi>({ name: 'checkpoint', create: startCheckpointWorker, idleShutdownMs: 0 });
  /** A model is open in the embed worker (and is reopened by a worker that replaces a lost one). */
  private opened = false;
  /** Running estimate of embedding time per 5 s chunk, to tell a slow worker from a dead one. */
  private msPerChunk = INITIAL_MS_PER_CHUNK;
  /** False until the open model has answered once: its first run compiles kernels (WebGPU) and allocates. */
  private warm = false;

  /** Workers replaced after they crashed, stopped answering or lost their GPU device. */
  get restarts(): number {
    return this.worker.replacements;
  }

  /**
   * Every model load happens in a fresh worker, swapped in only when the model opened and passed
   * validation: a rejected model never disturbs the one in use, and sessions on different devices
   * never share one onnxruntime instance (WASM-then-WebGPU in one instance breaks WebGPU kernels).
   */
  private async openInFreshWorker(load: (api: Remote<EmbedWorkerApi>) => Promise<EmbedSetup>): Promise<EmbedSetup> {
    const setup = await this.worker.adopt(load);
    this.opened = true;
    this.freshModel();
    // A worker that replaces a lost one reopens the model by manifest name on the device it actually
    // got (imports validate under temporary names).
    this.worker.prepare = async (api) => {
      this.freshModel();
      this.store.set({ setup: await api.load(setup.modelId, setup.device, setup.precision), error: null });
    };
    return setup;
  }

  /** Another model, device or worker: the old speed says nothing about this one, and its first run compiles. */
  private freshModel(): void {
    this.msPerChunk = INITIAL_MS_PER_CHUNK;
    this.warm = false;
  }

  /** Open an installed model on the chosen device. Throws (state.error says why) when it cannot. */
  async use(modelId: string, device: DeviceRequest = 'auto', precision: Precision | 'auto' = 'auto'): Promise<EmbedSetup> {
    return this.task(`Opening ${modelId}`, async () => {
      const setup = await this.openInFreshWorker((api) => api.load(modelId, device, precision));
      this.store.set({ modelId, setup });
      return setup;
    });
  }

  /**
   * "Load from file": copy the picked .onnx (and its external-data file) into OPFS under a
   * temporary name, prove it is the model by opening it, then keep it under its manifest name.
   */
  async importFiles(modelId: string, precision: Precision, model: File, externalData?: File, device: DeviceRequest = 'auto'): Promise<EmbedSetup> {
    const variant = findOnnxModel(bundledManifest, modelId).variants.find((v) => v.precision === precision);
    if (!variant) throw new Error(`${modelId} has no ${precision} variant`);
    const incoming = { model: `${variant.file}.incoming`, externalData: variant.externalDataFile ? `${variant.externalDataFile}.incoming` : undefined };
    return this.task(`Checking ${model.name}`, async () => {
      await importModelFile(model, incoming.model);
      if (externalData && incoming.externalData) await importModelFile(externalData, incoming.externalData);
      try {
        const setup = await this.openInFreshWorker((api) => api.load(modelId, device, precision, incoming));
        await renameModelFile(incoming.model, variant.file);
        if (incoming.externalData && variant.externalDataFile) await renameModelFile(incoming.externalData, variant.externalDataFile);
        this.store.set({ modelId, setup });
        return setup;
      } finally {
        await removeModelFile(incoming.model);
        if (incoming.externalData) await removeModelFile(incoming.externalData);
      }
    });
  }

  /**
   * "Import checkpoint": convert the Hugging Face checkpoint (config.json + model.safetensors or
   * pytorch_model.bin) into both of the manifest's ONNX files in a worker, open the `precision` one
   * in a fresh embed worker, and only then install them under their manifest names.
   */
  async importCheckpoint(modelId: string, config: File, weights: File, precision: Precision = 'fp32', device: DeviceRequest = 'auto'): Promise<EmbedSetup> {
    const entry = findOnnxModel(bundledManifest, modelId);
    return this.task(`Converting ${weights.name}`, async () => {
      const report = (p: ImportProgress) =>
        this.store.set({
          busy:
            p.phase === 'reading'
              ? `Converting ${weights.name}: tensor ${p.done} of ${p.total}`
              : `Converting ${weights.name}: ${p.precision} file ${p.phase === 'writing' ? 'written' : 'checked with a probe run'}`,
        });
      let incoming: Partial<Record<Precision, string>> = {};
      try {
        const precisions = entry.variants.map((v) => v.precision);
        ({ incoming } = await this.converter.run((api) => api.convert(modelId, config, weights, precisions, proxy(report)), {
          label: `Converting ${weights.name}`,
        }));
        const opened = incoming[precision];
        if (!opened) throw new Error(`${entry.name} has no ${precision} file`);
        this.store.set({ busy: `Opening ${entry.name}` });
        const setup = await this.openInFreshWorker((api) => api.load(modelId, device, precision, { model: opened }));
        for (const variant of entry.variants) {
          const file = incoming[variant.precision];
          if (file) await renameModelFile(file, variant.file);
        }
        this.store.set({ modelId, setup });
        return setup;
      } finally {
        // Whatever was written under .incoming (also by a conversion that failed half-way) goes
        for (const variant of entry.variants) await removeModelFile(incoming[variant.precision] ?? `${variant.file}.incoming`);
      }
    });
  }

  /** "Download": fetch the variant from `baseUrl` (resuming a partial download), then open it. */
  async download(modelId: string, precision: Precision, baseUrl: string, signal?: AbortSignal): Promise<EmbedSetup> {
    const variant = findOnnxModel(bundledManifest, modelId).variants.find((v) => v.precision === precision);
    if (!variant) throw new Error(`${modelId} has no ${precision} variant`);
    return this.task(`Downloading ${variant.file}`, async () => {
      const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
      for (const file of [variant.file, variant.externalDataFile].filter((f): f is string => !!f)) {
        await downloadModelFile(new URL(file, base).href, file, (download) => this.store.set({ download }), signal);
      }
      this.store.set({ download: null });
      const setup = await this.openInFreshWorker((api) => api.load(modelId, 'auto', precision));
      this.store.set({ modelId, setup });
      return setup;
    });
  }

  /**
   * Embed one track. If the worker crashed, lost its GPU device or stopped answering (far longer
   * than this device needs for this many chunks), it is replaced by a fresh one with the same model
   * and the track retried once.
   */
  async embed(windows: Float32Array[], sampleRate: number, signal?: AbortSignal): Promise<{ vector: Float32Array; batchSize: number; ms: number }> {
    if (!this.opened) throw new Error('No model is open: choose one in Settings → Embedding model');
    const chunks = windows.reduce((n, w) => n + Math.max(1, Math.ceil(w.length / (sampleRate * 5))), 0);
    const result = await this.worker.run(
      async (api, worker) => {
        try {
          return await api.embed(windows, sampleRate);
        } catch (error) {
          // A lost GPU device cannot be recovered inside its worker: replace the worker like a crash.
          if (isDeviceLost(error)) worker.fail(new WorkerTaskError(`The embed worker lost its GPU device (${errorMessage(error)})`, 'crash'));
          throw error;
        }
      },
      {
        label: `Embedding ${chunks} chunks`,
        // Asked when the attempt starts, so a fresh worker's first run gets the first-run allowance.
        timeoutMs: () => (this.warm ? 20_000 : FIRST_RUN_ALLOWANCE_MS) + chunks * this.msPerChunk * 10,
        retryOnLoss: true,
        signal,
      },
    );
    // The first run's time is mostly compilation: it does not estimate the steady speed.
    if (this.warm) this.msPerChunk = 0.8 * this.msPerChunk + 0.2 * (result.ms / chunks);
    this.warm = true;
    return result;
  }

  /** Back to the built-in embedder (no worker, no model). */
  useBuiltin(): void {
    this.terminate();
    this.store.set({ modelId: bundledManifest.defaultModelId, setup: null, error: null });
  }

  /** Let the embed worker go (after `release()`); embedding needs a model opened again. */
  terminate(): void {
    this.opened = false;
    this.worker.prepare = undefined;
    this.worker.shutDownWorkers();
  }

  private async task<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.store.set({ busy: label, error: null });
    try {
      return await work();
    } catch (error) {
      this.store.set({ error: errorMessage(error) });
      throw error;
    } finally {
      this.store.set({ busy: null });
    }
  }
}
