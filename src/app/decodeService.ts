import type { Remote } from 'comlink';
import type { DecodeRequest } from '../core/decode/ffmpegDecode';
import type { AnalyzeOutcome, AnalyzeRequest } from '../core/analysis/protocol';
import type { DecodeOutcome, DecodeWorkerApi } from '../../workers/decode.worker';
import { WorkerHost, WorkerTaskError, defaultPoolSize } from './workerHost';
import { startDecodeWorker } from './workers';

/**
 * Decoding for the pipeline: a pool of ffmpeg.wasm workers. A file that crashes or hangs its worker
 * fails alone (the worker is replaced) and the reason is kept for the track.
 */
export class DecodeService {
  private readonly pool: WorkerHost<DecodeWorkerApi>;

  constructor(size = defaultPoolSize(4)) {
    this.pool = new WorkerHost<DecodeWorkerApi>({
      name: 'decode',
      create: startDecodeWorker,
      size,
      recycleAfterTasks: 200,
    });
  }

  get size(): number {
    return this.pool.size;
  }

  /** Workers replaced after a crash or timeout since start. */
  get replacements(): number {
    return this.pool.replacements;
  }

  async decode(file: File, request: DecodeRequest): Promise<DecodeOutcome> {
    // Generous per-file limit: a minute plus 2 s per MB (a 500 MB WAV gets ~17 minutes).
    return this.runTask((api) => api.decode(file, request) as Promise<DecodeOutcome>, 60_000 + (file.size / 1e6) * 2_000, `Decoding ${file.name}`);
  }

  /** Decode + analyze one track (and decode its model windows when asked): the pipeline's task. */
  async analyze(file: File, request: AnalyzeRequest, signal?: AbortSignal): Promise<AnalyzeOutcome> {
    // Analysis adds a few seconds per minute of audio on top of decoding.
    return this.runTask((api) => api.analyze(file, request) as Promise<AnalyzeOutcome>, 120_000 + (file.size / 1e6) * 4_000, `Analysing ${file.name}`, signal);
  }

  /**
   * A crashed or hung worker fails only this file, with the reason as its outcome. Aborting stops
   * the wait at once (Stop in the ingest bar); the worker finishes the file and takes the next.
   */
  private async runTask<R>(
    task: (api: Remote<DecodeWorkerApi>) => Promise<R>,
    timeoutMs: number,
    label: string,
    signal?: AbortSignal,
  ): Promise<R | { ok: false; reason: string }> {
    try {
      return await this.pool.run(task, { timeoutMs, label, signal });
    } catch (error) {
      if (error instanceof WorkerTaskError) return { ok: false, reason: error.message };
      throw error;
    }
  }

  terminate(): void {
    this.pool.terminate();
  }
}
