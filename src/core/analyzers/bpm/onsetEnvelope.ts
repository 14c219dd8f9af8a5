/**
 * Onset envelopes for tempo work, from the same log-mel spectrogram the feature curves use: the
 * full-band flux (as src/core/audio onsetStrength) and a low band (kick drums and bass) used to
 * find the downbeat. Both are detrended by a local mean and normalized to unit standard deviation.
 * @module
 */
import { movingAverage } from '../../audio/curveOps';
import type { LogMelSpectrogram } from '../../audio/mel';

export interface OnsetEnvelopes {
  frameRate: number;
  /** All bands. */
  full: Float32Array;
  /** Bands below ~150 Hz. */
  low: Float32Array;
}

/**
 * Half-wave-rectified dB increase averaged over the mel bands whose centre (`centersHz`, from the
 * filterbank that made `spec`) lies in [loHz, hiHz).
 */
export function bandFlux(spec: LogMelSpectrogram, centersHz: ArrayLike<number>, loHz: number, hiHz: number): Float32Array {
  const { frameCount, nMels, data } = spec;
  const bands: number[] = [];
  for (let m = 0; m < nMels; m++) if (centersHz[m] >= loHz && centersHz[m] < hiHz) bands.push(m);
  const flux = new Float32Array(frameCount);
  if (bands.length === 0) return flux;
  // Same alignment as onsetStrength: a sound raises the flux half a window before the frame centre.
  const shift = Math.round(spec.frameSize / (2 * spec.hopSize));
  for (let k = 1; k + shift < frameCount; k++) {
    let acc = 0;
    for (const m of bands) {
      const d = data[k * nMels + m] - data[(k - 1) * nMels + m];
      if (d > 0) acc += d;
    }
    flux[k + shift] = acc / bands.length;
  }
  return flux;
}

/** Subtract a centred local mean, clip at zero and scale to unit standard deviation (all-zero stays zero). */
export function normalizeEnvelope(x: Float32Array, frameRate: number, localMeanSec = 0.5): Float32Array {
  const local = movingAverage(x, (localMeanSec * frameRate) / 2);
  const out = new Float32Array(x.length);
  let sumSq = 0;
  for (let i = 0; i < x.length; i++) {
    const v = Math.max(0, x[i] - local[i]);
    out[i] = v;
    sumSq += v * v;
  }
  const std = Math.sqrt(sumSq / Math.max(1, x.length));
  if (std > 1e-9) for (let i = 0; i < out.length; i++) out[i] /= std;
  else out.fill(0);
  return out;
}

/** Value of x at fractional index t (linear interpolation, 0 outside). */
export function sampleAt(x: Float32Array, t: number): number {
  const i = Math.floor(t);
  if (i < 0 || i >= x.length) return 0;
  const frac = t - i;
  const next = i + 1 < x.length ? x[i + 1] : 0;
  return x[i] + (next - x[i]) * frac;
}

/** Gaussian smoothing (σ in frames): onsets are only known to about a frame, so sharp peaks are widened. */
export function smoothEnvelope(x: Float32Array, sigma = 1): Float32Array {
  const radius = Math.ceil(sigma * 3);
  const kernel: number[] = [];
  for (let i = -radius; i <= radius; i++) kernel.push(Math.exp(-(i * i) / (2 * sigma * sigma)));
  const norm = kernel.reduce((s, v) => s + v, 0);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    let acc = 0;
    for (let k = -radius; k <= radius; k++) {
      const j = i + k;
      if (j >= 0 && j < x.length) acc += x[j] * kernel[k + radius];
    }
    out[i] = acc / norm;
  }
  return out;
}
