import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ok } from '../../src/core/errors';
import type { AnalyzeTrackOutput } from '../../src/core/analysis/analyzeTrack';
import { NO_WINDOWS_REASON } from '../../src/core/analysis/outcome';
import { embeddingChoice, pipelineFor } from '../../src/core/analysis/pipeline';
import { bundledManifest, findModel } from '../../src/core/embedding/manifest';
import { builtInProfile } from '../../src/core/sampling';
import type { TrackRecord } from '../../src/core/library/records';
import { LibraryState } from '../state/libraryState';
import { VectorStore } from '../state/vectorStore';
import { recordOutcome } from './recordOutcome';

const pipeline = pipelineFor({ profile: builtInProfile('baseline_75s'), analyzers: {}, embedding: embeddingChoice(findModel(bundledManifest, 'builtin-dsp')) });
const track: TrackRecord = {
  id: 't1',
  relativePath: 'a.mp3',
  fileName: 'a.mp3',
  size: 10,
  lastModified: 2,
  dateAdded: '2025-01-01',
  status: 'ready',
  scanState: 'new',
  tags: {},
};
const result: AnalyzeTrackOutput = {
  windows: [{ startSec: 0, endSec: 30, kind: 'main' }],
  windowsCacheKey: pipeline.windowsCacheKey,
  windowsReused: false,
  silent: false,
  notes: [],
  analyses: [{ analyzerId: 'key', version: 2, fields: { camelot: '8A' } }],
  computed: ['key'],
  strip: new Float32Array(4),
  durationSec: 30,
};
const timings = { decodeMs: 0, analyzeMs: 0, windowDecodeMs: 0, embedMs: 0 };

let dir: string;
let state: LibraryState;
let vectors: VectorStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rbassist-record-'));
  state = new LibraryState(dir);
  vectors = new VectorStore(dir, 'builtin-dsp', 256);
});
afterEach(() => {
  vectors.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('recordOutcome', () => {
  it('fails a track whose vector is all NaN, with the reason, and never stores it', () => {
    const recorded = recordOutcome(
      state,
      vectors,
      { track, cachedAnalyses: [], attempt: 1 },
      ok({ output: result, vector: new Float32Array(256).fill(NaN), timings }),
      pipeline,
    );
    expect(recorded).toEqual({ ok: false, reason: 'The embedder made an unusable vector: 256 of its 256 values are not numbers (NaN or infinite)' });
    expect(vectors.rows).toBe(0);
    expect(vectors.rowsOf.get('t1')).toBeUndefined();
    expect(state.job('t1', 'builtin-dsp')).toMatchObject({ state: 'failed', error: recorded.ok ? '' : recorded.reason, attempts: 1 });
    // The analysis pass itself stands (a retry reuses it).
    expect(state.analyses.get('t1')).toMatchObject({ windowsCacheKey: pipeline.windowsCacheKey, analyses: result.analyses });
  });

  it('fails a track with no vector, and stores a usable one with what it was made from', () => {
    expect(recordOutcome(state, vectors, { track, cachedAnalyses: [], attempt: 1 }, ok({ output: result, timings }), pipeline)).toEqual({
      ok: false,
      reason: NO_WINDOWS_REASON,
    });
    const vector = new Float32Array(256);
    vector[0] = 1;
    expect(recordOutcome(state, vectors, { track, cachedAnalyses: [], attempt: 2 }, ok({ output: result, vector, timings }), pipeline)).toEqual(ok(undefined));
    expect(vectors.rowsOf.get('t1')).toMatchObject({
      row: 0,
      windowsCacheKey: pipeline.windowsCacheKey,
      embedderVersion: pipeline.embedding.version,
      source: { size: 10, lastModified: 2 },
    });
    expect(Array.from(vectors.read([0]))).toEqual(Array.from(vector));
    expect(state.job('t1', 'builtin-dsp')).toMatchObject({ state: 'indexed', attempts: 2 });
  });

  it('keeps the stored vector when the plan says it is current (only analyses were missing)', () => {
    const vector = new Float32Array(256);
    vector[3] = 1;
    const key = { windowsCacheKey: pipeline.windowsCacheKey, embedderVersion: pipeline.embedding.version };
    vectors.store('t1', vector, { size: 10, lastModified: 2 }, key);
    const planned = { track, cachedAnalyses: [], attempt: 1, vectorCurrent: true };
    expect(recordOutcome(state, vectors, planned, ok({ output: result, timings }), pipeline)).toEqual(ok(undefined));
    expect(vectors.rows).toBe(1);
    expect(vectors.rowsOf.get('t1')).toMatchObject({ row: 0 });
    expect(state.job('t1', 'builtin-dsp')).toMatchObject({ state: 'indexed' });
    expect(state.analyses.get('t1')).toMatchObject({ analyses: result.analyses });
  });
});
