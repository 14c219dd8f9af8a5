import { describe, expect, it } from 'vitest';
import { computeCurves } from './curves';
import { peakOptionsInSeconds, pickPeaks } from './peaks';
import { addClicks, colouredNoise, concat, sine } from './testSignals';

const SR = 11025;

function allFinite(x: Float32Array): boolean {
  return x.every((v) => Number.isFinite(v));
}

describe('computeCurves', () => {
  it('puts onset peaks at the clicks (within one frame) and nowhere else', () => {
    const clicks = [1, 2.5, 4, 6.3, 8, 9.1];
    const pcm = addClicks(colouredNoise(SR, 10, 0.01, 0.3, 3), SR, clicks);
    const c = computeCurves(pcm, SR);
    const peaks = pickPeaks(c.onset, peakOptionsInSeconds(c.frameRate, { maxSec: 0.1, avgSec: 0.5, delta: 5, waitSec: 0.1 }));
    expect(peaks).toHaveLength(clicks.length);
    peaks.forEach((k, i) => expect(Math.abs(k / c.frameRate - clicks[i])).toBeLessThanOrEqual(1.5 / c.frameRate));
  });

  it('reads a steady sine as flat RMS at amplitude / √2 and no onsets after the start', () => {
    const c = computeCurves(sine(SR, 20, 330, 0.25), SR);
    for (const v of c.rms) expect(Math.abs(v - 0.25 / Math.SQRT2)).toBeLessThan(0.005);
    const steady = c.onset.subarray(Math.ceil(c.frameRate * 0.2));
    expect(Math.max(...steady)).toBeLessThan(0.05);
    expect(Math.max(...c.novelty)).toBeLessThan(0.15); // a real section change scores > 0.5 (next test)
  });

  it('returns zeros, not NaN, for silence and empty input', () => {
    const c = computeCurves(new Float32Array(SR * 30), SR);
    expect(c.durationSec).toBe(30);
    for (const curve of [c.rms, c.onset, c.novelty]) {
      expect(curve.length).toBe(Math.floor((SR * 30) / 256) + 1);
      expect(allFinite(curve)).toBe(true);
      expect(curve.every((v) => v === 0)).toBe(true);
    }
    const empty = computeCurves(new Float32Array(0), SR);
    expect([empty.rms.length, empty.onset.length, empty.novelty.length, empty.durationSec]).toEqual([0, 0, 0, 0]);
  });

  it('peaks the novelty curve at section changes', () => {
    // A (dark noise) 0–30 s, B (bright noise + tone) 30–60 s, A again 60–90 s.
    const a1 = colouredNoise(SR, 30, 0.3, 0.95, 1);
    const b = colouredNoise(SR, 30, 0.3, 0.1, 2);
    const tone = sine(SR, 30, 2000, 0.2);
    for (let i = 0; i < b.length; i++) b[i] += tone[i];
    const pcm = concat(a1, b, colouredNoise(SR, 30, 0.3, 0.95, 3));
    const c = computeCurves(pcm, SR);
    expect(allFinite(c.novelty)).toBe(true);
    const peaks = pickPeaks(c.novelty, peakOptionsInSeconds(c.frameRate, { maxSec: 5, avgSec: 10, delta: 0.1, waitSec: 5 }));
    expect(peaks.map((k) => Math.round(k / c.frameRate))).toEqual([30, 60]);
    for (const k of peaks) expect(c.novelty[k]).toBeGreaterThan(0.5);
    // Within a section the curve stays low.
    expect(c.novelty[Math.round(15 * c.frameRate)]).toBeLessThan(0.2 * c.novelty[peaks[0]]);
  });

  it('keeps every curve on one grid', () => {
    const c = computeCurves(colouredNoise(SR, 3.3, 0.5, 0.5, 9), SR);
    expect(c.rms.length).toBe(c.onset.length);
    expect(c.novelty.length).toBe(c.onset.length);
    expect(c.frameRate).toBeCloseTo(SR / 256, 9);
    expect(c.durationSec).toBeCloseTo(3.3, 3);
  });

  it('works at other sample rates and on a handful of samples', () => {
    const c = computeCurves(addClicks(colouredNoise(44100, 4, 0.01, 0.3, 5), 44100, [1, 3]), 44100);
    expect(c.frameRate).toBeCloseTo(44100 / 1024, 9);
    const peaks = pickPeaks(c.onset, peakOptionsInSeconds(c.frameRate, { maxSec: 0.1, avgSec: 0.5, delta: 5, waitSec: 0.1 }));
    expect(peaks.map((k) => Math.round(k / c.frameRate))).toEqual([1, 3]);
    const tiny = computeCurves(new Float32Array([0.5, -0.5, 0.5]), 11025);
    expect(tiny.rms.length).toBe(1);
    expect(allFinite(tiny.onset) && allFinite(tiny.novelty) && allFinite(tiny.rms)).toBe(true);
    expect(() => computeCurves(new Float32Array(10), 0)).toThrow(/sampleRate/);
    const broken = new Float32Array(SR * 3);
    broken[SR * 2] = Number.NaN;
    expect(() => computeCurves(broken, SR)).toThrow(/invalid \(NaN or infinite\) samples near (1\.9\d|2\.0\d) s/);
  });
});
