import { movingAverage } from './curveOps';
import type { LogMelSpectrogram } from './mel';

export interface OnsetOptions {
  /** Compare each frame with the one `lag` frames earlier. */
  lag?: number;
  /** Subtract a centred moving average of this many seconds and clip at zero (null: off). */
  localMeanSec?: number | null;
}

/**
 * Onset strength: spectral flux on the log-mel spectrogram (increase in dB per band, half-wave
 * rectified, mean over bands). Frame k sits at time k / frameRate. With centred frames a sound
 * starts raising the flux as soon as it enters the leading edge of a window, half a frame before
 * the window's centre, so the curve is shifted later by frameSize / (2·hop) frames (as librosa does).
 */
export function onsetStrength(spec: LogMelSpectrogram, { lag = 1, localMeanSec = null }: OnsetOptions = {}): Float32Array {
  const { frameCount, nMels, data } = spec;
  if (!Number.isInteger(lag) || lag < 1) throw new Error(`onset lag must be a positive integer, got ${lag}`);
  const flux = new Float32Array(frameCount);
  const shift = Math.round(spec.frameSize / (2 * spec.hopSize));
  for (let k = lag; k < frameCount; k++) {
    const cur = k * nMels;
    const prev = (k - lag) * nMels;
    let acc = 0;
    for (let m = 0; m < nMels; m++) {
      const d = data[cur + m] - data[prev + m];
      if (d > 0) acc += d;
    }
    const target = k + shift;
    if (target < frameCount) flux[target] = acc / nMels;
  }
  if (localMeanSec === null || localMeanSec <= 0) return flux;
  const local = movingAverage(flux, (localMeanSec * spec.frameRate) / 2);
  for (let k = 0; k < frameCount; k++) flux[k] = Math.max(0, flux[k] - local[k]);
  return flux;
}
