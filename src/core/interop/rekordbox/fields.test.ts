import { describe, expect, it } from 'vitest';
import { formatBpm, formatColour, formatCount, formatSeconds, kindFromPath, normalizeDate, ratingFromStars, starsFromRating } from './fields';

describe('rekordbox field formats', () => {
  it('formats numbers with fixed decimals and a dot', () => {
    expect(formatBpm(128)).toBe('128.00');
    expect(formatBpm(87.456)).toBe('87.46');
    expect(formatBpm(undefined)).toBe('0.00');
    expect(formatBpm(Number.NaN)).toBe('0.00');
    expect(formatSeconds(0.1234)).toBe('0.123');
    expect(formatSeconds(-0.0001)).toBe('0.000');
    expect(formatCount(245.6)).toBe('246');
    expect(formatCount(-3)).toBe('0');
  });

  it('pads dates and rejects unreadable ones', () => {
    expect(normalizeDate('2013-3-1')).toBe('2013-03-01');
    expect(normalizeDate('2024-11-20')).toBe('2024-11-20');
    expect(normalizeDate('2024-13-01')).toBe('');
    expect(normalizeDate('yesterday')).toBe('');
    expect(normalizeDate(undefined)).toBe('');
  });

  it('maps stars to rekordbox ratings and back', () => {
    expect([0, 1, 2, 3, 4, 5, 7, undefined].map(ratingFromStars)).toEqual([0, 51, 102, 153, 204, 255, 255, 0]);
    expect([0, 51, 102, 153, 204, 255, 200].map(starsFromRating)).toEqual([0, 1, 2, 3, 4, 5, 4]);
  });

  it('derives the English Kind from the extension and formats colours', () => {
    expect(kindFromPath('a/b.MP3')).toBe('MP3 File');
    expect(kindFromPath('x.aif')).toBe('AIFF File');
    expect(kindFromPath('x.m4a')).toBe('M4A File');
    expect(kindFromPath('x.wv')).toBe('WV File');
    expect(kindFromPath('noext')).toBe('');
    expect(formatColour(0xff007f)).toBe('0xFF007F');
    expect(formatColour(0x25)).toBe('0x000025');
  });
});
