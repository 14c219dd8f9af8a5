import { describe, expect, it } from 'vitest';
import { normalizeRelativePath, trackIdFromPath } from './trackId';

describe('track identity', () => {
  it('is stable and derived from the relative path only', () => {
    expect(trackIdFromPath('House/Artist - Title.mp3')).toBe(trackIdFromPath('House/Artist - Title.mp3'));
    expect(trackIdFromPath('House/Artist - Title.mp3')).toMatch(/^t[0-9a-f]{16}$/);
    // Known value pins the hash across machines and releases (ids are stored in users' databases).
    expect(trackIdFromPath('a.mp3')).toBe('t44a48eb536d736a0');
  });

  it('treats separators, leading ./ and Unicode normalisation forms as the same path', () => {
    const nfc = 'Björk/Jóga.flac';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(trackIdFromPath(nfd)).toBe(trackIdFromPath(nfc));
    expect(trackIdFromPath('./Björk\\Jóga.flac')).toBe(trackIdFromPath(nfc));
    expect(normalizeRelativePath('/a//b/./c.mp3')).toBe('a/b/c.mp3');
  });

  it('gives different ids to different paths, including case and renames', () => {
    const ids = new Set(['a.mp3', 'A.mp3', 'a.flac', 'dir/a.mp3', 'dir/b.mp3', 'Café 🎧.mp3'].map(trackIdFromPath));
    expect(ids.size).toBe(6);
  });
});
