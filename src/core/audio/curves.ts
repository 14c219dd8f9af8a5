import { defaultFraming } from './framing';
import { logMelSpectrogram, type LogMelSpectrogram } from './mel';
import { noveltyCurve, type NoveltyOptions } from './novelty';
import { onsetStrength, type OnsetOptions } from './onset';
import { rmsCurve } from './rms';

/**
 * The per-track feature curves the sampler (and the energy strip in the UI) work from. All curves
 * share one frame grid: value k belongs to time k / frameRate.
 */
export interface Curves {
  frameRate: number;
  /** RMS amplitude per frame (linear, full scale = 1). */
  rms: Float32Array;
  /** Onset strength: spectral flux on log-mel, mean dB increase per band. */
  onset: Float32Array;
  /** Structural novelty in 0..2 (checkerboard kernel on MFCC self-similarity). */
  novelty: Float32Array;
  durationSec: number;
}

export interface CurveOptions {
  nMels?: number;
  onset?: OnsetOptions;
  novelty?: NoveltyOptions;
}

/** Curves from PCM: one streaming STFT → log-mel, from which onset, MFCC and novelty derive. */
export function computeCurves(pcm: Float32Array, sampleRate: number, options: CurveOptions = {}): Curves {
  const framing = defaultFraming(sampleRate);
  // RMS touches every sample, so it doubles as the check that the decoder handed over real numbers.
  const rms = rmsCurve(pcm, framing);
  const bad = rms.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`Decoded audio contains invalid (NaN or infinite) samples near ${(bad / (sampleRate / framing.hopSize)).toFixed(2)} s`);
  const logMel = logMelSpectrogram(pcm, sampleRate, { ...framing, nMels: options.nMels ?? 64 });
  return curvesFromLogMel(logMel, rms, pcm.length / sampleRate, options);
}

/** For callers that already hold a centred log-mel spectrogram and RMS curve on the same grid. */
export function curvesFromLogMel(logMel: LogMelSpectrogram, rms: Float32Array, durationSec: number, options: CurveOptions = {}): Curves {
  if (rms.length !== logMel.frameCount) throw new Error(`RMS curve has ${rms.length} frames but the log-mel spectrogram has ${logMel.frameCount}`);
  const onset = onsetStrength(logMel, options.onset);
  const novelty = noveltyCurve(
    { data: logMel.data, frameCount: logMel.frameCount, dim: logMel.nMels, frameRate: logMel.frameRate },
    { mfccCoeffs: 20, ...options.novelty },
  );
  return { frameRate: logMel.frameRate, rms, onset, novelty, durationSec };
}
