import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../hash';
import { normalizeChunk, normalizeChunkInto } from './normalize';

function stats(x: Float32Array) {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let variance = 0;
  for (const v of x) variance += (v - mean) ** 2;
  return { mean, variance: variance / x.length };
}

describe('normaliseChunk', () => {
  it('gives zero mean and unit variance', () => {
    const rng = mulberry32(3);
    const x = Float32Array.from({ length: 120_000 }, () => 0.3 + 0.05 * (rng() - 0.5));
    const { mean, variance } = stats(normalizeChunk(x));
    expect(Math.abs(mean)).toBeLessThan(1e-5);
    expect(variance).toBeCloseTo(1, 3);
  });

  it('matches (x - mean) / sqrt(var + 1e-7) exactly on a small input', () => {
    const out = normalizeChunk(Float32Array.from([1, 2, 3, 4]));
    const s = Math.sqrt(1.25 + 1e-7);
    expect(Array.from(out)).toEqual([-1.5 / s, -0.5 / s, 0.5 / s, 1.5 / s].map(Math.fround));
  });

  it('turns silence and DC into zeros, never NaN', () => {
    expect(Array.from(normalizeChunk(new Float32Array(1000)))).toEqual(new Array(1000).fill(0));
    expect(normalizeChunk(new Float32Array(1000).fill(0.7)).every((v) => v === 0)).toBe(true);
  });

  it('writes into a view of a larger buffer and checks lengths', () => {
    const batch = new Float32Array(8);
    normalizeChunkInto(Float32Array.from([0, 2, 0, 2]), batch.subarray(4, 8));
    expect(Array.from(batch.subarray(0, 4))).toEqual([0, 0, 0, 0]);
    expect(batch[5]).toBeGreaterThan(0.99);
    expect(() => normalizeChunkInto(new Float32Array(3), new Float32Array(4))).toThrow(/length/);
  });
});
