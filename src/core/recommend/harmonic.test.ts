import { describe, expect, it } from 'vitest';
import { parseKey, type MusicalKey } from '../music/keys';
import { harmonicRelation } from './harmonic';

const key = (camelot: string): MusicalKey => parseKey(camelot)!;

describe('harmonic relation on the Camelot wheel', () => {
  it('names the compatible moves from 8A (A minor)', () => {
    expect(harmonicRelation(key('8A'), key('Am'))).toBe('same');
    expect(harmonicRelation(key('8A'), key('9A'))).toBe('up'); // E minor
    expect(harmonicRelation(key('8A'), key('7A'))).toBe('down'); // D minor
    expect(harmonicRelation(key('8A'), key('C'))).toBe('relative'); // 8B
  });

  it('wraps around the wheel', () => {
    expect(harmonicRelation(key('12B'), key('1B'))).toBe('up');
    expect(harmonicRelation(key('1A'), key('12A'))).toBe('down');
  });

  it('allows +2 only as the optional energy boost', () => {
    expect(harmonicRelation(key('8A'), key('10A'))).toBeUndefined();
    expect(harmonicRelation(key('8A'), key('10A'), true)).toBe('boost');
    expect(harmonicRelation(key('8A'), key('6A'), true)).toBeUndefined();
  });

  it('rejects clashing keys', () => {
    expect(harmonicRelation(key('8A'), key('3B'))).toBeUndefined();
    expect(harmonicRelation(key('8A'), key('9B'))).toBeUndefined(); // diagonal move
  });
});
