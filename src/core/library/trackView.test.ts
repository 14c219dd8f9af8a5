import { describe, expect, it } from 'vitest';
import type { TrackRecord } from './records';
import { durationOf, exportTrackOf, viewOf } from './trackView';

const track = (patch: Partial<TrackRecord>): TrackRecord => ({
  id: 't1',
  relativePath: 'Techno/a.ogg',
  fileName: 'a.ogg',
  size: 1000,
  lastModified: 1,
  dateAdded: '2026-01-01',
  status: 'ready',
  scanState: 'new',
  tags: { title: 'a' },
  ...patch,
});

describe('track length', () => {
  it('is the decoded length when the tags have none (Ogg), and the tagged length otherwise', () => {
    const ogg = viewOf(track({ decodedDurationSec: 183.4 }), [], undefined, undefined);
    expect(durationOf(ogg)).toBe(183.4);
    expect(exportTrackOf(ogg, 'analysed').durationSec).toBe(183.4);
    const tagged = viewOf(track({ tags: { title: 'a', durationSec: 200 }, decodedDurationSec: 199.9 }), [], undefined, undefined);
    expect(durationOf(tagged)).toBe(200);
    expect(durationOf(viewOf(track({}), [], undefined, undefined))).toBeUndefined();
  });
});
