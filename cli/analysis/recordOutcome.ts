/**
 * Writes one track's outcome to the library, in the browser pipeline's order and with its rules
 * (src/app/ingest/trackProcessor.ts): silent → failed; windows + analyses; then the vector row; then
 * the job as indexed. A crash between two writes repeats at most this track on the next run.
 * @module
 */
import type { LibraryState } from '../state/libraryState';
import { stampOf } from '../state/libraryState';
import type { VectorStore } from '../state/vectorStore';
import type { TrackOutcome } from './protocol';
import type { PlannedTrack } from './workPlan';

export type Recorded = { ok: true } | { ok: false; reason: string };

export const SILENT_REASON = 'The track is silent (never louder than -60 dBFS): nothing to analyse';
export const NO_WINDOWS_REASON = 'No audio windows to embed';

export function recordOutcome(state: LibraryState, vectors: VectorStore, planned: PlannedTrack, outcome: TrackOutcome, windowsCacheKey: string): Recorded {
  const { track } = planned;
  const source = stampOf(track);
  const now = Date.now();
  const fail = (reason: string): Recorded => {
    state.jobs.put({ trackId: track.id, modelId: vectors.modelId, state: 'failed', error: reason, attempts: planned.attempt, source, windowsCacheKey, updatedAt: now });
    return { ok: false, reason };
  };
  if (!outcome.ok) return fail(outcome.reason);
  const { result, vector } = outcome;
  if (result.silent) return fail(SILENT_REASON);
  state.analyses.put({
    trackId: track.id,
    source,
    windowsCacheKey: result.windowsCacheKey,
    windows: result.windows,
    durationSec: result.durationSec,
    analyses: result.analyses,
    at: now,
  });
  if (!vector) return fail(NO_WINDOWS_REASON);
  vectors.store(track.id, vector, source, result.windowsCacheKey);
  state.jobs.put({ trackId: track.id, modelId: vectors.modelId, state: 'indexed', attempts: planned.attempt, source, windowsCacheKey, updatedAt: now });
  return { ok: true };
}
