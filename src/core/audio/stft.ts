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

export interface FramingOptions {
  frameSize: number;
  hopSize: number;
  /**
   * false (default): frame k covers samples [k*hop, k*hop + frameSize).
   * true: frame k is centred on sample k*hop (zero padding on both sides), so frame k belongs to
   * time k / frameRate — the convention of the feature curves.
   */
  center?: boolean;
}

function checkFraming(frameSize: number, hopSize: number): void {
  if ((frameSize & (frameSize - 1)) !== 0 || frameSize < 4) throw new Error(`frameSize must be a power of two ≥ 4, got ${frameSize}`);
  if (!Number.isInteger(hopSize) || hopSize < 1) throw new Error(`hopSize must be a positive integer, got ${hopSize}`);
}

/** Number of STFT frames for a signal of `length` samples. */
export function stftFrameCount(length: number, { frameSize, hopSize, center = false }: FramingOptions): number {
  if (length === 0) return 0;
  if (center) return Math.floor(length / hopSize) + 1;
  return Math.max(1, Math.ceil((length - frameSize) / hopSize) + 1);
}

/**
 * Streams power frames (|X|², fft.js's raw unnormalised scale) to `visit` without keeping them:
 * `power` is a reused buffer of frameSize / 2 + 1 values, valid only during the call. Used where a
 * whole-track spectrogram would not fit comfortably in memory (10 min at 11 025 Hz ≈ 50 MB).
 */
export function forEachPowerFrame(
  pcm: Float32Array,
  framing: FramingOptions,
  visit: (frameIndex: number, power: Float32Array) => void,
): number {
  const { frameSize, hopSize, center = false } = framing;
  checkFraming(frameSize, hopSize);
  const fft = new FFT(frameSize);
  const window = hannWindow(frameSize);
  const input = new Float64Array(frameSize);
  const out = new Float64Array(frameSize * 2);
  const bins = frameSize / 2 + 1;
  const power = new Float32Array(bins);
  const count = stftFrameCount(pcm.length, framing);
  const offset = center ? frameSize >> 1 : 0;
  const n = pcm.length;
  for (let k = 0; k < count; k++) {
    const start = k * hopSize - offset;
    if (start >= 0 && start + frameSize <= n) {
      for (let i = 0; i < frameSize; i++) input[i] = pcm[start + i] * window[i];
    } else {
      for (let i = 0; i < frameSize; i++) {
        const j = start + i;
        input[i] = j >= 0 && j < n ? pcm[j] * window[i] : 0;
      }
    }
    fft.realTransform(out, input);
    for (let b = 0; b < bins; b++) {
      const re = out[2 * b];
      const im = out[2 * b + 1];
      power[b] = re * re + im * im;
    }
    visit(k, power);
  }
  return count;
}

/** Like forEachPowerFrame, with magnitudes |X| instead of power. */
export function forEachMagnitudeFrame(
  pcm: Float32Array,
  framing: FramingOptions,
  visit: (frameIndex: number, magnitudes: Float32Array) => void,
): number {
  return forEachPowerFrame(pcm, framing, (k, power) => {
    for (let b = 0; b < power.length; b++) power[b] = Math.sqrt(power[b]);
    visit(k, power);
  });
}

/**
 * Magnitude spectrogram. Frame k covers samples [k*hop, k*hop + frameSize); the last partial frame
 * is zero-padded. frameSize must be a power of two (fft.js requirement).
 */
export function magnitudeSpectrogram(pcm: Float32Array, sampleRate: number, frameSize = 2048, hopSize = 512): Spectrogram {
  const frames: Float32Array[] = [];
  forEachMagnitudeFrame(pcm, { frameSize, hopSize }, (_k, mag) => frames.push(mag.slice()));
  return { frames, frameSize, hopSize, sampleRate, frameRate: sampleRate / hopSize };
}

/** Centre frequency in Hz of FFT bin b. */
export function binFrequency(bin: number, frameSize: number, sampleRate: number): number {
  return (bin * sampleRate) / frameSize;
}
