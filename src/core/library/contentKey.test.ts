import { describe, expect, it } from 'vitest';
import { CONTENT_SAMPLE_BYTES, contentKey, matchMoves } from './contentKey';

const bytes = (length: number, seed: number) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

describe('contentKey', () => {
  it('same bytes, same key; a change in the head, the tail or the size changes it', async () => {
    const body = bytes(3 * CONTENT_SAMPLE_BYTES, 1);
    const key = await contentKey(new Blob([body]));
    expect(await contentKey(new File([body], 'other name.mp3', { lastModified: 5 }))).toBe(key);
    const head = body.slice();
    head[10] ^= 1;
    const tail = body.slice();
    tail[tail.length - 10] ^= 1;
    expect(await contentKey(new Blob([head]))).not.toBe(key);
    expect(await contentKey(new Blob([tail]))).not.toBe(key);
    expect(await contentKey(new Blob([body, new Uint8Array(1)]))).not.toBe(key);
    expect(key).toMatch(/^v1:49152:[0-9a-f]{32}$/);
  });

  it('works for files smaller than the sampled head and tail', async () => {
    expect(await contentKey(new Blob([bytes(10, 2)]))).toMatch(/^v1:10:/);
    expect(await contentKey(new Blob([]))).toMatch(/^v1:0:/);
  });
});

describe('matchMoves', () => {
  it('pairs by key, never pairs files without one, and prefers the same file name among identical copies', () => {
    const gone = [
      { id: 'a', relativePath: 'old/a.mp3', contentKey: 'k1' },
      { id: 'b', relativePath: 'old/b.mp3', contentKey: 'k1' },
      { id: 'c', relativePath: 'old/c.mp3' },
    ];
    const appeared = [
      { id: 'x', relativePath: 'new/b.mp3', contentKey: 'k1' },
      { id: 'y', relativePath: 'new/z.mp3', contentKey: 'k1' },
      { id: 'w', relativePath: 'new/c.mp3' },
    ];
    expect(matchMoves(gone, appeared).map((m) => [m.from.id, m.to.id])).toEqual([
      ['b', 'x'],
      ['a', 'y'],
    ]);
  });
});
