/**
 * Spectral peak picking for pitch analysis: local maxima of a magnitude frame inside a frequency
 * band, refined to sub-bin frequency and amplitude by a parabola through the log magnitudes.
 * @module
 */
export interface PeakList {
  freqs: Float32Array;
  amps: Float32Array;
}

export interface PeakOptions {
  /** Width of one FFT bin in Hz (sampleRate / frameSize). */
  binHz: number;
  minHz: number;
  maxHz: number;
  /** Keep at most this many peaks (the strongest). */
  maxPeaks: number;
  /** Ignore peaks more than this many dB below the frame's strongest bin in the band. */
  floorDb: number;
}

export function findSpectralPeaks(mag: Float32Array, o: PeakOptions): PeakList {
  const lo = Math.max(1, Math.floor(o.minHz / o.binHz));
  const hi = Math.min(mag.length - 2, Math.ceil(o.maxHz / o.binHz));
  let frameMax = 0;
  for (let b = lo; b <= hi; b++) if (mag[b] > frameMax) frameMax = mag[b];
  if (!(frameMax > 0)) return { freqs: new Float32Array(0), amps: new Float32Array(0) };
  const floor = frameMax * Math.pow(10, -o.floorDb / 20);
  const found: { freq: number; amp: number }[] = [];
  for (let b = lo; b <= hi; b++) {
    const m = mag[b];
    if (m < floor || m <= mag[b - 1] || m < mag[b + 1]) continue;
    const a = Math.log(mag[b - 1] + 1e-12);
    const c = Math.log(m + 1e-12);
    const d = Math.log(mag[b + 1] + 1e-12);
    const denom = a - 2 * c + d;
    const p = denom < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - d)) / denom)) : 0;
    found.push({ freq: (b + p) * o.binHz, amp: Math.exp(c - 0.25 * (a - d) * p) });
  }
  if (found.length > o.maxPeaks) {
    found.sort((x, y) => y.amp - x.amp);
    found.length = o.maxPeaks;
  }
  found.sort((x, y) => x.freq - y.freq);
  return { freqs: Float32Array.from(found, (f) => f.freq), amps: Float32Array.from(found, (f) => f.amp) };
}
