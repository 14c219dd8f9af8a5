import { describe, expect, it } from 'vitest';
import { scoreBars } from './similarScore';

describe('similarity bars', () => {
  it('spread a narrow band of scores over the whole bar', () => {
    const bars = scoreBars([0.99, 0.95, 0.84]);
    expect(bars[0]).toBe(1);
    expect(bars[2]).toBeCloseTo(0.1);
    expect(bars[1]).toBeGreaterThan(0.7);
    expect(scoreBars([0.9, 0.9])).toEqual([1, 1]);
    expect(scoreBars([])).toEqual([]);
  });
});
