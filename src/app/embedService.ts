import { wrap, type Remote } from 'comlink';
import { bundledManifest, findOnnxModel, type Precision } from '../core/embedding/manifest';
import { downloadModelFile, importModelFile, removeModelFile, renameModelFile, type DownloadProgress } from '../storage/modelStore';
import type { DeviceRequest, EmbedSetup, EmbedWorkerApi } from '../../workers/embed.worker';
import { Store } from './store';

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
  private current: { worker: Worker; api: Remote<EmbedWorkerApi> } | null = null;

  /**
   * Every model load happens in a fresh worker, swapped in only when the model opened and passed
   * validation: a rejected model never disturbs the one in use, and sessions on different devices
   * never share one onnxruntime instance (WASM-then-WebGPU in one instance breaks WebGPU kernels).
   */
  private async openInFreshWorker(load: (api: Remote<EmbedWorkerApi>) => Promise<EmbedSetup>): Promise<EmbedSetup> {
    const worker = new Worker(new URL('../../workers/embed.worker.ts', import.meta.url), { type: 'module', name: 'embed' });
    const api = wrap<EmbedWorkerApi>(worker);
    try {
      const setup = await load(api);
      this.current?.worker.terminate();
      this.current = { worker, api };
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

  async embed(windows: Float32Array[], sampleRate: number): Promise<{ vector: Float32Array; batchSize: number; ms: number }> {
    if (!this.current) throw new Error('No model is open: choose one in Settings → Embedding model');
    return this.current.api.embed(windows, sampleRate);
  }

  /** Back to the built-in embedder (no worker, no model). */
  useBuiltin(): void {
    this.terminate();
    this.store.set({ modelId: bundledManifest.defaultModelId, setup: null, error: null });
  }

  terminate(): void {
    this.current?.worker.terminate();
    this.current = null;
  }

  private async task<T>(label: string, work: () => Promise<T>): Promise<T> {
    this.store.set({ busy: label, error: null });
    try {
      return await work();
    } catch (error) {
      this.store.set({ error: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      this.store.set({ busy: null });
    }
  }
}
