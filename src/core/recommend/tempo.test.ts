import { describe, expect, it } from 'vitest';
import { bpmRangeAround, tempoRelation } from './tempo';

describe('tempo matching', () => {
  const range = { min: 120, max: 128, halfDouble: true };

  it('matches directly, at double time and at half time', () => {
    expect(tempoRelation(124, range)).toBe('same');
    expect(tempoRelation(120, range)).toBe('same');
    expect(tempoRelation(128, range)).toBe('same');
    expect(tempoRelation(62, range)).toBe('double'); // 62 played double = 124
    expect(tempoRelation(248, range)).toBe('half');
  });

  it('rejects tempos outside the range, and half/double when not asked for', () => {
    expect(tempoRelation(130, range)).toBeUndefined();
    expect(tempoRelation(70, range)).toBeUndefined();
    expect(tempoRelation(62, { min: 120, max: 128 })).toBeUndefined();
    expect(tempoRelation(undefined, range)).toBeUndefined();
    expect(tempoRelation(0, range)).toBeUndefined();
  });

  it('builds a ±percent range around a tempo', () => {
    const around = bpmRangeAround(125, 4);
    expect(around).toEqual({ min: 120, max: 130, halfDouble: true });
    expect(tempoRelation(65, around)).toBe('double');
    expect(() => bpmRangeAround(0, 5)).toThrow(/positive BPM/);
  });
});
