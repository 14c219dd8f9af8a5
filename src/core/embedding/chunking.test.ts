import { describe, expect, it } from 'vitest';
import { CHUNK_SAMPLES, chunkWindow, chunkWindows } from './chunking';

const ramp = (n: number) => Float32Array.from({ length: n }, (_, i) => i);

describe('chunkWindow', () => {
  it('cuts a window of whole chunks into consecutive views', () => {
    const w = ramp(3 * CHUNK_SAMPLES);
    const chunks = chunkWindow(w, 7);
    expect(chunks.map((c) => [c.windowIndex, c.start, c.samples.length])).toEqual([
      [7, 0, CHUNK_SAMPLES],
      [7, CHUNK_SAMPLES, CHUNK_SAMPLES],
      [7, 2 * CHUNK_SAMPLES, CHUNK_SAMPLES],
    ]);
    expect(chunks[1].samples[0]).toBe(CHUNK_SAMPLES);
    expect(chunks[1].samples.buffer).toBe(w.buffer); // no copy
  });

  it('turns a long enough tail into a full chunk aligned to the window end', () => {
    const w = ramp(2 * CHUNK_SAMPLES + 30_000); // 1.25 s tail
    const chunks = chunkWindow(w, 0);
    expect(chunks).toHaveLength(3);
    const last = chunks[2];
    expect(last.samples.length).toBe(CHUNK_SAMPLES);
    expect(last.start).toBe(w.length - CHUNK_SAMPLES);
    expect(last.samples[last.samples.length - 1]).toBe(w.length - 1);
  });

  it('drops a tail shorter than a second', () => {
    expect(chunkWindow(ramp(CHUNK_SAMPLES + 23_999), 0)).toHaveLength(1);
  });

  it('repeats a window shorter than a chunk to one full chunk (one shape for the GPU), and drops one under a second', () => {
    const short = chunkWindow(ramp(72_000), 2);
    expect(short).toHaveLength(1);
    expect(short[0].windowIndex).toBe(2);
    expect(short[0].samples.length).toBe(CHUNK_SAMPLES);
    expect([short[0].samples[0], short[0].samples[71_999], short[0].samples[72_000], short[0].samples[CHUNK_SAMPLES - 1]]).toEqual([0, 71_999, 0, 47_999]);
    expect(chunkWindow(ramp(12_000), 0)).toEqual([]);
  });

  it('honours custom sizes', () => {
    expect(chunkWindow(ramp(25), 0, { chunkSamples: 10, minTailSamples: 5 }).map((c) => c.start)).toEqual([0, 10, 15]);
  });
});

describe('chunkWindows', () => {
  it('keeps window order and indices', () => {
    const chunks = chunkWindows([ramp(CHUNK_SAMPLES), ramp(2 * CHUNK_SAMPLES)]);
    expect(chunks.map((c) => c.windowIndex)).toEqual([0, 1, 1]);
  });

  it('says why when nothing is long enough', () => {
    expect(() => chunkWindows([ramp(100), ramp(2000)])).toThrow(/too short to embed.*2000 samples/);
  });
});
