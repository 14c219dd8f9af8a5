/**
 * Periodicity of an onset envelope: its autocorrelation, and a comb over the autocorrelation that
 * rates each tempo by how strongly the envelope repeats at one, two, three and four beats.
 * @module
 */
import { sampleAt } from './onsetEnvelope';

/** Unbiased, zero-lag-normalized autocorrelation for lags 0…maxLag (a[0] = 1; all zeros for a silent envelope). */
export function autocorrelation(x: Float32Array, maxLag: number): Float32Array {
  const n = x.length;
  const lags = Math.max(0, Math.min(maxLag, n - 1));
  const out = new Float32Array(maxLag + 1);
  let zero = 0;
  for (let i = 0; i < n; i++) zero += x[i] * x[i];
  if (!(zero > 0)) return out;
  zero /= n;
  for (let lag = 0; lag <= lags; lag++) {
    let acc = 0;
    for (let i = 0; i + lag < n; i++) acc += x[i] * x[i + lag];
    out[lag] = acc / (n - lag) / zero;
  }
  return out;
}

/** Comb weights over 1…4 beats: the beat itself counts most, bar-level repetition still helps. */
const COMB = [1, 0.6, 0.35, 0.5];

export function combSalience(acf: Float32Array, frameRate: number, bpm: number): number {
  const period = (60 * frameRate) / bpm;
  let score = 0;
  for (let k = 0; k < COMB.length; k++) score += COMB[k] * sampleAt(acf, period * (k + 1));
  return score / COMB.reduce((s, w) => s + w, 0);
}

export interface SaliencePeak {
  bpm: number;
  salience: number;
}

/** Local maxima of the comb salience over [minBpm, maxBpm] on a 0.25 BPM grid, strongest first. */
export function saliencePeaks(acf: Float32Array, frameRate: number, minBpm: number, maxBpm: number): SaliencePeak[] {
  const step = 0.25;
  const grid: SaliencePeak[] = [];
  for (let bpm = minBpm; bpm <= maxBpm + 1e-9; bpm += step) grid.push({ bpm, salience: combSalience(acf, frameRate, bpm) });
  const peaks: SaliencePeak[] = [];
  for (let i = 0; i < grid.length; i++) {
    const left = i > 0 ? grid[i - 1].salience : -Infinity;
    const right = i + 1 < grid.length ? grid[i + 1].salience : -Infinity;
    if (grid[i].salience > left && grid[i].salience >= right && grid[i].salience > 0) peaks.push(grid[i]);
  }
  return peaks.sort((a, b) => b.salience - a.salience);
}
