/**
 * Pooling of model outputs into one vector per track. The model has already averaged every hidden
 * state over time (contract 2); here: mean over the chosen hidden states (layers), then mean over
 * chunks within a window and over windows (so every window counts the same however many chunks it
 * has). Sums run in float64.
 * @module
 */
/**
 * Pool a layer-means tensor [batch, states, hidden] (row-major) into one hidden-size vector per
 * batch item: the average over `layers`.
 */
export function poolLayerMeans(data: Float32Array, dims: readonly number[], layers: readonly number[]): Float32Array[] {
  if (dims.length !== 3) throw new Error(`Expected layer means shaped [batch, states, hidden], got [${dims.join(', ')}]`);
  const [batch, states, hidden] = dims;
  if (data.length !== batch * states * hidden) throw new Error(`Layer-mean data has ${data.length} values for shape [${dims.join(', ')}]`);
  if (layers.length === 0) throw new Error('No layers chosen for pooling');
  for (const l of layers) if (!Number.isInteger(l) || l < 0 || l >= states) throw new Error(`Layer ${l} is outside 0…${states - 1}`);
  const pooled: Float32Array[] = [];
  const acc = new Float64Array(hidden);
  for (let b = 0; b < batch; b++) {
    acc.fill(0);
    for (const l of layers) {
      const row = (b * states + l) * hidden;
      for (let h = 0; h < hidden; h++) acc[h] += data[row + h];
    }
    pooled.push(Float32Array.from(acc, (v) => v / layers.length));
  }
  return pooled;
}

/** Element-wise mean of equal-length vectors. */
export function meanVector(vectors: readonly Float32Array[]): Float32Array {
  if (vectors.length === 0) throw new Error('meanVector: no vectors to average');
  const size = vectors[0].length;
  const acc = new Float64Array(size);
  for (const v of vectors) {
    if (v.length !== size) throw new Error(`meanVector: vector lengths differ (${v.length} vs ${size})`);
    for (let i = 0; i < size; i++) acc[i] += v[i];
  }
  return Float32Array.from(acc, (s) => s / vectors.length);
}

/** Mean over chunks within each window, then over windows. `windowOf[i]` is chunk i's window. */
export function poolChunks(chunkVectors: readonly Float32Array[], windowOf: readonly number[]): Float32Array {
  if (chunkVectors.length !== windowOf.length) throw new Error('poolChunks: one window index per chunk vector is needed');
  const byWindow = new Map<number, Float32Array[]>();
  chunkVectors.forEach((v, i) => {
    const list = byWindow.get(windowOf[i]) ?? [];
    list.push(v);
    byWindow.set(windowOf[i], list);
  });
  const windows = [...byWindow.keys()].sort((a, b) => a - b);
  return meanVector(windows.map((w) => meanVector(byWindow.get(w) ?? [])));
}
