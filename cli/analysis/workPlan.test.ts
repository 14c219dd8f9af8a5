import { describe, expect, it } from 'vitest';
import type { AnalyzerResult } from '../../src/core/analyzers/types';
import type { TrackRecord } from '../../src/core/library/records';
import type { AnalysisPassRecord, JobOutcomeRecord } from '../state/libraryState';
import type { VectorRowRecord } from '../state/vectorStore';
import { planWork, type PlanSettings } from './workPlan';

const KEY = 'baseline_75s@abc';
const settings: PlanSettings = { windowsCacheKey: KEY, analyzerVersions: new Map([['bpm', 2], ['key', 1]]), retryFailed: false };
const results: AnalyzerResult[] = [
  { analyzerId: 'bpm', version: 2, fields: { bpm: 124 } },
  { analyzerId: 'key', version: 1, fields: { camelot: '8A' } },
];

function track(id: string, status: TrackRecord['status'] = 'ready', size = 100): TrackRecord {
  return { id, relativePath: `${id}.mp3`, fileName: `${id}.mp3`, size, lastModified: 5, dateAdded: '2025-01-01', status, scanState: 'unchanged', tags: {} };
}
const source = { size: 100, lastModified: 5 };
const pass = (id: string, over: Partial<AnalysisPassRecord> = {}): AnalysisPassRecord => ({
  trackId: id, source, windowsCacheKey: KEY, windows: [{ startSec: 0, endSec: 45, kind: 'main' }], durationSec: 200, analyses: results, at: 1, ...over,
});
const vector = (id: string, over: Partial<VectorRowRecord> = {}): VectorRowRecord => ({ trackId: id, row: 0, source, windowsCacheKey: KEY, at: 1, ...over });

function plan(tracks: TrackRecord[], passes: AnalysisPassRecord[], vectors: VectorRowRecord[], jobs: JobOutcomeRecord[] = [], over: Partial<PlanSettings> = {}) {
  return planWork(
    tracks,
    { pass: (id) => passes.find((p) => p.trackId === id), vector: (id) => vectors.find((v) => v.trackId === id), job: (id) => jobs.find((j) => j.trackId === id) },
    { ...settings, ...over },
  );
}

describe('planWork', () => {
  it('skips tracks whose pass and vector match the file, the profile and the analyzer versions', () => {
    const result = plan([track('a')], [pass('a')], [vector('a')]);
    expect(result).toMatchObject({ todo: [], upToDate: 1 });
  });

  it('starts a changed file from scratch (no cached windows or analyses)', () => {
    const result = plan([track('a', 'ready', 999)], [pass('a')], [vector('a')]);
    expect(result.todo).toEqual([{ track: track('a', 'ready', 999), cachedWindows: undefined, cachedAnalyses: [], attempt: 1 }]);
  });

  it('reuses windows and analyses when only the vector is missing or the analyzer version moved', () => {
    expect(plan([track('a')], [pass('a')], []).todo[0]).toMatchObject({ cachedWindows: { cacheKey: KEY }, cachedAnalyses: results });
    const bumped = plan([track('a')], [pass('a')], [vector('a')], [], { analyzerVersions: new Map([['bpm', 3], ['key', 1]]) });
    expect(bumped.todo).toHaveLength(1);
    expect(bumped.todo[0].cachedAnalyses).toEqual(results);
  });

  it('re-embeds when the vector was made from other windows (another profile)', () => {
    expect(plan([track('a')], [pass('a')], [vector('a', { windowsCacheKey: 'club_hifi_150s@x' })]).todo).toHaveLength(1);
  });

  it('leaves tracks that failed on the same file alone unless asked to retry, counting attempts', () => {
    const failed: JobOutcomeRecord = { trackId: 'a', modelId: 'builtin-dsp', state: 'failed', error: 'Cannot decode', attempts: 2, source, windowsCacheKey: KEY, updatedAt: 1 };
    expect(plan([track('a')], [], [], [failed])).toMatchObject({ todo: [], failedBefore: [failed] });
    expect(plan([track('a')], [], [], [failed], { retryFailed: true }).todo[0].attempt).toBe(3);
    // The file changed since it failed: try again.
    expect(plan([track('a', 'ready', 7)], [], [], [failed]).todo).toHaveLength(1);
  });

  it('lists unreadable tracks and ignores removed ones', () => {
    const result = plan([track('a', 'error'), track('b', 'removed')], [], []);
    expect(result).toMatchObject({ todo: [], upToDate: 0, unreadable: [track('a', 'error')] });
  });
});
