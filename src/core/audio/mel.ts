import { defaultFraming } from './framing';
import { forEachPowerFrame, stftFrameCount, type FramingOptions } from './stft';

/** HTK mel scale. */
export function hzToMel(hz: number): number {
  return 2595 * Math.log10(1 + hz / 700);
}

export function melToHz(mel: number): number {
  return 700 * (10 ** (mel / 2595) - 1);
}

/**
 * Triangular mel filters (peak weight 1, HTK style, no area normalization) stored sparsely: filter m
 * weights FFT bins [start[m], start[m] + weights[m].length). A band value is the power summed under
 * its triangle, so a sine reads its own power whichever band width it falls in.
 */
export interface MelFilterbank {
  nMels: number;
  frameSize: number;
  sampleRate: number;
  /** Centre frequency of each band in Hz. */
  centersHz: Float64Array;
  start: Int32Array;
  weights: Float32Array[];
}

export interface MelOptions {
  nMels?: number;
  fMinHz?: number;
  /** Defaults to Nyquist. */
  fMaxHz?: number;
}

const filterbankCache = new Map<string, MelFilterbank>();

export function melFilterbank(sampleRate: number, frameSize: number, { nMels = 64, fMinHz = 30, fMaxHz }: MelOptions = {}): MelFilterbank {
  const nyquist = sampleRate / 2;
  const fMax = Math.min(fMaxHz ?? nyquist, nyquist);
  if (!(nMels >= 1) || !Number.isInteger(nMels)) throw new Error(`nMels must be a positive integer, got ${nMels}`);
  if (!(fMinHz >= 0 && fMinHz < fMax)) throw new Error(`mel range must satisfy 0 ≤ fMin < fMax ≤ Nyquist, got ${fMinHz}–${fMax} Hz`);
  const key = `${sampleRate}/${frameSize}/${nMels}/${fMinHz}/${fMax}`;
  const cached = filterbankCache.get(key);
  if (cached) return cached;

  const bins = frameSize / 2 + 1;
  const binHz = sampleRate / frameSize;
  const melMin = hzToMel(fMinHz);
  const melMax = hzToMel(fMax);
  const edges = new Float64Array(nMels + 2);
  for (let i = 0; i < edges.length; i++) edges[i] = melToHz(melMin + ((melMax - melMin) * i) / (nMels + 1));

  const start = new Int32Array(nMels);
  const weights: Float32Array[] = [];
  const centersHz = new Float64Array(nMels);
  for (let m = 0; m < nMels; m++) {
    const lo = edges[m];
    const mid = edges[m + 1];
    const hi = edges[m + 2];
    centersHz[m] = mid;
    const first = Math.max(0, Math.ceil(lo / binHz));
    const last = Math.min(bins - 1, Math.floor(hi / binHz));
    const w: number[] = [];
    for (let b = first; b <= last; b++) {
      const f = b * binHz;
      const v = f <= mid ? (f - lo) / (mid - lo) : (hi - f) / (hi - mid);
      w.push(Math.max(0, v));
    }
    let bandStart = first;
    if (!w.some((v) => v > 0)) {
      // Low bands can be narrower than one FFT bin: use the bin nearest the centre instead of an empty band.
      bandStart = Math.min(bins - 1, Math.round(mid / binHz));
      w.length = 0;
      w.push(1);
    }
    start[m] = bandStart;
    weights.push(Float32Array.from(w));
  }
  const bank: MelFilterbank = { nMels, frameSize, sampleRate, centersHz, start, weights };
  filterbankCache.set(key, bank);
  return bank;
}

/** Row-major frames × bands matrix of log-mel power in dB; frame k sits at time k / frameRate. */
export interface LogMelSpectrogram {
  data: Float32Array;
  frameCount: number;
  nMels: number;
  frameRate: number;
  sampleRate: number;
  hopSize: number;
  frameSize: number;
}

export interface LogMelOptions extends MelOptions, Partial<FramingOptions> {
  /** Power floor: 1e-10 → -100 dB (silence never produces -Infinity). */
  floorPower?: number;
  /** Clamp values to (loudest value - topDb); null keeps the absolute floor only. */
  topDb?: number | null;
}

/** One frame's bands (a view into the matrix, no copy). */
export function melFrame(spec: LogMelSpectrogram, frame: number): Float32Array {
  return spec.data.subarray(frame * spec.nMels, (frame + 1) * spec.nMels);
}

/**
 * Log-mel spectrogram in dB re full scale: a full-scale sine centred in a band reads ~0 dB there.
 * Streams the STFT, so memory is frames × nMels floats (10 min at 43 frames/s × 64 bands ≈ 7 MB).
 */
export function logMelSpectrogram(pcm: Float32Array, sampleRate: number, options: LogMelOptions = {}): LogMelSpectrogram {
  const defaults = defaultFraming(sampleRate);
  const framing: Required<FramingOptions> = {
    frameSize: options.frameSize ?? defaults.frameSize,
    hopSize: options.hopSize ?? defaults.hopSize,
    center: options.center ?? defaults.center,
  };
  const floorPower = options.floorPower ?? 1e-10;
  const topDb = options.topDb === undefined ? 80 : options.topDb;
  const bank = melFilterbank(sampleRate, framing.frameSize, options);
  const nMels = bank.nMels;
  const frameCount = stftFrameCount(pcm.length, framing);
  const data = new Float32Array(frameCount * nMels);
  // A Hann-windowed sine of amplitude A peaks at A·frameSize/4 and its main lobe holds 1.5× the peak
  // bin's power; this scale makes the lobe's total power A².
  const powerScale = (4 / framing.frameSize) ** 2 / 1.5;
  const { start, weights } = bank;
  let loudest = -Infinity;

  forEachPowerFrame(pcm, framing, (k, power) => {
    const row = k * nMels;
    for (let m = 0; m < nMels; m++) {
      const w = weights[m];
      const s = start[m];
      let acc = 0;
      for (let i = 0; i < w.length; i++) acc += w[i] * power[s + i];
      const db = 10 * Math.log10(Math.max(acc * powerScale, floorPower));
      data[row + m] = db;
      if (db > loudest) loudest = db;
    }
  });

  if (topDb !== null && frameCount > 0) {
    const floorDb = loudest - topDb;
    for (let i = 0; i < data.length; i++) if (data[i] < floorDb) data[i] = floorDb;
  }
  return { data, frameCount, nMels, frameRate: sampleRate / framing.hopSize, sampleRate, hopSize: framing.hopSize, frameSize: framing.frameSize };
}
