import { describe, expect, it } from 'vitest';
import { diffScan, type FileStamp } from './scanDiff';
import { trackIdFromPath } from './trackId';

const stamp = (relativePath: string, size = 100, lastModified = 1000): FileStamp => ({
  id: trackIdFromPath(relativePath),
  relativePath,
  size,
  lastModified,
});

describe('diffScan', () => {
  it('reports new, changed, removed and unchanged files', () => {
    const before = [stamp('a.mp3'), stamp('b.mp3'), stamp('c.mp3'), stamp('d.mp3')];
    const after = [stamp('a.mp3'), stamp('b.mp3', 200), stamp('c.mp3', 100, 2000), stamp('e.mp3')];
    const diff = diffScan(before, after);
    expect(diff.unchanged.map((f) => f.relativePath)).toEqual(['a.mp3']);
    expect(diff.changed.map((f) => f.relativePath)).toEqual(['b.mp3', 'c.mp3']);
    expect(diff.removed.map((f) => f.relativePath)).toEqual(['d.mp3']);
    expect(diff.added.map((f) => f.relativePath)).toEqual(['e.mp3']);
  });

  it('treats a rename as removed + new', () => {
    const diff = diffScan([stamp('old name.mp3')], [stamp('new name.mp3')]);
    expect(diff.removed.map((f) => f.relativePath)).toEqual(['old name.mp3']);
    expect(diff.added.map((f) => f.relativePath)).toEqual(['new name.mp3']);
    expect(diff.changed).toHaveLength(0);
  });

  it('first scan: everything is new; empty rescan: everything removed', () => {
    expect(diffScan([], [stamp('x.flac'), stamp('y.flac')]).added).toHaveLength(2);
    expect(diffScan([stamp('x.flac')], []).removed).toHaveLength(1);
  });

  it('sorts each list by path for stable reports', () => {
    const diff = diffScan([], [stamp('z.mp3'), stamp('a/b.mp3'), stamp('m.mp3')]);
    expect(diff.added.map((f) => f.relativePath)).toEqual(['a/b.mp3', 'm.mp3', 'z.mp3']);
  });
});
