/**
 * Which tracks an analyze run must process, and what it can reuse: the pipeline's rule
 * (src/core/analysis/plan.ts) over the CLI's state. What counts as "computed from the file as it
 * is now" is this host's part: a stored pass or vector whose file stamp (size + mtime) differs is
 * ignored, so a changed file starts from scratch.
 * @module
 */
import type { AnalyzerResult } from '../../src/core/analyzers/types';
import type { StoredWindows } from '../../src/core/analysis/analyzeTrack';
import { planTrack } from '../../src/core/analysis/plan';
import type { Pipeline } from '../../src/core/analysis/pipeline';
import type { TrackRecord } from '../../src/core/library/records';
import { sameStamp, stampOf, type AnalysisPassRecord, type JobOutcomeRecord } from '../state/libraryState';
import type { VectorRowRecord } from '../state/vectorStore';

export interface PlannedTrack {
  track: TrackRecord;
  cachedWindows?: StoredWindows;
  cachedAnalyses: AnalyzerResult[];
  /** 1 for the first try, more when an earlier run failed on this file. */
  attempt: number;
  /** Only analyses are missing (e.g. a newer analyzer): the stored vector stays, nothing is embedded. */
  vectorCurrent?: boolean;
}

export interface WorkPlan {
  todo: PlannedTrack[];
  upToDate: number;
  /** Tracks that failed before on the same file (retried with --retry-failed). */
  failedBefore: JobOutcomeRecord[];
  /** Tracks the scan could not read (not audio, empty, unreadable), with the scan's reason. */
  unreadable: TrackRecord[];
}

export interface PlanLookup {
  pass(trackId: string): AnalysisPassRecord | undefined;
  vector(trackId: string): VectorRowRecord | undefined;
  job(trackId: string): JobOutcomeRecord | undefined;
}

export interface PlanSettings {
  pipeline: Pipeline;
  retryFailed: boolean;
}

export function planWork(tracks: readonly TrackRecord[], lookup: PlanLookup, settings: PlanSettings): WorkPlan {
  const { pipeline } = settings;
  const plan: WorkPlan = { todo: [], upToDate: 0, failedBefore: [], unreadable: [] };
  for (const track of tracks) {
    if (track.status === 'removed') continue;
    if (track.status === 'error') {
      plan.unreadable.push(track);
      continue;
    }
    const stamp = stampOf(track);
    const pass = lookup.pass(track.id);
    const passFresh = pass !== undefined && sameStamp(pass.source, stamp);
    const vector = lookup.vector(track.id);
    const trackPlan = planTrack(
      {
        windows: passFresh ? { cacheKey: pass.windowsCacheKey, windows: pass.windows } : undefined,
        analyses: passFresh ? pass.analyses : [],
        vector: vector && sameStamp(vector.source, stamp) ? vector : undefined,
      },
      pipeline,
    );
    if (!trackPlan.needed) {
      plan.upToDate++;
      continue;
    }
    const job = lookup.job(track.id);
    const failedOnThisFile = job?.state === 'failed' && sameStamp(job.source, stamp);
    if (failedOnThisFile && !settings.retryFailed) {
      plan.failedBefore.push(job);
      continue;
    }
    plan.todo.push({
      track,
      cachedWindows: trackPlan.cachedWindows,
      cachedAnalyses: trackPlan.cachedAnalyses,
      attempt: failedOnThisFile ? job.attempts + 1 : 1,
      vectorCurrent: trackPlan.vectorCurrent,
    });
  }
  return plan;
}
