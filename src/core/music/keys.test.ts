import { describe, expect, it } from 'vitest';
import { areCompatible, compatibleCamelot, formatKey, keyFromIndex, keyIndex, parseKey, toCamelot, toMusical, toOpenKey } from './keys';

describe('key notations', () => {
  it('maps the whole wheel correctly', () => {
    // Reference table: Camelot / Open Key / musical.
    const table: [string, string, string][] = [
      ['8B', '1d', 'C'],
      ['9B', '2d', 'G'],
      ['10B', '3d', 'D'],
      ['11B', '4d', 'A'],
      ['12B', '5d', 'E'],
      ['1B', '6d', 'B'],
      ['2B', '7d', 'F#'],
      ['3B', '8d', 'Db'],
      ['4B', '9d', 'Ab'],
      ['5B', '10d', 'Eb'],
      ['6B', '11d', 'Bb'],
      ['7B', '12d', 'F'],
      ['8A', '1m', 'Am'],
      ['9A', '2m', 'Em'],
      ['10A', '3m', 'Bm'],
      ['11A', '4m', 'F#m'],
      ['12A', '5m', 'Dbm'],
      ['1A', '6m', 'Abm'],
      ['2A', '7m', 'Ebm'],
      ['3A', '8m', 'Bbm'],
      ['4A', '9m', 'Fm'],
      ['5A', '10m', 'Cm'],
      ['6A', '11m', 'Gm'],
      ['7A', '12m', 'Dm'],
    ];
    for (const [camelot, open, musical] of table) {
      const key = parseKey(camelot)!;
      expect(toCamelot(key)).toBe(camelot);
      expect(toOpenKey(key)).toBe(open);
      expect(toMusical(key)).toBe(musical);
      expect(parseKey(open)).toEqual(key);
      expect(parseKey(musical)).toEqual(key);
    }
  });

  it('parses the spellings found in tags', () => {
    expect(formatKey(parseKey('A minor')!, 'camelot')).toBe('8A');
    expect(formatKey(parseKey('C#m')!, 'musical')).toBe('Dbm');
    expect(formatKey(parseKey('Bbmin')!, 'camelot')).toBe('3A');
    expect(formatKey(parseKey('08A')!, 'musical')).toBe('Am');
    expect(formatKey(parseKey('F♯m')!, 'camelot')).toBe('11A');
    expect(parseKey('')).toBeUndefined();
    expect(parseKey('H')).toBeUndefined();
    expect(parseKey('13A')).toBeUndefined();
  });

  it('round-trips the 24 key indices', () => {
    for (let i = 0; i < 24; i++) expect(keyIndex(keyFromIndex(i))).toBe(i);
  });
});

describe('harmonic compatibility', () => {
  it('lists same, ±1, relative and optional +2', () => {
    expect(compatibleCamelot(parseKey('8A')!)).toEqual(['8A', '9A', '7A', '8B']);
    expect(compatibleCamelot(parseKey('12B')!, { energyBoost: true })).toEqual(['12B', '1B', '11B', '12A', '2B']);
    expect(compatibleCamelot(parseKey('1A')!)).toEqual(['1A', '2A', '12A', '1B']);
  });
  it('answers pairwise', () => {
    expect(areCompatible(parseKey('Am')!, parseKey('C')!)).toBe(true);
    expect(areCompatible(parseKey('Am')!, parseKey('Em')!)).toBe(true);
    expect(areCompatible(parseKey('Am')!, parseKey('F#m')!)).toBe(false);
    expect(areCompatible(parseKey('8A')!, parseKey('10A')!, { energyBoost: true })).toBe(true);
  });
});
