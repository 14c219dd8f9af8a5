import { describe, expect, it } from 'vitest';
import type { LogMelSpectrogram } from './mel';
import { dct, dctMatrix, mfccFromLogMel } from './mfcc';

describe('dctMatrix', () => {
  it('is orthonormal (DCT-II, norm=ortho)', () => {
    const n = 16;
    const m = dctMatrix(n, n);
    for (let a = 0; a < n; a++) {
      for (let b = 0; b < n; b++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += m[a * n + i] * m[b * n + i];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 5);
      }
    }
  });

  it('matches the textbook formula on a small vector', () => {
    const x = [1, 2, 3, 4];
    const out = dct(x, 4);
    const expected = [0, 1, 2, 3].map((k) => {
      let s = 0;
      for (let n = 0; n < 4; n++) s += x[n] * Math.cos((Math.PI * k * (2 * n + 1)) / 8);
      return s * Math.sqrt((k === 0 ? 1 : 2) / 4);
    });
    out.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 5));
  });

  it('rejects more coefficients than inputs', () => {
    expect(() => dctMatrix(8, 9)).toThrow(/1\.\.8/);
  });
});

describe('mfccFromLogMel', () => {
  it('maps a flat spectrum to c0 only', () => {
    const nMels = 40;
    const frames = 3;
    const spec: LogMelSpectrogram = {
      data: new Float32Array(nMels * frames).fill(-30),
      frameCount: frames,
      nMels,
      frameRate: 43,
      sampleRate: 11025,
      hopSize: 256,
      frameSize: 1024,
    };
    const mfcc = mfccFromLogMel(spec, 13);
    expect(mfcc.frameCount).toBe(3);
    expect(mfcc.data[0]).toBeCloseTo(-30 * Math.sqrt(nMels), 3);
    for (let c = 1; c < 13; c++) expect(Math.abs(mfcc.data[c])).toBeLessThan(1e-3);
  });
});
