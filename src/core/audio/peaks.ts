export interface PeakOptions {
  /** A peak is the maximum of x over [n - preMax, n + postMax] (frames). */
  preMax: number;
  postMax: number;
  /** …and at least delta above the mean of x over [n - preAvg, n + postAvg]. */
  preAvg: number;
  postAvg: number;
  delta: number;
  /** Frames to skip after a peak before the next one may be taken. */
  wait: number;
  /** Absolute floor for a peak's height. */
  minHeight?: number;
}

/**
 * Peak picking in the style of librosa.util.peak_pick, returning frame indices in ascending order.
 * Plateaus count once (at their first frame), and a flat curve has no peaks.
 */
export function pickPeaks(x: ArrayLike<number>, { preMax, postMax, preAvg, postAvg, delta, wait, minHeight = -Infinity }: PeakOptions): number[] {
  const n = x.length;
  const peaks: number[] = [];
  if (n === 0) return peaks;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + x[i];
  let last = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    if (v < minHeight || i - last <= wait) continue;
    if (i > 0 && !(v > x[i - 1])) continue; // rising into it: plateaus count once, flats never
    let isMax = true;
    for (let j = Math.max(0, i - preMax); j <= Math.min(n - 1, i + postMax); j++) {
      if (x[j] > v) {
        isMax = false;
        break;
      }
    }
    if (!isMax) continue;
    const lo = Math.max(0, i - preAvg);
    const hi = Math.min(n, i + postAvg + 1);
    if (!(v > (prefix[hi] - prefix[lo]) / (hi - lo) + delta)) continue; // strict: a flat curve has no peaks
    peaks.push(i);
    last = i;
  }
  return peaks;
}

/** Peak options expressed in seconds, converted for a given frame rate. */
export function peakOptionsInSeconds(
  frameRate: number,
  o: { maxSec: number; avgSec: number; delta: number; waitSec: number; minHeight?: number },
): PeakOptions {
  const f = (sec: number) => Math.max(0, Math.round(sec * frameRate));
  return { preMax: f(o.maxSec), postMax: f(o.maxSec), preAvg: f(o.avgSec), postAvg: f(o.avgSec), delta: o.delta, wait: f(o.waitSec), minHeight: o.minHeight };
}
