import { mulberry32 } from '../hash';

/**
 * The two principal components of a set of vectors (rows of `dims` floats), by power iteration on
 * Xᵀ(Xv) — never forming the covariance matrix, so 50k × 256 costs a few passes over the data.
 * Returns interleaved x, y per row. Deterministic for a seed; each axis's sign is fixed so the
 * largest coordinate is positive (power iteration alone could flip it).
 */
export function pcaLayout(vectors: Float32Array, dims: number, seed = 1, { iterations = 60, tolerance = 1e-7 } = {}): Float32Array {
  const n = dims > 0 ? vectors.length / dims : 0;
  if (!Number.isInteger(n)) throw new RangeError(`${vectors.length} floats are not whole rows of ${dims}`);
  const out = new Float32Array(n * 2);
  if (n === 0) return out;
  const mean = new Float64Array(dims);
  for (let r = 0; r < n; r++) for (let d = 0; d < dims; d++) mean[d] += vectors[r * dims + d];
  for (let d = 0; d < dims; d++) mean[d] /= n;

  const random = mulberry32(seed);
  const projections = new Float64Array(n);
  const components: Float64Array[] = [];
  for (let c = 0; c < 2; c++) {
    let v = Float64Array.from({ length: dims }, () => random() - 0.5);
    for (let iter = 0; iter < iterations; iter++) {
      // p = (X − mean) v = Xv − mean·v (centring folded in: no per-element subtraction).
      let meanDotV = 0;
      for (let d = 0; d < dims; d++) meanDotV += mean[d] * v[d];
      let sumP = 0;
      for (let r = 0; r < n; r++) {
        let dot = 0;
        const base = r * dims;
        for (let d = 0; d < dims; d++) dot += vectors[base + d] * v[d];
        projections[r] = dot - meanDotV;
        sumP += dot - meanDotV;
      }
      // w = (X − mean)ᵀ p = Xᵀp − mean Σp, then remove what earlier components explain.
      const w = new Float64Array(dims);
      for (let r = 0; r < n; r++) {
        const p = projections[r];
        if (p === 0) continue;
        const base = r * dims;
        for (let d = 0; d < dims; d++) w[d] += vectors[base + d] * p;
      }
      for (let d = 0; d < dims; d++) w[d] -= mean[d] * sumP;
      for (const previous of components) {
        let dot = 0;
        for (let d = 0; d < dims; d++) dot += w[d] * previous[d];
        for (let d = 0; d < dims; d++) w[d] -= dot * previous[d];
      }
      const norm = Math.hypot(...w);
      if (!(norm > 0)) break; // no variance left along any new direction
      let change = 0;
      for (let d = 0; d < dims; d++) {
        const next = w[d] / norm;
        change += (next - v[d]) ** 2;
        w[d] = next;
      }
      v = w;
      if (change < tolerance) break;
    }
    components.push(v);
  }
  for (let c = 0; c < 2; c++) {
    const v = components[c];
    let extreme = 0;
    for (let r = 0; r < n; r++) {
      let dot = 0;
      const base = r * dims;
      for (let d = 0; d < dims; d++) dot += (vectors[base + d] - mean[d]) * v[d];
      out[r * 2 + c] = dot;
      if (Math.abs(dot) > Math.abs(extreme)) extreme = dot;
    }
    if (extreme < 0) for (let r = 0; r < n; r++) out[r * 2 + c] = -out[r * 2 + c];
  }
  return out;
}
