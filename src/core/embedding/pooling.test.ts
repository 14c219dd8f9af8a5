import { describe, expect, it } from 'vitest';
import { meanVector, poolChunks, poolHiddenStates } from './pooling';

/** [batch, states, frames, hidden] tensor where value = 1000·b + 100·state + 10·frame + h. */
function tensor(batch: number, states: number, frames: number, hidden: number): Float32Array {
  const data = new Float32Array(batch * states * frames * hidden);
  let i = 0;
  for (let b = 0; b < batch; b++)
    for (let s = 0; s < states; s++)
      for (let f = 0; f < frames; f++) for (let h = 0; h < hidden; h++) data[i++] = 1000 * b + 100 * s + 10 * f + h;
  return data;
}

describe('poolHiddenStates', () => {
  it('averages over time, then over the chosen layers, per batch item', () => {
    const pooled = poolHiddenStates(tensor(2, 3, 4, 2), [2, 3, 4, 2], [0, 2]);
    // frames 0..3 average 15; layers 0 and 2 average 100; hidden index adds h
    expect(Array.from(pooled[0])).toEqual([115, 116]);
    expect(Array.from(pooled[1])).toEqual([1115, 1116]);
    expect(Array.from(poolHiddenStates(tensor(1, 3, 4, 2), [1, 3, 4, 2], [1])[0])).toEqual([115, 116]);
  });

  it('rejects shapes and layers that do not fit', () => {
    expect(() => poolHiddenStates(new Float32Array(6), [1, 3, 2], [0])).toThrow(/\[batch, states, frames, hidden\]/);
    expect(() => poolHiddenStates(new Float32Array(5), [1, 1, 2, 3], [0])).toThrow(/5 values/);
    expect(() => poolHiddenStates(tensor(1, 3, 1, 2), [1, 3, 1, 2], [3])).toThrow(/Layer 3 is outside 0…2/);
    expect(() => poolHiddenStates(new Float32Array(0), [1, 3, 0, 2], [0])).toThrow(/no frames/);
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
