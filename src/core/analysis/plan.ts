/**
 * What a track needs from the pipeline, from what is stored for it: the one rule both hosts use to
 * decide which tracks to (re)process and what they may reuse. Stored windows count while the
 * profile's key matches; an analyzer's result while its id, version and options match; the vector
 * while it was made from the same windows by the same embedder version. The host passes only what
 * was computed from the file as it is now (a changed file has nothing stored). A track that failed
 * on the file as it is now is left alone by both hosts until the DJ asks to retry.
 * @module
 */
import { currentResult } from '../analyzers/cacheKey';
import type { AnalyzerResult } from '../analyzers/types';
import type { StoredWindows } from './analyzeTrack';
import type { Pipeline } from './pipeline';
import { WAVEFORM_VERSION } from '../waveform/waveform';

/** What a stored vector was made from. Records written before embedder versions were stored have none: stale. */
export interface VectorKey {
  windowsCacheKey: string;
  embedderVersion?: string;
}

export interface StoredTrackState {
  windows?: StoredWindows;
  analyses: readonly AnalyzerResult[];
  vector?: VectorKey;
  /** Version of the stored detail waveform, if any (only read when the pipeline computes waveforms). */
  waveformVersion?: number;
}

export interface TrackPlan {
  /** false: everything stored is current, nothing to do. */
  needed: boolean;
  /** Why it is needed, in words (for logs and the CLI). */
  reasons: string[];
  cachedWindows?: StoredWindows;
  /** Stored results still current for their analyzer (the rest are recomputed). */
  cachedAnalyses: AnalyzerResult[];
  /** Compute the detail waveform in this pass (missing or made by an older version). */
  waveform: boolean;
  /**
   * The stored vector is current: only analyses (or the waveform) are missing (a track analyzed
   * before an analyzer existed, e.g. the audio fingerprint), so the pass decodes and analyzes but
   * embeds nothing.
   */
  vectorCurrent: boolean;
}

export function vectorKeyOf(pipeline: Pipeline): Required<VectorKey> {
  return { windowsCacheKey: pipeline.windowsCacheKey, embedderVersion: pipeline.embedding.version };
}

export function planTrack(stored: StoredTrackState, pipeline: Pipeline): TrackPlan {
  const reasons: string[] = [];
  const windowsCurrent = stored.windows?.cacheKey === pipeline.windowsCacheKey;
  if (!windowsCurrent) reasons.push(stored.windows ? 'the sampling profile changed' : 'not analysed yet');
  const cachedAnalyses: AnalyzerResult[] = [];
  for (const analyzer of pipeline.registry.list()) {
    const current = currentResult(stored.analyses, analyzer);
    if (current) cachedAnalyses.push(current);
    else if (stored.windows) reasons.push(`${analyzer.id} analysis is out of date`);
  }
  const waveform = pipeline.waveform === true && stored.waveformVersion !== WAVEFORM_VERSION;
  if (waveform && stored.windows) reasons.push(stored.waveformVersion === undefined ? 'no waveform yet' : 'the waveform is out of date');
  const want = vectorKeyOf(pipeline);
  const vectorCurrent = stored.vector?.windowsCacheKey === want.windowsCacheKey && stored.vector.embedderVersion === want.embedderVersion;
  if (!stored.vector) reasons.push('no vector');
  else if (!vectorCurrent) reasons.push('the vector was made by another embedder version or from other windows');
  return { needed: reasons.length > 0, reasons, cachedWindows: windowsCurrent ? stored.windows : undefined, cachedAnalyses, waveform, vectorCurrent };
}
