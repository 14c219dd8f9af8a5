import { describe, expect, it } from 'vitest';
import { compareBpm, compareKey } from './tagComparison';

describe('compareBpm', () => {
  it('agrees within 1 BPM and prefers the analysed value by default', () => {
    expect(compareBpm(127.6, 128)).toEqual({ analyzed: 127.6, tagged: 128, agree: true, octaveRelated: false, chosen: 127.6 });
  });
  it('flags a disagreement, noting half/double, and lets the tag win when asked', () => {
    const c = compareBpm(87, 174, 'tagged');
    expect(c.agree).toBe(false);
    expect(c.octaveRelated).toBe(true);
    expect(c.chosen).toBe(174);
    expect(compareBpm(120, 140).octaveRelated).toBe(false);
  });
  it('has nothing to compare without both values, and falls back to whichever exists', () => {
    expect(compareBpm(null, 128)).toMatchObject({ agree: null, chosen: 128 });
    expect(compareBpm(126, Number.NaN)).toMatchObject({ tagged: null, agree: null, chosen: 126 });
  });
});

describe('compareKey', () => {
  it('compares across notations', () => {
    expect(compareKey({ tonic: 9, mode: 'minor' }, '8A').agree).toBe(true);
    expect(compareKey({ tonic: 9, mode: 'minor' }, 'A minor').agree).toBe(true);
    expect(compareKey({ tonic: 9, mode: 'minor' }, '1m').agree).toBe(true);
    expect(compareKey({ tonic: 9, mode: 'minor' }, 'C').agree).toBe(false);
  });
  it('keeps an unreadable tag verbatim and the preference decides what is used', () => {
    const c = compareKey({ tonic: 0, mode: 'major' }, ' weird ', 'tagged');
    expect(c).toMatchObject({ tagged: null, taggedText: 'weird', agree: null, chosen: { tonic: 0, mode: 'major' } });
    expect(compareKey({ tonic: 0, mode: 'major' }, 'Am', 'tagged').chosen).toEqual({ tonic: 9, mode: 'minor' });
  });
});
