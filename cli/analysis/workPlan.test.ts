import { describe, expect, it } from 'vitest';
import { pipelineFor, type Pipeline } from '../../src/core/analysis/pipeline';
import type { AnalyzerResult } from '../../src/core/analyzers/types';
import { BUILTIN_EMBEDDER_VERSION } from '../../src/core/embedding/builtin/builtinEmbedder';
import { builtInProfile } from '../../src/core/sampling';
import type { TrackRecord } from '../../src/core/library/records';
import type { AnalysisPassRecord, JobOutcomeRecord } from '../state/libraryState';
import type { VectorRowRecord } from '../state/vectorStore';
import { planWork } from './workPlan';

const embedding = { modelId: 'builtin-dsp', builtin: true, sampleRate: 24000, version: BUILTIN_EMBEDDER_VERSION };
const pipeline = pipelineFor({ profile: builtInProfile('baseline_75s'), analyzers: { bpm: { minBpm: 70, maxBpm: 180 } }, embedding });
const KEY = pipeline.windowsCacheKey;
/** What the runner stores for the current analyzers: id, version and options. */
const results: AnalyzerResult[] = pipeline.registry
  .list()
  .map((a) => ({ analyzerId: a.id, version: a.version, ...(a.options ? { options: a.options } : {}), fields: { value: 1 } }));

function track(id: string, status: TrackRecord['status'] = 'ready', size = 100): TrackRecord {
  return { id, relativePath: `${id}.mp3`, fileName: `${id}.mp3`, size, lastModified: 5, dateAdded: '2025-01-01', status, scanState: 'unchanged', tags: {} };
}
const source = { size: 100, lastModified: 5 };
const pass = (id: string, over: Partial<AnalysisPassRecord> = {}): AnalysisPassRecord => ({
  trackId: id,
  source,
  windowsCacheKey: KEY,
  windows: [{ startSec: 0, endSec: 45, kind: 'main' }],
  durationSec: 200,
  analyses: results,
  at: 1,
  ...over,
});
const vector = (id: string, over: Partial<VectorRowRecord> = {}): VectorRowRecord => ({
  trackId: id,
  row: 0,
  source,
  windowsCacheKey: KEY,
  embedderVersion: embedding.version,
  at: 1,
  ...over,
});

function plan(
  tracks: TrackRecord[],
  passes: AnalysisPassRecord[],
  vectors: VectorRowRecord[],
  jobs: JobOutcomeRecord[] = [],
  over: { pipeline?: Pipeline; retryFailed?: boolean } = {},
) {
  return planWork(
    tracks,
    {
      pass: (id) => passes.find((p) => p.trackId === id),
      vector: (id) => vectors.find((v) => v.trackId === id),
      job: (id) => jobs.find((j) => j.trackId === id),
    },
    { pipeline: over.pipeline ?? pipeline, retryFailed: over.retryFailed ?? false },
  );
}

describe('planWork', () => {
  it('skips tracks whose pass and vector match the file, the profile, the analyzers and the embedder', () => {
    const result = plan([track('a')], [pass('a')], [vector('a')]);
    expect(result).toMatchObject({ todo: [], upToDate: 1 });
  });

  it('starts a changed file from scratch (no cached windows or analyses)', () => {
    const result = plan([track('a', 'ready', 999)], [pass('a')], [vector('a')]);
    expect(result.todo).toEqual([{ track: track('a', 'ready', 999), cachedWindows: undefined, cachedAnalyses: [], attempt: 1, vectorCurrent: false }]);
  });

  it('reuses windows and analyses when only the vector is missing', () => {
    expect(plan([track('a')], [pass('a')], []).todo[0]).toMatchObject({ cachedWindows: { cacheKey: KEY }, cachedAnalyses: results });
  });

  it('keeps a current vector when only an analysis is missing (a newer analyzer): nothing to embed', () => {
    const withoutKey = results.filter((r) => r.analyzerId !== 'key');
    expect(plan([track('a')], [pass('a', { analyses: withoutKey })], [vector('a')]).todo[0]).toMatchObject({ vectorCurrent: true });
    expect(plan([track('a')], [pass('a', { analyses: withoutKey })], [vector('a', { embedderVersion: 'other' })]).todo[0]).toMatchObject({
      vectorCurrent: false,
    });
  });

  it('re-analyses with another BPM range, reusing every other analyzer', () => {
    const otherRange = pipelineFor({ ...pipeline, analyzers: { bpm: { minBpm: 60, maxBpm: 150 } } });
    const result = plan([track('a')], [pass('a')], [vector('a')], [], { pipeline: otherRange });
    expect(result.todo).toHaveLength(1);
    expect(result.todo[0].cachedAnalyses.map((a) => a.analyzerId)).toEqual(results.filter((r) => r.analyzerId !== 'bpm').map((r) => r.analyzerId));
  });

  it('re-analyses a result stored before options were recorded, or by another analyzer version', () => {
    const withoutOptions = results.map(({ options: _dropped, ...rest }) => rest);
    expect(plan([track('a')], [pass('a', { analyses: withoutOptions })], [vector('a')]).todo[0].cachedAnalyses.map((a) => a.analyzerId)).not.toContain('bpm');
    const olderKey = results.map((r) => (r.analyzerId === 'key' ? { ...r, version: r.version - 1 } : r));
    expect(plan([track('a')], [pass('a', { analyses: olderKey })], [vector('a')]).todo[0].cachedAnalyses.map((a) => a.analyzerId)).not.toContain('key');
  });

  it('re-embeds when the vector was made from other windows or by another embedder version (or an unknown one)', () => {
    expect(plan([track('a')], [pass('a')], [vector('a', { windowsCacheKey: 'club_hifi_150s@x' })]).todo).toHaveLength(1);
    expect(plan([track('a')], [pass('a')], [vector('a', { embedderVersion: 'builtin-dsp/features:v0/proj:v1' })]).todo).toHaveLength(1);
    expect(plan([track('a')], [pass('a')], [vector('a', { embedderVersion: undefined })]).todo).toHaveLength(1);
  });

  it('leaves tracks that failed on the same file alone unless asked to retry, counting attempts', () => {
    const failed: JobOutcomeRecord = {
      trackId: 'a',
      modelId: 'builtin-dsp',
      state: 'failed',
      error: 'Cannot decode',
      attempts: 2,
      source,
      windowsCacheKey: KEY,
      updatedAt: 1,
    };
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
