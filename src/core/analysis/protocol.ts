/**
 * What a host asks an analysis worker to do for one track (built by request.ts), and what comes back.
 * @module
 */
import type { Result } from '../errors';
import type { AnalyzerSettings } from '../analyzers/defaultAnalyzers';
import type { AnalyzerResult } from '../analyzers/types';
import type { SamplingProfile } from '../sampling';
import type { AnalyzeTrackOutput, StoredWindows } from './analyzeTrack';

/** Sample rate of the feature curves and analyzers (fast, and plenty for tempo/key/energy). */
export const ANALYSIS_SAMPLE_RATE = 11025;

export interface AnalyzeRequest {
  relativePath: string;
  profile: SamplingProfile;
  cachedWindows?: StoredWindows;
  cachedAnalyses: AnalyzerResult[];
  builtinEmbedding: boolean;
  /** Compute the detail waveform (src/core/waveform) from the same PCM. */
  waveform?: boolean;
  /** Options of the analyzers (the DJ's BPM range); part of each analyzer's cache key. */
  analyzers: AnalyzerSettings;
  /** Also decode the chosen windows at this rate (24 kHz for MERT) — seeking, not a full decode. */
  modelSampleRate?: number;
}

export interface AnalyzeTimings {
  decodeMs: number;
  analyzeMs: number;
  windowDecodeMs: number;
}

/** A track's analysis, as a worker sends it back. */
export interface AnalyzedTrack {
  output: AnalyzeTrackOutput;
  /** The chosen windows at the model's rate (only when the request asked for them). */
  modelWindows?: Float32Array[];
  timings: AnalyzeTimings;
}

export type AnalyzeOutcome = Result<AnalyzedTrack>;
