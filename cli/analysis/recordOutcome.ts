/**
 * Writes one track's outcome to the CLI's state, in the browser pipeline's order (see
 * src/app/ingest/trackProcessor.ts) and with the pipeline's judgement (src/core/analysis/outcome.ts):
 * windows + analyses; then the vector row, only if the vector is usable; then the job as indexed.
 * A crash between two writes repeats at most this track on the next run.
 * @module
 */
import { fail, ok, type Result } from '../../src/core/errors';
import { judgeVector } from '../../src/core/analysis/outcome';
import { vectorKeyOf } from '../../src/core/analysis/plan';
import type { Pipeline } from '../../src/core/analysis/pipeline';
import type { LibraryState } from '../state/libraryState';
import { stampOf } from '../state/libraryState';
import type { VectorStore } from '../state/vectorStore';
import type { TrackOutcome } from './protocol';
import type { PlannedTrack } from './workPlan';

export type Recorded = Result<void>;

export function recordOutcome(state: LibraryState, vectors: VectorStore, planned: PlannedTrack, outcome: TrackOutcome, pipeline: Pipeline): Recorded {
  const { track } = planned;
  const source = stampOf(track);
  const now = Date.now();
  const job = { trackId: track.id, modelId: vectors.modelId, attempts: planned.attempt, source, windowsCacheKey: pipeline.windowsCacheKey, updatedAt: now };
  const failed = (reason: string): Recorded => {
    state.jobs.put({ ...job, state: 'failed', error: reason });
    return fail(reason);
  };
  if (!outcome.ok) return failed(outcome.reason);
  const { output: result } = outcome.value;
  state.analyses.put({
    trackId: track.id,
    source,
    windowsCacheKey: result.windowsCacheKey,
    windows: result.windows,
    durationSec: result.durationSec,
    analyses: result.analyses,
    at: now,
  });
  // Only analyses were missing: the stored vector (made from this file, current) stays.
  if (planned.vectorCurrent && vectors.rowsOf.get(track.id)) {
    state.jobs.put({ ...job, state: 'indexed' });
    return ok(undefined);
  }
  const vector = judgeVector(outcome.value.vector, vectors.dims);
  if (!vector.ok) return failed(vector.reason);
  vectors.store(track.id, vector.value, source, vectorKeyOf(pipeline));
  state.jobs.put({ ...job, state: 'indexed' });
  return ok(undefined);
}
