import { describe, expect, it } from 'vitest';
import { hzToMel, logMelSpectrogram, melFilterbank, melFrame, melToHz } from './mel';
import { sine } from './testSignals';

const SR = 11025;

describe('melFilterbank', () => {
  it('has one non-empty, non-negative band per mel with rising centres', () => {
    const bank = melFilterbank(SR, 1024, { nMels: 64, fMinHz: 30 });
    expect(bank.weights).toHaveLength(64);
    for (let m = 0; m < 64; m++) {
      expect(bank.weights[m].length).toBeGreaterThan(0);
      expect(Math.max(...bank.weights[m])).toBeGreaterThan(0);
      expect(Math.min(...bank.weights[m])).toBeGreaterThanOrEqual(0);
      if (m > 0) expect(bank.centersHz[m]).toBeGreaterThan(bank.centersHz[m - 1]);
    }
  });

  it('converts Hz ↔ mel both ways', () => {
    for (const hz of [0, 100, 1000, 5000]) expect(melToHz(hzToMel(hz))).toBeCloseTo(hz, 6);
    expect(hzToMel(1000)).toBeCloseTo(1000, 0);
  });

  it('rejects an impossible range with a readable reason', () => {
    expect(() => melFilterbank(SR, 1024, { fMinHz: 6000 })).toThrow(/fMin < fMax/);
  });
});

describe('logMelSpectrogram', () => {
  it('puts a full-scale sine in the band around its frequency at about 0 dB', () => {
    const spec = logMelSpectrogram(sine(SR, 2, 1000, 1), SR);
    const bank = melFilterbank(SR, spec.frameSize);
    const frame = melFrame(spec, Math.floor(spec.frameCount / 2));
    let loudest = 0;
    for (let m = 1; m < frame.length; m++) if (frame[m] > frame[loudest]) loudest = m;
    const nearest = bank.centersHz.reduce((best, c, m) => (Math.abs(c - 1000) < Math.abs(bank.centersHz[best] - 1000) ? m : best), 0);
    expect(Math.abs(loudest - nearest)).toBeLessThanOrEqual(1);
    expect(frame[loudest]).toBeGreaterThan(-3);
    expect(frame[loudest]).toBeLessThan(1);
  });

  it('tracks level: -20 dB amplitude reads 20 dB lower', () => {
    const loud = logMelSpectrogram(sine(SR, 1, 440, 1), SR, { topDb: null });
    const quiet = logMelSpectrogram(sine(SR, 1, 440, 0.1), SR, { topDb: null });
    const k = 20;
    const a = Math.max(...melFrame(loud, k));
    const b = Math.max(...melFrame(quiet, k));
    expect(a - b).toBeCloseTo(20, 1);
  });

  it('uses centred frames: frame k at time k / frameRate, count = floor(n / hop) + 1', () => {
    const spec = logMelSpectrogram(new Float32Array(SR), SR);
    expect(spec.hopSize).toBe(256);
    expect(spec.frameCount).toBe(Math.floor(SR / 256) + 1);
    expect(spec.frameRate).toBeCloseTo(SR / 256, 9);
  });

  it('turns silence into the floor, never -Infinity or NaN', () => {
    const spec = logMelSpectrogram(new Float32Array(SR), SR);
    for (const v of spec.data) expect(v).toBe(-100);
    expect(logMelSpectrogram(new Float32Array(0), SR).frameCount).toBe(0);
  });

  it('clamps to topDb below the loudest value', () => {
    const spec = logMelSpectrogram(sine(SR, 1, 440, 1), SR, { topDb: 40 });
    const max = Math.max(...spec.data);
    expect(Math.min(...spec.data)).toBeCloseTo(max - 40, 4);
  });
});
