import { describe, expect, it } from 'vitest';
import { ladderSteps, mirexKeyScore, ranks, spearman } from './metrics';

describe('mirexKeyScore', () => {
  const am = { tonic: 9, mode: 'minor' as const };
  it('scores exact, fifth, relative, parallel and other', () => {
    expect(mirexKeyScore(am, am)).toBe(1);
    expect(mirexKeyScore({ tonic: 4, mode: 'minor' }, am)).toBe(0.5);
    expect(mirexKeyScore({ tonic: 2, mode: 'minor' }, am)).toBe(0.5);
    expect(mirexKeyScore({ tonic: 0, mode: 'major' }, am)).toBe(0.3);
    expect(mirexKeyScore(am, { tonic: 0, mode: 'major' })).toBe(0.3);
    expect(mirexKeyScore({ tonic: 9, mode: 'major' }, am)).toBe(0.2);
    expect(mirexKeyScore({ tonic: 10, mode: 'minor' }, am)).toBe(0);
  });
});

describe('spearman', () => {
  it('is 1 for any monotone relation and handles ties with average ranks', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 400])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(ranks([5, 1, 5, 2])).toEqual([3.5, 1, 3.5, 2]);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBe(0);
  });
});

describe('ladderSteps', () => {
  it('counts the steps of a ladder that do not go down (equal counts as not down)', () => {
    expect(ladderSteps([0.4, 0.5, 0.5, 0.45, 0.6])).toEqual({ steps: 4, notDown: 3 });
    expect(ladderSteps([0.3])).toEqual({ steps: 0, notDown: 0 });
  });
});
