import { describe, expect, it } from 'vitest';
import type { AnalyzerResult } from '../analyzers/types';
import { bundledManifest, findModel } from '../embedding/manifest';
import { BUILTIN_EMBEDDER_VERSION, BuiltinDspEmbedder } from '../embedding/builtin/builtinEmbedder';
import { embedderVersion } from '../embedding/embedderVersion';
import { builtInProfile } from '../sampling';
import { analysisFailure, judgeVector, NO_WINDOWS_REASON, SILENT_TRACK_REASON } from './outcome';
import { embeddingChoice, pipelineFor } from './pipeline';
import { planTrack, vectorKeyOf, type StoredTrackState } from './plan';
import { analyzeRequest } from './request';
import { WAVEFORM_VERSION } from '../waveform/waveform';

const builtin = embeddingChoice(findModel(bundledManifest, 'builtin-dsp'));
const pipeline = pipelineFor({ profile: builtInProfile('baseline_75s'), analyzers: { bpm: { minBpm: 70, maxBpm: 180 } }, embedding: builtin });
const current: AnalyzerResult[] = pipeline.registry
  .list()
  .map((a) => ({ analyzerId: a.id, version: a.version, ...(a.options ? { options: a.options } : {}), fields: {} }));
const upToDate: StoredTrackState = {
  windows: { cacheKey: pipeline.windowsCacheKey, windows: [{ startSec: 0, endSec: 30, kind: 'main' }] },
  analyses: current,
  vector: vectorKeyOf(pipeline),
};

describe('the pipeline plan', () => {
  it('has nothing to do for a track analysed and embedded under the same settings', () => {
    expect(planTrack(upToDate, pipeline)).toMatchObject({ needed: false, reasons: [], cachedAnalyses: current });
  });

  it('does everything for a track with nothing stored', () => {
    expect(planTrack({ analyses: [] }, pipeline)).toEqual({
      needed: true,
      reasons: ['not analysed yet', 'no vector'],
      cachedWindows: undefined,
      cachedAnalyses: [],
      waveform: false,
      vectorCurrent: false,
    });
  });

  it('a track analysed before the fingerprint existed computes only the fingerprint and keeps its vector', () => {
    const withoutFingerprint = { ...upToDate, analyses: current.filter((a) => a.analyzerId !== 'fingerprint') };
    const plan = planTrack(withoutFingerprint, pipeline);
    expect(plan).toMatchObject({ needed: true, reasons: ['fingerprint analysis is out of date'], vectorCurrent: true, cachedWindows: upToDate.windows });
    expect(analyzeRequest('a.mp3', plan, pipeline)).toMatchObject({ builtinEmbedding: false, modelSampleRate: undefined });
    const onnx = pipelineFor({ ...pipeline, embedding: embeddingChoice(findModel(bundledManifest, 'mert-v1-95m')) });
    expect(analyzeRequest('a.mp3', planTrack({ ...withoutFingerprint, vector: vectorKeyOf(onnx) }, onnx), onnx)).toMatchObject({
      builtinEmbedding: false,
      modelSampleRate: undefined,
    });
  });

  it('a browser pipeline recomputes a missing or older waveform alone, and asks the pass for it', () => {
    const drawing = pipelineFor({ ...pipeline, waveform: true });
    const missing = planTrack(upToDate, drawing);
    expect(missing).toMatchObject({ needed: true, reasons: ['no waveform yet'], waveform: true, cachedAnalyses: current });
    expect(missing.cachedWindows).toEqual(upToDate.windows);
    expect(analyzeRequest('a.mp3', missing, drawing).waveform).toBe(true);
    expect(planTrack({ ...upToDate, waveformVersion: WAVEFORM_VERSION - 1 }, drawing).reasons).toEqual(['the waveform is out of date']);
    expect(planTrack({ ...upToDate, waveformVersion: WAVEFORM_VERSION }, drawing)).toMatchObject({ needed: false, waveform: false });
    // The CLI's pipeline never asks for one.
    expect(planTrack(upToDate, pipeline)).toMatchObject({ needed: false, waveform: false });
  });

  it('a new BPM range re-runs only the BPM analyzer', () => {
    const narrower = pipelineFor({ ...pipeline, analyzers: { bpm: { minBpm: 90, maxBpm: 180 } } });
    const plan = planTrack(upToDate, narrower);
    expect(plan.needed).toBe(true);
    expect(plan.reasons).toEqual(['bpm analysis is out of date']);
    expect(plan.cachedWindows).toEqual(upToDate.windows);
    expect(plan.cachedAnalyses.map((a) => a.analyzerId)).toEqual(current.map((a) => a.analyzerId).filter((id) => id !== 'bpm'));
  });

  it('another embedder version, or a vector stored without one, re-embeds from the stored windows', () => {
    const newer = pipelineFor({ ...pipeline, embedding: { ...builtin, version: `${builtin.version}+1` } });
    expect(planTrack(upToDate, newer)).toMatchObject({ needed: true, cachedWindows: upToDate.windows, cachedAnalyses: current });
    expect(planTrack({ ...upToDate, vector: { windowsCacheKey: pipeline.windowsCacheKey } }, pipeline).needed).toBe(true);
  });

  it('another profile recomputes the windows and the vector but keeps the analyses', () => {
    const other = pipelineFor({ ...pipeline, profile: builtInProfile('club_hifi_150s') });
    const plan = planTrack(upToDate, other);
    expect(plan.reasons).toEqual(['the sampling profile changed', 'the vector was made by another embedder version or from other windows']);
    expect(plan.cachedWindows).toBeUndefined();
    expect(plan.cachedAnalyses).toEqual(current);
  });

  it("knows each embedder's version without loading it", () => {
    expect(builtin.version).toBe(new BuiltinDspEmbedder().version);
    expect(builtin.version).toBe(BUILTIN_EMBEDDER_VERSION);
    expect(embedderVersion(findModel(bundledManifest, 'mert-v1-95m'))).toMatch(/^mert-v1-95m\/contract:v\d+\/chunks:v\d+\/layers:[\d,]+\/proj:v\d+$/);
  });

  it('builds the request from the plan: cached results, analyzer options, and the model rate for ONNX models only', () => {
    const plan = planTrack({ ...upToDate, vector: undefined }, pipeline);
    expect(analyzeRequest('a/b.mp3', plan, pipeline)).toEqual({
      relativePath: 'a/b.mp3',
      profile: pipeline.profile,
      cachedWindows: upToDate.windows,
      cachedAnalyses: current,
      analyzers: { bpm: { minBpm: 70, maxBpm: 180 } },
      builtinEmbedding: true,
      modelSampleRate: undefined,
    });
    const onnx = pipelineFor({ ...pipeline, embedding: embeddingChoice(findModel(bundledManifest, 'mert-v1-95m')) });
    expect(analyzeRequest('a/b.mp3', plan, onnx)).toMatchObject({ builtinEmbedding: false, modelSampleRate: 24000 });
  });

  it('fails a silent track with its reason', () => {
    expect(analysisFailure({ silent: true })).toBe(SILENT_TRACK_REASON);
    expect(analysisFailure({ silent: false })).toBeUndefined();
  });

  it('judges vectors by the usable-vector rule', () => {
    expect(judgeVector(undefined)).toEqual({ ok: false, reason: NO_WINDOWS_REASON });
    expect(judgeVector(new Float32Array(256).fill(NaN))).toEqual({
      ok: false,
      reason: 'The embedder made an unusable vector: 256 of its 256 values are not numbers (NaN or infinite)',
    });
    const unit = new Float32Array(256);
    unit[3] = 1;
    expect(judgeVector(unit)).toEqual({ ok: true, value: unit });
  });
});
