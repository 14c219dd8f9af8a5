/**
 * What IndexedDB holds for tracks, as the pipeline's plan (src/core/analysis/plan.ts) reads it, and
 * the tracks that plan finds out of date. A changed file's windows and analyses are dropped at
 * scan time (scanStage's dropComputed) and its vector is replaced when it is processed again, so
 * whatever is stored here was computed from the file as it is now.
 * @module
 */
import type { StoredTrackState, VectorKey } from '../../core/analysis/plan';
import { planTrack } from '../../core/analysis/plan';
import type { Pipeline } from '../../core/analysis/pipeline';
import type { AnalyzerResult } from '../../core/analyzers/types';
import type { EmbeddingRecord, RbassistDb } from '../../storage/db';
import { WAVEFORM_VERSION } from '../../core/waveform/waveform';

const vectorKeyOfRecord = (record: EmbeddingRecord | undefined): VectorKey | undefined =>
  record && { windowsCacheKey: record.windowsCacheKey ?? '', embedderVersion: record.embedderVersion };

export async function storedTrackState(db: RbassistDb, trackId: string, modelId: string): Promise<StoredTrackState> {
  const [windows, analyses, embedding, waveformVersion] = await Promise.all([
    db.windows.get(trackId),
    db.analyses.where('trackId').equals(trackId).toArray(),
    db.embeddings.get([trackId, modelId]),
    db.waveforms.get(trackId).then((w) => w?.version),
  ]);
  return {
    windows: windows && { cacheKey: windows.cacheKey, windows: windows.windows },
    analyses: analyses.map((a) => a.result),
    vector: vectorKeyOfRecord(embedding),
    waveformVersion,
  };
}

/**
 * Ready tracks whose stored results the pipeline finds out of date (another profile, analyzer
 * options or version, embedder version, or no vector), leaving out tracks already queued and
 * tracks that failed (they wait for Retry, as in the CLI).
 */
export async function outOfDateTracks(db: RbassistDb, pipeline: Pipeline): Promise<string[]> {
  const [tracks, jobs, embeddings] = await Promise.all([
    db.tracks.where('status').equals('ready').primaryKeys(),
    db.jobs.toArray(),
    db.embeddings.where('modelId').equals(pipeline.embedding.modelId).toArray(),
  ]);
  const skip = new Set(jobs.filter((j) => j.state !== 'indexed').map((j) => j.trackId));
  const states = new Map<string, StoredTrackState & { analyses: AnalyzerResult[] }>();
  const stateOf = (trackId: string) => {
    let state = states.get(trackId);
    if (!state) states.set(trackId, (state = { analyses: [] }));
    return state;
  };
  // Read record by record, keeping only keys: the windows table also holds every track's loudness strip.
  await db.windows.each((w) => {
    stateOf(w.trackId).windows = { cacheKey: w.cacheKey, windows: [] }; // only the key decides
  });
  await db.analyses.each((a) => {
    stateOf(a.trackId).analyses.push(a.result);
  });
  for (const e of embeddings) stateOf(e.trackId).vector = vectorKeyOfRecord(e);
  // Only which waveforms are current matters here; the version index answers without loading them.
  if (pipeline.waveform)
    for (const id of await db.waveforms.where('version').equals(WAVEFORM_VERSION).primaryKeys()) stateOf(id).waveformVersion = WAVEFORM_VERSION;
  return tracks.filter((id) => !skip.has(id) && planTrack(states.get(id) ?? { analyses: [] }, pipeline).needed);
}
