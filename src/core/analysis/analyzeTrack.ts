/**
 * One analysis pass over a decoded track (runs inside a decode worker, or in Node for the CLI):
 * feature curves → sampling windows (reused while the profile is unchanged) → analyzers (only
 * those whose version changed) → the built-in embedding over the windows. Pure: no I/O.
 * @module
 */
import { computeCurves, type Curves } from '../audio/curves';
import { runAnalyzers } from '../analyzers/runner';
import type { AnalyzerRegistry } from '../analyzers/registry';
import type { AnalyzerResult } from '../analyzers/types';
import { embedBuiltin } from '../embedding/builtin/builtinEmbedder';
import { computeWaveform, type Waveform } from '../waveform/waveform';
import { pickWindows, seedFromPath, windowsCacheKey, type SampleWindow, type SamplingProfile } from '../sampling';

export interface StoredWindows {
  cacheKey: string;
  windows: SampleWindow[];
}

export interface AnalyzeTrackInput {
  pcm: Float32Array;
  sampleRate: number;
  /** Duration the file declares (falls back to the PCM length). */
  durationSec: number;
  relativePath: string;
  profile: SamplingProfile;
  cachedWindows?: StoredWindows;
  cachedAnalyses: readonly AnalyzerResult[];
  registry: AnalyzerRegistry;
  /** Compute the builtin-dsp vector (the default embedder) over the windows. */
  builtinEmbedding: boolean;
  /** Compute the detail waveform from the same PCM. */
  waveform?: boolean;
}

export interface AnalyzeTrackOutput {
  windows: SampleWindow[];
  windowsCacheKey: string;
  windowsReused: boolean;
  silent: boolean;
  notes: string[];
  analyses: AnalyzerResult[];
  /** Analyzer ids that ran this time (the rest came from the cache). */
  computed: string[];
  builtinVector?: Float32Array;
  /** A small loudness envelope (0–1, STRIP_POINTS values) for the track detail picture. */
  strip: Float32Array;
  /** The detail waveform, when asked for. */
  waveform?: Waveform;
  durationSec: number;
}

export const STRIP_POINTS = 480;

/** Peak-normalized RMS envelope resampled to `points` values. */
export function loudnessStrip(curves: Curves, points = STRIP_POINTS): Float32Array {
  const out = new Float32Array(points);
  const rms = curves.rms;
  if (rms.length === 0) return out;
  let peak = 0;
  for (let p = 0; p < points; p++) {
    const from = Math.floor((p * rms.length) / points);
    const to = Math.max(from + 1, Math.floor(((p + 1) * rms.length) / points));
    let max = 0;
    for (let i = from; i < to && i < rms.length; i++) max = Math.max(max, rms[i]);
    out[p] = max;
    peak = Math.max(peak, max);
  }
  if (peak > 0) for (let p = 0; p < points; p++) out[p] /= peak;
  return out;
}

function slice(pcm: Float32Array, sampleRate: number, window: SampleWindow): Float32Array {
  return pcm.subarray(Math.max(0, Math.floor(window.startSec * sampleRate)), Math.min(pcm.length, Math.ceil(window.endSec * sampleRate)));
}

export function analyzeTrack(input: AnalyzeTrackInput): AnalyzeTrackOutput {
  const { pcm, sampleRate, profile } = input;
  const durationSec = input.durationSec > 0 ? input.durationSec : pcm.length / sampleRate;
  const curves = computeCurves(pcm, sampleRate);
  const key = windowsCacheKey(profile);
  let windows: SampleWindow[];
  let silent = false;
  let notes: string[] = [];
  const reuse = input.cachedWindows?.cacheKey === key;
  if (reuse) {
    windows = input.cachedWindows!.windows;
  } else {
    const selection = pickWindows(curves, pcm.length / sampleRate, profile, seedFromPath(input.relativePath));
    windows = selection.windows;
    silent = selection.silent;
    notes = selection.notes;
  }
  const { results, computed } = runAnalyzers(
    pcm,
    sampleRate,
    { frameRate: curves.frameRate, rms: curves.rms, onset: curves.onset },
    input.cachedAnalyses,
    input.registry,
  );
  const builtinVector =
    input.builtinEmbedding && windows.length > 0
      ? embedBuiltin(
          windows.map((w) => slice(pcm, sampleRate, w)),
          sampleRate,
        )
      : undefined;
  return {
    windows,
    windowsCacheKey: key,
    windowsReused: reuse,
    silent,
    notes,
    analyses: results,
    computed,
    builtinVector,
    strip: loudnessStrip(curves),
    waveform: input.waveform ? computeWaveform(pcm, sampleRate) : undefined,
    durationSec,
  };
}
