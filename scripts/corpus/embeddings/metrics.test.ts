import { describe, expect, it } from 'vitest';
import type { Family } from './synth';
import { nearest, neighbourMetrics, randomRankingExpectation, type Scored } from './metrics';

function item(id: string, family: Family, pieceId: string, variant: Scored['variant'], angle: number): Scored {
  return { id, family, pieceId, variant, bpm: 120, tonic: 0, minor: false, vector: Float32Array.from([Math.cos(angle), Math.sin(angle)]) };
}

describe('neighbour metrics', () => {
  // two families on two sides of the circle; piece a has a variant right next to it
  const items = [
    item('a', 'pad', 'a', 'original', 0),
    item('b', 'pad', 'b', 'original', 0.1),
    item('c', 'chip', 'c', 'original', 3),
    item('d', 'chip', 'd', 'original', 3.1),
    item('a-mp3', 'pad', 'a', 'mp3', 0.01),
    item('c-cut', 'chip', 'c', 'other-section', 1.5),
  ];

  it('orders by cosine and never returns the query', () => {
    expect(nearest(items, 0, [0, 1, 2, 3, 4], 3)).toEqual([4, 1, 2]);
  });

  it('scores family agreement among originals and variant recall among all clips', () => {
    const m = neighbourMetrics(items);
    expect(m.familyTop1).toBe(1);
    expect(m.familyTop5).toBeCloseTo(1 / 3, 10); // among 3 other originals, 1 shares the family
    expect(m.variantInTop5).toBe(1); // with 6 clips, top 5 holds everything else
    expect(m.variantInTop5ByKind).toEqual({ mp3: 1, 'other-section': 1 });
  });

  it('knows what random ranking scores', () => {
    const r = randomRankingExpectation(items);
    expect(r.familyTop1).toBeCloseTo(1 / 3, 10);
    expect(r.variantInTop5).toBe(1);
  });
});
