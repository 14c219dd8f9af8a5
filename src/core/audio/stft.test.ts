import { describe, expect, it } from 'vitest';
import { binFrequency, magnitudeSpectrogram } from './stft';

describe('magnitudeSpectrogram', () => {
  it('puts a sine at the right bin', () => {
    const sr = 11025;
    const pcm = new Float32Array(sr);
    for (let i = 0; i < pcm.length; i++) pcm[i] = Math.sin((2 * Math.PI * 1000 * i) / sr);
    const spec = magnitudeSpectrogram(pcm, sr, 2048, 512);
    const frame = spec.frames[5];
    let peak = 0;
    for (let b = 1; b < frame.length; b++) if (frame[b] > frame[peak]) peak = b;
    expect(Math.abs(binFrequency(peak, 2048, sr) - 1000)).toBeLessThan(sr / 2048);
    expect(spec.frames.length).toBe(Math.ceil((sr - 2048) / 512) + 1);
  });

  it('handles empty and short input', () => {
    expect(magnitudeSpectrogram(new Float32Array(0), 11025).frames.length).toBe(0);
    expect(magnitudeSpectrogram(new Float32Array(10), 11025).frames.length).toBe(1);
  });
});

describe('forEachPowerFrame', () => {
  it('matches fft.js realTransform frame by frame (odd and even frame counts, centred or not)', async () => {
    const { default: FFT } = await import('fft.js');
    const { forEachPowerFrame, hannWindow, stftFrameCount } = await import('./stft');
    let seed = 3;
    const pcm = Float32Array.from({ length: 5000 }, () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1);
    for (const framing of [
      { frameSize: 256, hopSize: 64, center: true },
      { frameSize: 256, hopSize: 100, center: false },
      { frameSize: 512, hopSize: 512, center: false },
    ]) {
      for (const length of [5000, 4900]) {
        const signal = pcm.subarray(0, length);
        const fft = new FFT(framing.frameSize);
        const w = hannWindow(framing.frameSize);
        const out = new Float64Array(2 * framing.frameSize);
        const seen: number[] = [];
        forEachPowerFrame(signal, framing, (k, power) => {
          seen.push(k);
          const start = k * framing.hopSize - (framing.center ? framing.frameSize / 2 : 0);
          const input = Float64Array.from({ length: framing.frameSize }, (_, i) => (start + i >= 0 && start + i < length ? signal[start + i] * w[i] : 0));
          fft.realTransform(out, input);
          for (let b = 0; b <= framing.frameSize / 2; b++) {
            const expected = out[2 * b] ** 2 + out[2 * b + 1] ** 2;
            expect(Math.abs(power[b] - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, expected));
          }
        });
        expect(seen).toEqual(Array.from({ length: stftFrameCount(length, framing) }, (_, k) => k));
      }
    }
  });
});
