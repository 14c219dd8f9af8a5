/**
 * Small numeric helpers shared by the curve and sampling code. All are NaN-free on empty input.
 * @module
 */
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

/**
 * p-th percentile (0–100) with linear interpolation between ranks (numpy's default); 0 for empty
 * input. Uses quickselect on a copy — O(n), not a full sort — since curves run to 50k frames.
 */
export function percentile(x: ArrayLike<number>, p: number): number {
  const n = x.length;
  if (n === 0) return 0;
  const a = Float64Array.from(x);
  const pos = (Math.min(100, Math.max(0, p)) / 100) * (n - 1);
  const lo = Math.floor(pos);
  const low = select(a, lo);
  if (lo + 1 >= n || pos === lo) return low;
  // After select, everything right of lo is ≥ a[lo]: the next rank is their minimum.
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (a[i] < next) next = a[i];
  return low + (next - low) * (pos - lo);
}

/** Rearranges `a` so a[k] holds the k-th smallest value, smaller ones left of it, larger right. */
function select(a: Float64Array, k: number): number {
  let left = 0;
  let right = a.length - 1;
  while (right > left) {
    // Median of three as pivot keeps sorted and constant curves (common here) linear.
    const mid = (left + right) >> 1;
    const pivot = median3(a[left], a[mid], a[right]);
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else break;
  }
  return a[k];
}

function median3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}

/** Linear-amplitude to dBFS with a floor (no -Infinity for silence). */
export function amplitudeToDb(amplitude: number, floorDb = -120): number {
  return amplitude > 0 ? Math.max(floorDb, 20 * Math.log10(amplitude)) : floorDb;
}
