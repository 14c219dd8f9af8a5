import { describe, expect, it } from 'vitest';
import { formatTotalLength } from './format';

describe('total length', () => {
  it('reads as m:ss under an hour and h/min above', () => {
    expect(formatTotalLength(3492)).toBe('58:12');
    expect(formatTotalLength(4530)).toBe('1 h 16 min');
    expect(formatTotalLength(7200)).toBe('2 h 00 min');
  });
});
