/**
 * Embeds tracks with a MERT-contract ONNX model through any onnxruntime-web session (WebGPU or
 * WASM, in a worker or in Node): chunk the windows, normalize each chunk, run batches sized by
 * BatchSizeTuner, pool the hidden states, then the fixed projection and L2 normalization.
 * @module
 */
import { BatchSizeTuner, isOutOfMemoryError } from './batchTuner';
import { chunkWindows, type Chunk } from './chunking';
import type { Embedder } from './embedder';
import { onnxEmbedderVersion } from './embedderVersion';
import { bundledManifest, poolLayerIndices, type InputContract, type OnnxModelEntry } from './manifest';
import { normalizeChunkInto } from './normalize';
import type { OrtSessionLike, OrtTensorConstructor } from './ortTypes';
import { poolChunks, poolLayerMeans } from './pooling';
import { toEmbedding } from './projection';

export interface OnnxEmbedderOptions {
  session: OrtSessionLike;
  Tensor: OrtTensorConstructor;
  entry: OnnxModelEntry;
  contract?: InputContract;
  tuner?: BatchSizeTuner;
  /** Hidden-state indices to average (default: the manifest's poolLayers). */
  layers?: number[];
  /** Milliseconds clock for batch tuning (default performance.now). */
  now?: () => number;
}

export class OnnxEmbedder implements Embedder {
  readonly modelId: string;
  readonly version: string;
  private readonly session: OrtSessionLike;
  private readonly Tensor: OrtTensorConstructor;
  private readonly contract: InputContract;
  private readonly layers: number[];
  private readonly tuner: BatchSizeTuner;
  private readonly now: () => number;

  constructor(options: OnnxEmbedderOptions) {
    this.session = options.session;
    this.Tensor = options.Tensor;
    this.contract = options.contract ?? bundledManifest.inputContract;
    this.layers = options.layers ?? poolLayerIndices(options.entry);
    this.tuner = options.tuner ?? new BatchSizeTuner();
    this.now = options.now ?? (() => performance.now());
    this.modelId = options.entry.id;
    this.version = onnxEmbedderVersion(options.entry, this.contract, this.layers);
  }

  /** Current batch size (as tuned so far). */
  get batchSize(): number {
    return this.tuner.batchSize;
  }

  /** Pooled (hidden-size) vector per chunk, in input order. */
  async embedChunks(chunks: readonly Chunk[]): Promise<Float32Array[]> {
    const result: Float32Array[] = new Array(chunks.length);
    // Only equal-length chunks share a batch; short (sub-chunk) windows run in their own groups.
    const groups = new Map<number, number[]>();
    chunks.forEach((c, i) => {
      const group = groups.get(c.samples.length);
      if (group) group.push(i);
      else groups.set(c.samples.length, [i]);
    });
    for (const [length, indices] of [...groups.entries()].sort((a, b) => b[0] - a[0])) {
      let next = 0;
      while (next < indices.length) {
        const take = indices.slice(next, next + this.tuner.batchSize);
        try {
          const pooled = await this.runBatch(
            take.map((i) => chunks[i].samples),
            length,
          );
          take.forEach((chunkIndex, k) => (result[chunkIndex] = pooled[k]));
          next += take.length;
        } catch (error) {
          if (!isOutOfMemoryError(error)) throw error;
          if (!this.tuner.recordOutOfMemory()) {
            throw new Error(`Out of memory running ${this.modelId} even one 5 s chunk at a time on this device; try the WASM device or a smaller model.`, {
              cause: error,
            });
          }
        }
      }
    }
    return result;
  }

  private async runBatch(samples: Float32Array[], length: number): Promise<Float32Array[]> {
    const batch = new Float32Array(samples.length * length);
    samples.forEach((s, i) => normalizeChunkInto(s, batch.subarray(i * length, (i + 1) * length)));
    const input = new this.Tensor('float32', batch, [samples.length, length]);
    const started = this.now();
    const outputs = await this.session.run({ [this.contract.inputName]: input });
    try {
      const out = outputs[this.contract.outputName];
      if (!out) throw new Error(`Model produced no "${this.contract.outputName}" output`);
      if (!(out.data instanceof Float32Array)) throw new Error(`Model output "${this.contract.outputName}" is not float32`);
      const pooled = poolLayerMeans(out.data, out.dims, this.layers);
      this.tuner.recordRun(samples.length, (this.now() - started) / 1000);
      return pooled;
    } finally {
      input.dispose?.();
      for (const value of Object.values(outputs)) value.dispose?.();
    }
  }

  async embed(windows: readonly Float32Array[], sampleRate: number): Promise<Float32Array> {
    if (sampleRate !== this.contract.sampleRate) {
      throw new Error(`${this.modelId} needs ${this.contract.sampleRate} Hz audio, got ${sampleRate} Hz (resample before embedding)`);
    }
    const chunks = chunkWindows(windows, { chunkSamples: this.contract.chunkSamples });
    const vectors = await this.embedChunks(chunks);
    return toEmbedding(
      poolChunks(
        vectors,
        chunks.map((c) => c.windowIndex),
      ),
    );
  }
}
