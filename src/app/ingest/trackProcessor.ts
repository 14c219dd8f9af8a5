import type { AnalyzeOutcome, AnalyzeRequest } from '../../core/analysis/protocol';
import type { SamplingProfile } from '../../core/sampling';
import type { AnalysisRecord, JobRecord, RbassistDb } from '../../storage/db';
import type { MusicSource } from '../musicSource';
import { TrackFailedError, type TrackProcessor } from './ingestRunner';
import type { JobQueue } from './jobQueue';

/**
 * The stages of one track, in order: read the file → decode + analyze in a decode worker (windows
 * and analyses are cached per track, so a re-run only recomputes what changed) → embed (built-in
 * vector from the same pass, or the ONNX model on 24 kHz windows) → store the vector and index it.
 * Results are written before the job advances, so a crash at any point repeats at most this track.
 */
export interface TrackProcessorDeps {
  db: RbassistDb;
  queue: JobQueue;
  source: () => MusicSource | null;
  analyze: (file: File, request: AnalyzeRequest) => Promise<AnalyzeOutcome>;
  /** The active embedding model and how to run it when it is not the built-in one. */
  model: () => { modelId: string; builtin: boolean; sampleRate: number };
  embedWithModel: (windows: Float32Array[], sampleRate: number) => Promise<Float32Array>;
  storeVector: (modelId: string, trackId: string, vector: Float32Array) => Promise<void>;
  settings: () => { profile: SamplingProfile; bpmRange?: { minBpm: number; maxBpm: number } };
  /** Time spent per stage, for progress and benchmarks. */
  onTimings?: (timings: Record<string, number>) => void;
}

export class PipelineTrackProcessor implements TrackProcessor {
  constructor(private readonly deps: TrackProcessorDeps) {}

  async process(job: JobRecord, signal: AbortSignal, onStage: (stage: string) => void): Promise<void> {
    const { db, queue } = this.deps;
    const track = await db.tracks.get(job.trackId);
    if (!track || track.status === 'removed') {
      await queue.drop([job.trackId]);
      return;
    }
    const source = this.deps.source();
    if (!source) throw new TrackFailedError('The music folder is not connected');
    onStage('reading');
    let file: File;
    try {
      file = await source.file(track.relativePath);
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') throw new TrackFailedError(`File is missing: ${track.relativePath}`);
      throw error;
    }
    signal.throwIfAborted();

    const { profile, bpmRange } = this.deps.settings();
    const model = this.deps.model();
    const [cachedWindows, cachedAnalyses] = await Promise.all([db.windows.get(track.id), db.analyses.where('trackId').equals(track.id).toArray()]);
    onStage('decoding + analysing');
    const started = performance.now();
    const outcome = await this.deps.analyze(file, {
      relativePath: track.relativePath,
      profile,
      cachedWindows: cachedWindows ? { cacheKey: cachedWindows.cacheKey, windows: cachedWindows.windows } : undefined,
      cachedAnalyses: cachedAnalyses.map((a) => a.result),
      builtinEmbedding: model.builtin,
      modelSampleRate: model.builtin ? undefined : model.sampleRate,
      bpmRange,
    });
    if (!outcome.ok) throw new TrackFailedError(outcome.reason);
    signal.throwIfAborted();
    const { result } = outcome;
    if (result.silent) throw new TrackFailedError('The track is silent (never louder than -60 dBFS): nothing to analyse');

    const now = Date.now();
    await db.transaction('rw', [db.analyses, db.windows, db.jobs, db.tracks], async () => {
      const fresh: AnalysisRecord[] = result.analyses
        .filter((a) => result.computed.includes(a.analyzerId))
        .map((a) => ({ trackId: track.id, analyzerId: a.analyzerId, version: a.version, result: a, at: now }));
      if (fresh.length) await db.analyses.bulkPut(fresh);
      await db.windows.put({ trackId: track.id, cacheKey: result.windowsCacheKey, windows: result.windows, durationSec: result.durationSec, strip: result.strip, at: now });
      if (result.durationSec > 0) await db.tracks.update(track.id, { decodedDurationSec: result.durationSec });
      await queue.advance(track.id, 'analysed');
    });

    onStage('embedding');
    const embedStarted = performance.now();
    let vector: Float32Array | undefined;
    if (model.builtin) vector = result.builtinVector;
    else if (outcome.modelWindows?.length) vector = await this.deps.embedWithModel(outcome.modelWindows, model.sampleRate);
    if (!vector) throw new TrackFailedError('No audio windows to embed');
    signal.throwIfAborted();

    onStage('indexing');
    const indexStarted = performance.now();
    await this.deps.storeVector(model.modelId, track.id, vector);
    await queue.advance(track.id, 'indexed');
    this.deps.onTimings?.({
      ...outcome.timings,
      roundTripMs: embedStarted - started,
      embedMs: indexStarted - embedStarted,
      indexMs: performance.now() - indexStarted,
    });
  }
}
