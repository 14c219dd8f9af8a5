import { describe, expect, it } from 'vitest';
import { seedFromPath, windowsCacheKey } from './cacheKey';
import { pickWindows } from './pickWindows';
import { BUILT_IN_PROFILES } from './profile';
import { beats, makeCurves } from './testCurves';

/**
 * Pinned outputs. Windows are stored per track and reused while the cache key matches, so any
 * change to these values must come with a SAMPLING_ALGORITHM_VERSION bump (which changes the keys).
 */
describe('golden windows', () => {
  const curves = makeCurves({
    durationSec: 397.4,
    onsets: beats(13.1, 390),
    noveltyPeaks: [
      { atSec: 96, height: 0.9 },
      { atSec: 290, height: 1.1 },
      { atSec: 322, height: 0.6 },
      { atSec: 371, height: 0.8 },
    ],
  });
  const seed = seedFromPath('Golden/Track.flac');

  it('pins the seed', () => {
    expect(seed).toBe(1230350905);
  });

  it.each([
    [
      'club_hifi_150s',
      'club_hifi_150s@549d16177be916b6',
      [
        [13.05, 103.05, 'main'],
        [288.994, 318.994, 'tail'],
        [367.4, 397.4, 'tail'],
      ],
    ],
    [
      'balanced_120s',
      'balanced_120s@5f5d5d874b43d563',
      [
        [13.05, 103.05, 'main'],
        [288.994, 303.994, 'tail'],
        [370.008, 385.008, 'tail'],
      ],
    ],
    [
      'baseline_75s',
      'baseline_75s@c4c1499ced408ea3',
      [
        [0, 45, 'main'],
        [135, 150, 'spot'],
        [183.5, 198.5, 'spot'],
      ],
    ],
    [
      'adaptive',
      'adaptive@a56f0503a0a8e86a',
      [
        [13.05, 103.05, 'main'],
        [288.994, 303.994, 'tail'],
        [370.008, 385.008, 'tail'],
      ],
    ],
  ])('%s', (name, key, expected) => {
    const profile = BUILT_IN_PROFILES[name];
    expect(windowsCacheKey(profile)).toBe(key);
    const s = pickWindows(curves, 397.4, profile, seed);
    expect(s.windows.map((w) => [w.startSec, w.endSec, w.kind])).toEqual(expected);
  });
});
