import { describe, expect, it } from 'vitest';
import { rmsCurve } from './rms';
import { addClicks, colouredNoise } from './testSignals';
import { sine } from './testSignals';

/** Straight from the definition, for checking the chunked fast path. */
function referenceRms(pcm: Float32Array, frameSize: number, hop: number, center: boolean, count: number): number[] {
  const offset = center ? frameSize / 2 : 0;
  return Array.from({ length: count }, (_, k) => {
    const lo = Math.max(0, k * hop - offset);
    const hi = Math.min(pcm.length, k * hop - offset + frameSize);
    let s = 0;
    for (let i = lo; i < hi; i++) s += pcm[i] ** 2;
    return Math.sqrt(s / (hi - lo));
  });
}

describe('rmsCurve', () => {
  it('reads a steady sine as a flat curve at amplitude / √2, edges included', () => {
    const curve = rmsCurve(sine(11025, 5, 441, 0.5), { frameSize: 1024, hopSize: 256, center: true });
    for (const v of curve) expect(v).toBeGreaterThan((0.5 / Math.SQRT2) * 0.97);
    for (const v of curve) expect(v).toBeLessThan((0.5 / Math.SQRT2) * 1.03);
  });

  it('gives zeros for silence', () => {
    const curve = rmsCurve(new Float32Array(11025), { frameSize: 1024, hopSize: 256, center: true });
    expect(curve.length).toBe(44);
    expect(curve.every((v) => v === 0)).toBe(true);
  });

  it('matches the definition on both the chunked and the generic path', () => {
    const pcm = addClicks(colouredNoise(8000, 3, 0.3, 0.5, 7), 8000, [0.5, 1.7, 2.9]);
    for (const framing of [
      { frameSize: 1024, hopSize: 256, center: true },
      { frameSize: 1024, hopSize: 256, center: false },
      { frameSize: 1000, hopSize: 300, center: true },
    ]) {
      const fast = rmsCurve(pcm, framing);
      const ref = referenceRms(pcm, framing.frameSize, framing.hopSize, framing.center, fast.length);
      ref.forEach((v, k) => expect(fast[k]).toBeCloseTo(v, 5));
    }
  });
});
