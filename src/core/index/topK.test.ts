import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../hash';
import { TopK } from './topK';

describe('TopK', () => {
  it('keeps the same k items a full sort would, best first', () => {
    const rand = mulberry32(7);
    const scores = Array.from({ length: 5000 }, () => rand());
    const top = new TopK(10);
    scores.forEach((score, id) => top.offer(id, score));
    const expected = scores
      .map((score, id) => ({ id, score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 10);
    expect(top.sorted()).toEqual(expected);
  });

  it('returns fewer items when fewer were offered, and breaks ties by id', () => {
    const top = new TopK(5);
    top.offer(9, 0.5);
    top.offer(3, 0.5);
    top.offer(4, 0.9);
    expect(top.sorted()).toEqual([
      { id: 4, score: 0.9 },
      { id: 3, score: 0.5 },
      { id: 9, score: 0.5 },
    ]);
    expect(top.threshold).toBe(-Infinity);
  });

  it('rejects a k that is not a positive integer', () => {
    expect(() => new TopK(0)).toThrow(/positive integer/);
  });
});
