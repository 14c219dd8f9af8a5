/** Small numeric helpers shared by the curve and sampling code. All are NaN-free on empty input. */

/** Centred moving average with the window clipped at the ends (mean over the samples that exist). */
export function movingAverage(x: ArrayLike<number>, radius: number): Float32Array {
  const n = x.length;
  const out = new Float32Array(n);
  if (n === 0) return out;
  const r = Math.max(0, Math.floor(radius));
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + x[i];
  for (let i = 0; i < n; i++) {
    const lo = Math.max(0, i - r);
    const hi = Math.min(n, i + r + 1);
    out[i] = (prefix[hi] - prefix[lo]) / (hi - lo);
  }
  return out;
}

/** p-th percentile (0–100) with linear interpolation; 0 for empty input. */
export function percentile(x: ArrayLike<number>, p: number): number {
  const n = x.length;
  if (n === 0) return 0;
  const sorted = Float64Array.from(x).sort();
  const pos = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function maxOf(x: ArrayLike<number>, from = 0, to = x.length): number {
  let m = -Infinity;
  for (let i = Math.max(0, from); i < Math.min(x.length, to); i++) if (x[i] > m) m = x[i];
  return m;
}

export function meanOf(x: ArrayLike<number>, from = 0, to = x.length): number {
  const lo = Math.max(0, from);
  const hi = Math.min(x.length, to);
  if (hi <= lo) return 0;
  let s = 0;
  for (let i = lo; i < hi; i++) s += x[i];
  return s / (hi - lo);
}

/** Linear-amplitude to dBFS with a floor (no -Infinity for silence). */
export function amplitudeToDb(amplitude: number, floorDb = -120): number {
  return amplitude > 0 ? Math.max(floorDb, 20 * Math.log10(amplitude)) : floorDb;
}
