/**
 * Fit a 2-D layout into the unit square [0, 1]², same scale on both axes (distances keep their
 * meaning) and centred. Coordinates beyond the 0.5th/99.5th percentile are pulled in to the edge so
 * one stray track does not squash the rest of the map into a corner.
 */
export function normalizeLayout(xy: Float32Array, { trim = 0.005 } = {}): Float32Array {
  const n = xy.length / 2;
  const out = new Float32Array(xy.length);
  if (n === 0) return out;
  const bounds = [0, 1].map((axis) => {
    const values = Float32Array.from({ length: n }, (_, i) => xy[i * 2 + axis]).sort();
    const cut = Math.floor(trim * (n - 1));
    return { lo: values[cut], hi: values[n - 1 - cut] };
  });
  const span = Math.max(bounds[0].hi - bounds[0].lo, bounds[1].hi - bounds[1].lo);
  const scale = span > 0 ? 1 / span : 0;
  for (let axis = 0; axis < 2; axis++) {
    const { lo, hi } = bounds[axis];
    // Centre the shorter axis in the square.
    const offset = span > 0 ? (1 - (hi - lo) * scale) / 2 : 0.5;
    for (let i = 0; i < n; i++) {
      const value = Math.min(hi, Math.max(lo, xy[i * 2 + axis]));
      out[i * 2 + axis] = offset + (value - lo) * scale;
    }
  }
  return out;
}
