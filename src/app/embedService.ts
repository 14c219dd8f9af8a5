import { proxy, wrap, type Remote } from 'comlink';
import type { ImportProgress } from '../core/checkpoint/convert';
import type { CheckpointWorkerApi } from '../../workers/checkpoint.worker';
import { bundledManifest, findOnnxModel, type Precision } from '../core/embedding/manifest';
import { downloadModelFile, importModelFile, removeModelFile, renameModelFile, type DownloadProgress } from '../storage/modelStore';
import type { DeviceRequest, EmbedSetup, EmbedWorkerApi } from '../../workers/embed.worker';
import { Store } from './store';
import { errorMessage } from '../core/errors';

/** The embed worker is gone (crashed, closed, or hung): it gets replaced. */
export class EmbedWorkerLostError extends Error {
  constructor(message: string, readonly worker?: Worker) {
    super(message);
    this.name = 'EmbedWorkerLostError';
  }
}

const INITIAL_MS_PER_CHUNK = 2_000;
/**
 * Extra patience for a freshly opened model's first run: WebGPU compiles every kernel then, which
 * takes seconds on a GPU and minutes on a software adapter on a busy CPU.
 */
const FIRST_RUN_ALLOWANCE_MS = 300_000;

/** Let a worker free its session and GPU device (briefly), then terminate it. */
async function releaseWorker(current: { worker: Worker; api: Remote<EmbedWorkerApi> } | null): Promise<void> {
  if (!current) return;
  await Promise.race([current.api.release().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  current.worker.terminate();
}

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
  private current: { worker: Worker; api: Remote<EmbedWorkerApi>; lost: Promise<never> } | null = null;
  /** Running estimate of embedding time per 5 s chunk, to tell a slow worker from a dead one. */
  private msPerChunk = INITIAL_MS_PER_CHUNK;
  /** False until the open model has answered once: its first run compiles kernels (WebGPU) and allocates. */
  private warm = false;
  /** Workers replaced after they crashed or stopped answering. */
  restarts = 0;

  /**
   * Every model load happens in a fresh worker, swapped in only when the model opened and passed
   * validation: a rejected model never disturbs the one in use, and sessions on different devices
   * never share one onnxruntime instance (WASM-then-WebGPU in one instance breaks WebGPU kernels).
   */
  private async openInFreshWorker(load: (api: Remote<EmbedWorkerApi>) => Promise<EmbedSetup>): Promise<EmbedSetup> {
    const worker = new Worker(new URL('../../workers/embed.worker.ts', import.meta.url), { type: 'module', name: 'embed' });
    const api = wrap<EmbedWorkerApi>(worker);
    const lost = new Promise<never>((_, reject) =>
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        reject(new EmbedWorkerLostError(`the embed worker crashed (${e.message || 'unknown error'})`, worker));
      }),
    );
    lost.catch(() => undefined);
    try {
      const setup = await load(api);
      await releaseWorker(this.current);
      this.current = { worker, api, lost };
      // Another model or device: the old speed says nothing about this one.
      this.msPerChunk = INITIAL_MS_PER_CHUNK;
      this.warm = false;
      // Reopen by manifest name on the device it actually got (imports validate under temporary names).
      this.reopen = (fresh) => fresh.load(setup.modelId, setup.device, setup.precision);
      return setup;
    } catch (error) {
      worker.terminate();
      throw error;
    }
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
      const worker = new Worker(new URL('../../workers/checkpoint.worker.ts', import.meta.url), { type: 'module', name: 'checkpoint' });
      const converter = wrap<CheckpointWorkerApi>(worker);
      const report = (p: ImportProgress) =>
        this.store.set({
          busy:
            p.phase === 'reading'
              ? `Converting ${weights.name}: tensor ${p.done} of ${p.total}`
              : `Converting ${weights.name}: ${p.precision} file ${p.phase === 'writing' ? 'written' : 'checked with a probe run'}`,
        });
      let incoming: Partial<Record<Precision, string>> = {};
      try {
        const crashed = new Promise<never>((_, reject) =>
          worker.addEventListener('error', (e) => reject(new Error(`the conversion worker crashed (${e.message || 'out of memory?'})`))),
        );
        ({ incoming } = await Promise.race([converter.convert(modelId, config, weights, entry.variants.map((v) => v.precision), proxy(report)), crashed]));
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
        worker.terminate();
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

  private reopen: ((api: Remote<EmbedWorkerApi>) => Promise<EmbedSetup>) | null = null;

  /**
   * Embed one track. If the worker crashed or stopped answering (far longer than this device needs
   * for this many chunks), it is replaced by a fresh one with the same model and the track retried once.
   */
  async embed(windows: Float32Array[], sampleRate: number): Promise<{ vector: Float32Array; batchSize: number; ms: number }> {
    try {
      return await this.embedOnce(windows, sampleRate);
    } catch (error) {
      if (!this.reopen) throw error;
      // A lost GPU device cannot be recovered inside its worker: replace the worker like a crash.
      const lost = error instanceof EmbedWorkerLostError ? error : isDeviceLost(error) ? new EmbedWorkerLostError(errorMessage(error), this.current?.worker) : null;
      if (!lost) throw error;
      await this.restart(lost);
      return this.embedOnce(windows, sampleRate);
    }
  }

  private restarting: Promise<void> | null = null;

  /** One replacement per lost worker, however many embeddings were waiting on it. */
  private restart(lost: EmbedWorkerLostError): Promise<void> {
    // Calls that were waiting on a worker already replaced just retry on the new one.
    if (this.restarting || (lost.worker && this.current?.worker !== lost.worker)) return this.restarting ?? Promise.resolve();
    this.restarting = (async () => {
      this.restarts++;
      lost.worker?.terminate();
      const setup = await this.openInFreshWorker(this.reopen!);
      this.store.set({ setup, error: null });
    })().finally(() => {
      this.restarting = null;
    });
    return this.restarting;
  }

  /** Runs go to the worker one at a time (see embedOnce). */
  private runQueue: Promise<unknown> = Promise.resolve();

  /**
   * One run at a time: onnxruntime-web's WebGPU build suspends inside the wasm module (asyncify) and
   * a second run entering it meanwhile never returns, and the hang detector should time the run,
   * not the queue. Tracks in flight wait their turn here.
   */
  private embedOnce(windows: Float32Array[], sampleRate: number): Promise<{ vector: Float32Array; batchSize: number; ms: number }> {
    const turn = this.runQueue.then(() => this.runInWorker(windows, sampleRate));
    this.runQueue = turn.catch(() => undefined);
    return turn;
  }

  private async runInWorker(windows: Float32Array[], sampleRate: number): Promise<{ vector: Float32Array; batchSize: number; ms: number }> {
    const current = this.current;
    if (!current) throw new Error('No model is open: choose one in Settings → Embedding model');
    const chunks = windows.reduce((n, w) => n + Math.max(1, Math.ceil(w.length / (sampleRate * 5))), 0);
    const limitMs = (this.warm ? 20_000 : FIRST_RUN_ALLOWANCE_MS) + chunks * this.msPerChunk * 10;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const hung = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EmbedWorkerLostError(`the embed worker did not answer within ${Math.round(limitMs / 1000)} s`, current.worker)), limitMs);
    });
    try {
      const result = await Promise.race([current.api.embed(windows, sampleRate), current.lost, hung]);
      // The first run's time is mostly compilation: it does not estimate the steady speed.
      if (this.warm) this.msPerChunk = 0.8 * this.msPerChunk + 0.2 * (result.ms / chunks);
      this.warm = true;
      return result;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Back to the built-in embedder (no worker, no model). */
  useBuiltin(): void {
    this.terminate();
    this.reopen = null;
    this.store.set({ modelId: bundledManifest.defaultModelId, setup: null, error: null });
  }

  terminate(): void {
    void releaseWorker(this.current);
    this.current = null;
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
