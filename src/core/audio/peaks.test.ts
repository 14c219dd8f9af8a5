import { describe, expect, it } from 'vitest';
import { peakOptionsInSeconds, pickPeaks } from './peaks';

const loose = { preMax: 2, postMax: 2, preAvg: 3, postAvg: 3, delta: 0.1, wait: 0 };

describe('pickPeaks', () => {
  it('finds local maxima above the local mean', () => {
    const x = [0, 1, 0, 0, 0, 0, 3, 0, 0, 0, 2, 0];
    expect(pickPeaks(x, loose)).toEqual([1, 6, 10]);
  });

  it('respects the absolute floor and the wait', () => {
    const x = [0, 1, 0, 0, 0, 0, 3, 0, 0, 0, 2, 0];
    expect(pickPeaks(x, { ...loose, minHeight: 1.5 })).toEqual([6, 10]);
    expect(pickPeaks(x, { ...loose, wait: 5 })).toEqual([1, 10]);
  });

  it('counts a plateau once and a flat curve never', () => {
    expect(pickPeaks([0, 2, 2, 2, 0, 0, 0], loose)).toEqual([1]);
    expect(pickPeaks(new Float32Array(50).fill(1), loose)).toEqual([]);
    expect(pickPeaks(new Float32Array(50), { ...loose, delta: 0 })).toEqual([]);
    expect(pickPeaks([], loose)).toEqual([]);
  });

  it('keeps only the larger of two close peaks within the max window', () => {
    expect(pickPeaks([0, 2, 0, 3, 0, 0, 0, 0], loose)).toEqual([3]);
  });

  it('converts seconds to frames', () => {
    expect(peakOptionsInSeconds(10, { maxSec: 0.5, avgSec: 1, delta: 0, waitSec: 2 })).toMatchObject({ preMax: 5, postMax: 5, preAvg: 10, wait: 20 });
  });
});
