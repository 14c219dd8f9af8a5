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
