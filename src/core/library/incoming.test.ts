import { describe, expect, it } from 'vitest';
import { addedSince, defaultIncomingSince, isIsoDay } from './incoming';

const row = (dateAdded: string, status = 'ready') => ({ track: { dateAdded, status } });

describe('incoming tracks', () => {
  const now = Date.parse('2026-12-03T21:00:00Z');

  it('defaults to the previous visit, or 7 days back when there was none', () => {
    expect(defaultIncomingSince(now, Date.parse('2026-11-30T08:00:00Z'))).toBe('2026-11-30');
    expect(defaultIncomingSince(now)).toBe('2026-11-26');
    // A visit "in the future" (clock changed) is not trusted.
    expect(defaultIncomingSince(now, now + 86_400_000)).toBe('2026-11-26');
  });

  it('lists tracks added on or after the day, never removed ones', () => {
    const rows = [row('2026-11-29'), row('2026-11-30'), row('2026-12-03'), row('2026-12-01', 'removed')];
    expect(addedSince(rows, '2026-11-30')).toEqual([row('2026-11-30'), row('2026-12-03')]);
  });

  it('accepts only real calendar days', () => {
    expect(isIsoDay('2026-02-28')).toBe(true);
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(isIsoDay('yesterday')).toBe(false);
  });
});
