import FFT from 'fft.js';

/**
 * Short-time Fourier transform on mono PCM. The FFT comes from fft.js (radix-4, pure JS, fast in
 * V8 and in workers); this module only frames, windows and takes magnitudes.
 */

const hannCache = new Map<number, Float32Array>();

/** Periodic Hann window of length n (cached: every frame of a track uses the same one). */
export function hannWindow(n: number): Float32Array {
  let w = hannCache.get(n);
  if (!w) {
    w = new Float32Array(n);
    for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n);
    hannCache.set(n, w);
  }
  return w;
}

export interface Spectrogram {
  /** Magnitude frames, each of length frameSize / 2 + 1 (DC … Nyquist). */
  frames: Float32Array[];
  frameSize: number;
  hopSize: number;
  sampleRate: number;
  /** Frames per second (sampleRate / hopSize). */
  frameRate: number;
}

/**
 * Magnitude spectrogram. Frame k covers samples [k*hop, k*hop + frameSize); the last partial frame
 * is zero-padded. frameSize must be a power of two (fft.js requirement).
 */
export function magnitudeSpectrogram(pcm: Float32Array, sampleRate: number, frameSize = 2048, hopSize = 512): Spectrogram {
  if ((frameSize & (frameSize - 1)) !== 0 || frameSize < 4) throw new Error(`frameSize must be a power of two ≥ 4, got ${frameSize}`);
  const fft = new FFT(frameSize);
  const window = hannWindow(frameSize);
  const input = new Float64Array(frameSize);
  const out = new Float64Array(frameSize * 2);
  const bins = frameSize / 2 + 1;
  const count = pcm.length === 0 ? 0 : Math.max(1, Math.ceil((pcm.length - frameSize) / hopSize) + 1);
  const frames: Float32Array[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const start = k * hopSize;
    for (let i = 0; i < frameSize; i++) {
      const s = start + i < pcm.length ? pcm[start + i] : 0;
      input[i] = s * window[i];
    }
    fft.realTransform(out, input);
    const mag = new Float32Array(bins);
    for (let b = 0; b < bins; b++) {
      const re = out[2 * b];
      const im = out[2 * b + 1];
      mag[b] = Math.sqrt(re * re + im * im);
    }
    frames[k] = mag;
  }
  return { frames, frameSize, hopSize, sampleRate, frameRate: sampleRate / hopSize };
}

/** Centre frequency in Hz of FFT bin b. */
export function binFrequency(bin: number, frameSize: number, sampleRate: number): number {
  return (bin * sampleRate) / frameSize;
}
