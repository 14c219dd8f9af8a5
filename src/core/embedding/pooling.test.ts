import { describe, expect, it } from 'vitest';
import { meanVector, poolChunks, poolLayerMeans } from './pooling';

/** [batch, states, hidden] tensor where value = 1000·b + 100·state + h. */
function tensor(batch: number, states: number, hidden: number): Float32Array {
  const data = new Float32Array(batch * states * hidden);
  let i = 0;
  for (let b = 0; b < batch; b++) for (let s = 0; s < states; s++) for (let h = 0; h < hidden; h++) data[i++] = 1000 * b + 100 * s + h;
  return data;
}

describe('poolLayerMeans', () => {
  it('averages the chosen layers, per batch item', () => {
    const pooled = poolLayerMeans(tensor(2, 3, 2), [2, 3, 2], [0, 2]);
    // layers 0 and 2 average 100; hidden index adds h
    expect(Array.from(pooled[0])).toEqual([100, 101]);
    expect(Array.from(pooled[1])).toEqual([1100, 1101]);
    expect(Array.from(poolLayerMeans(tensor(1, 3, 2), [1, 3, 2], [1])[0])).toEqual([100, 101]);
  });

  it('rejects shapes and layers that do not fit', () => {
    expect(() => poolLayerMeans(new Float32Array(12), [1, 3, 2, 2], [0])).toThrow(/\[batch, states, hidden\]/);
    expect(() => poolLayerMeans(new Float32Array(5), [1, 1, 3], [0])).toThrow(/5 values/);
    expect(() => poolLayerMeans(tensor(1, 3, 2), [1, 3, 2], [3])).toThrow(/Layer 3 is outside 0…2/);
    expect(() => poolLayerMeans(tensor(1, 3, 2), [1, 3, 2], [])).toThrow(/No layers/);
  });
});

describe('chunk and window pooling', () => {
  it('meanVector averages element-wise', () => {
    expect(Array.from(meanVector([Float32Array.from([1, 2]), Float32Array.from([3, 6])]))).toEqual([2, 4]);
    expect(() => meanVector([])).toThrow(/no vectors/);
  });

  it('weights windows equally however many chunks each has', () => {
    const v = (x: number) => Float32Array.from([x]);
    // window 0: chunks 0 and 2 (mean 1), window 1: chunk 10 → mean of windows = 5.5
    expect(poolChunks([v(0), v(10), v(2)], [0, 1, 0])[0]).toBe(5.5);
  });
});
