import { describe, expect, it } from 'vitest';
import { IDLE_PREVIEW, PREVIEW_SECONDS, playheadSec, previewRange, splitChannels } from './previewPlayer';

describe('the preview player’s rules', () => {
  it('moves the playhead with the audio clock from where playback started, and stops at the end', () => {
    const state = { trackId: 't', status: 'playing' as const, fromSec: 60, untilSec: 90, startedAt: 5, channels: 2 };
    expect(playheadSec(state, 5)).toBe(60);
    expect(playheadSec(state, 7.5)).toBe(62.5);
    expect(playheadSec(state, 100)).toBe(90);
    expect(playheadSec({ ...state, status: 'loading' }, 100)).toBe(60);
    expect(playheadSec(IDLE_PREVIEW, 100)).toBeNull();
  });

  it('decodes PREVIEW_SECONDS from the seek point, inside the track', () => {
    expect(previewRange(10, 300)).toEqual({ startSec: 10, endSec: 10 + PREVIEW_SECONDS });
    expect(previewRange(290, 300)).toEqual({ startSec: 290, endSec: 300 });
    expect(previewRange(400, 300)).toEqual({ startSec: 299, endSec: 300 });
    expect(previewRange(-3)).toEqual({ startSec: 0, endSec: PREVIEW_SECONDS });
  });

  it('splits interleaved stereo into left and right', () => {
    const [left, right] = splitChannels(Float32Array.of(1, -1, 2, -2, 3, -3), 2);
    expect([...left]).toEqual([1, 2, 3]);
    expect([...right]).toEqual([-1, -2, -3]);
  });
});
