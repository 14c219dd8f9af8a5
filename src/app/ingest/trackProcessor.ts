import { analyzeRequest } from '../../core/analysis/request';
import { judgeVector, missingFileReason } from '../../core/analysis/outcome';
import { planTrack, vectorKeyOf, type VectorKey } from '../../core/analysis/plan';
import type { Pipeline } from '../../core/analysis/pipeline';
import type { AnalyzeOutcome, AnalyzeRequest } from '../../core/analysis/protocol';
import type { AnalysisRecord, JobRecord, RbassistDb } from '../../storage/db';
import type { MusicSource } from '../musicSource';
import { TrackFailedError, type TrackProcessor } from './ingestRunner';
import type { JobQueue } from './jobQueue';
import { storedTrackState } from './storedState';

/**
 * The stages of one track, in order: read the file → decode + analyze in a decode worker (the
 * pipeline's plan says which stored windows and analyses still stand, so a re-run only recomputes
 * what changed) → embed (built-in vector from the same pass, or the ONNX model on 24 kHz windows)
 * → store the vector, if usable, and index it. The rules are the pipeline's (src/core/analysis);
 * this is the browser's storage and threads around them. Results are written before the job
 * advances, so a crash at any point repeats at most this track.
 */
export interface TrackProcessorDeps {
  db: RbassistDb;
  queue: JobQueue;
  source: () => MusicSource | null;
  /** Stops waiting when `signal` aborts (Stop), so a long decode never holds up stopping. */
  analyze: (file: File, request: AnalyzeRequest, signal: AbortSignal) => Promise<AnalyzeOutcome>;
  /** The pipeline the settings in use make: profile, analyzer options, embedder and its version. */
  pipeline: () => Pipeline;
  embedWithModel: (windows: Float32Array[], sampleRate: number, signal: AbortSignal) => Promise<Float32Array>;
  storeVector: (modelId: string, trackId: string, vector: Float32Array, key: Required<VectorKey>) => Promise<void>;
  /** Time spent per stage, for progress and benchmarks. */
  onTimings?: (timings: Record<string, number>) => void;
  /** After a track is stored (a new file may turn out to be a moved one: src/app/ingest/audioMoves.ts). */
  afterTrack?: (trackId: string) => Promise<void>;
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
      if ((error as Error).name === 'NotFoundError') throw new TrackFailedError(missingFileReason(track.relativePath));
      throw error;
    }
    signal.throwIfAborted();

    const pipeline = this.deps.pipeline();
    const { embedding } = pipeline;
    const plan = planTrack(await storedTrackState(db, track.id, embedding.modelId), pipeline);
    onStage('decoding + analysing');
    const started = performance.now();
    const outcome = await this.deps.analyze(file, analyzeRequest(track.relativePath, plan, pipeline), signal);
    if (!outcome.ok) throw new TrackFailedError(outcome.reason);
    signal.throwIfAborted();
    const { output: result, modelWindows, timings } = outcome.value;

    const now = Date.now();
    await db.transaction('rw', [db.analyses, db.windows, db.waveforms, db.jobs, db.tracks], async () => {
      const fresh: AnalysisRecord[] = result.analyses
        .filter((a) => result.computed.includes(a.analyzerId))
        .map((a) => ({ trackId: track.id, analyzerId: a.analyzerId, version: a.version, result: a, at: now }));
      if (fresh.length) await db.analyses.bulkPut(fresh);
      await db.windows.put({
        trackId: track.id,
        cacheKey: result.windowsCacheKey,
        windows: result.windows,
        durationSec: result.durationSec,
        strip: result.strip,
        at: now,
      });
      if (result.waveform) await db.waveforms.put({ trackId: track.id, ...result.waveform, at: now });
      if (result.durationSec > 0) await db.tracks.update(track.id, { decodedDurationSec: result.durationSec });
      await queue.advance(track.id, 'analysed');
    });

    // Only analyses were missing (e.g. a fingerprint for a track analyzed before fingerprints existed): the vector stays.
    if (plan.vectorCurrent) {
      await queue.advance(track.id, 'indexed');
      this.deps.onTimings?.({ ...timings, roundTripMs: performance.now() - started, embedMs: 0, indexMs: 0 });
      await this.deps.afterTrack?.(track.id);
      return;
    }

    onStage('embedding');
    const embedStarted = performance.now();
    let vector: Float32Array | undefined;
    if (embedding.builtin) vector = result.builtinVector;
    else if (modelWindows?.length) vector = await this.deps.embedWithModel(modelWindows, embedding.sampleRate, signal);
    const judged = judgeVector(vector);
    if (!judged.ok) throw new TrackFailedError(judged.reason);
    signal.throwIfAborted();

    onStage('indexing');
    const indexStarted = performance.now();
    await this.deps.storeVector(embedding.modelId, track.id, judged.value, vectorKeyOf(pipeline));
    await queue.advance(track.id, 'indexed');
    this.deps.onTimings?.({
      ...timings,
      roundTripMs: embedStarted - started,
      embedMs: indexStarted - embedStarted,
      indexMs: performance.now() - indexStarted,
    });
    await this.deps.afterTrack?.(track.id);
  }
}
