/**
 * Which tracks an analyze run must process, and what it can reuse. A track is up to date when its
 * analysis pass and its vector were computed from the file as it is now (size + mtime), with the
 * current sampling profile and analyzer versions. A changed file starts from scratch; a new profile
 * or analyzer version recomputes only what it affects (analyzeTrack reuses the rest).
 * @module
 */
import type { AnalyzerResult } from '../../src/core/analyzers/types';
import type { StoredWindows } from '../../src/core/analysis/analyzeTrack';
import type { TrackRecord } from '../../src/core/library/records';
import { sameStamp, stampOf, type AnalysisPassRecord, type JobOutcomeRecord } from '../state/libraryState';
import type { VectorRowRecord } from '../state/vectorStore';

export interface PlannedTrack {
  track: TrackRecord;
  cachedWindows?: StoredWindows;
  cachedAnalyses: AnalyzerResult[];
  /** 1 for the first try, more when an earlier run failed on this file. */
  attempt: number;
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
  windowsCacheKey: string;
  /** Current version of every analyzer that runs. */
  analyzerVersions: ReadonlyMap<string, number>;
  retryFailed: boolean;
}

function analysesCurrent(pass: AnalysisPassRecord, versions: ReadonlyMap<string, number>): boolean {
  return [...versions].every(([id, version]) => pass.analyses.some((a) => a.analyzerId === id && a.version === version));
}

export function planWork(tracks: readonly TrackRecord[], lookup: PlanLookup, settings: PlanSettings): WorkPlan {
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
    const done =
      passFresh &&
      pass.windowsCacheKey === settings.windowsCacheKey &&
      analysesCurrent(pass, settings.analyzerVersions) &&
      vector !== undefined &&
      sameStamp(vector.source, stamp) &&
      vector.windowsCacheKey === settings.windowsCacheKey;
    if (done) {
      plan.upToDate++;
      continue;
    }
    const job = lookup.job(track.id);
    const failedOnThisFile = job?.state === 'failed' && sameStamp(job.source, stamp) && job.windowsCacheKey === settings.windowsCacheKey;
    if (failedOnThisFile && !settings.retryFailed) {
      plan.failedBefore.push(job);
      continue;
    }
    plan.todo.push({
      track,
      cachedWindows: passFresh ? { cacheKey: pass.windowsCacheKey, windows: pass.windows } : undefined,
      cachedAnalyses: passFresh ? pass.analyses : [],
      attempt: failedOnThisFile ? job.attempts + 1 : 1,
    });
  }
  return plan;
}
