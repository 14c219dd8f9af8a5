import { describe, expect, it } from 'vitest';
import { TimelineFeed } from './timelineFeed';

function collect(start: number, end: number) {
  const out: number[] = [];
  const feed = new TimelineFeed(start, end, (chunk) => out.push(...chunk));
  return { feed, out };
}

describe('TimelineFeed', () => {
  it('drops samples before the start (priming, seek pre-roll) and from the end on', () => {
    const { feed, out } = collect(0, 6);
    feed.write(-3, Float32Array.of(9, 9, 9, 1, 2));
    feed.write(2, Float32Array.of(3, 4, 5, 6, 7));
    expect(out).toEqual([1, 2, 3, 4, 5, 6]);
    expect(feed.complete).toBe(true);
  });

  it('fills gaps with silence and skips overlapping samples', () => {
    const { feed, out } = collect(10, Infinity);
    feed.write(10, Float32Array.of(1, 2));
    feed.write(14, Float32Array.of(5, 6));
    feed.write(15, Float32Array.of(66, 7));
    expect(out).toEqual([1, 2, 0, 0, 5, 6, 7]);
    expect(feed.position).toBe(17);
  });

  it('pads a window that runs past the end of the track', () => {
    const { feed, out } = collect(4, 9);
    feed.write(0, Float32Array.of(0, 0, 0, 0, 1, 2));
    feed.finish();
    expect(out).toEqual([1, 2, 0, 0, 0]);
  });
});
