import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../hash';
import { amplitudeToDb, movingAverage, percentile } from './curveOps';

/** numpy.percentile's default (linear) definition, from a full sort. */
function sortedPercentile(x: number[], p: number): number {
  const s = [...x].sort((a, b) => a - b);
  const pos = (p / 100) * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

describe('percentile', () => {
  it('matches the sorted definition on random, constant, sorted and duplicate-heavy data', () => {
    const rand = mulberry32(5);
    const cases = [
      Array.from({ length: 1001 }, () => rand()),
      Array.from({ length: 500 }, () => 3),
      Array.from({ length: 300 }, (_, i) => i),
      Array.from({ length: 300 }, (_, i) => 300 - i),
      Array.from({ length: 777 }, () => Math.floor(rand() * 4)),
      [42],
    ];
    for (const x of cases) for (const p of [0, 10, 50, 75, 90, 99.9, 100]) expect(percentile(x, p)).toBeCloseTo(sortedPercentile(x, p), 12);
    expect(percentile([], 50)).toBe(0);
  });
});

describe('movingAverage and amplitudeToDb', () => {
  it('averages over the samples that exist at the edges', () => {
    expect(Array.from(movingAverage([0, 3, 6, 9], 1))).toEqual([1.5, 3, 6, 7.5]);
    expect(movingAverage([], 3).length).toBe(0);
  });

  it('floors silence instead of -Infinity', () => {
    expect(amplitudeToDb(0)).toBe(-120);
    expect(amplitudeToDb(0.1)).toBeCloseTo(-20, 9);
  });
});
