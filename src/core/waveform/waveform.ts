/**
 * The track detail's waveform, computed in the analysis pass from the PCM it already decoded (no
 * second decode): per 1/150 s frame, the peak amplitude and the RMS of three bands (low < 200 Hz,
 * mid 200–2 500 Hz, high > 2 500 Hz, up to the analysis rate's 5.5 kHz Nyquist) for
 * rekordbox/Serato-style colouring. 150 frames a second is rekordbox's own detail resolution: four
 * bars at 128 BPM (7.5 s) are still 1 125 frames, more than a side panel's device pixels, so a zoom
 * to a few bars stays sharp. Quantised to one byte per value (4 bytes a frame, 600 bytes a second).
 * @module
 */

/** Bump when the frame rate, bands or quantisation change: only the waveform is then recomputed. */
export const WAVEFORM_VERSION = 1;
export const WAVEFORM_FRAME_RATE = 150;
/** Bytes per frame: peak, low, mid, high. */
export const WAVEFORM_STRIDE = 4;
export const WAVEFORM_LOW_HZ = 200;
export const WAVEFORM_HIGH_HZ = 2500;

export interface Waveform {
  version: number;
  frameRate: number;
  /** Interleaved frames of WAVEFORM_STRIDE bytes: peak (linear), then low, mid and high RMS (square-root companded). */
  data: Uint8Array;
}

/** One frame (or column) in linear amplitude, 0–1 of full scale. */
export interface WaveformLevels {
  peak: number;
  low: number;
  mid: number;
  high: number;
}

/** RBJ biquad coefficients (Audio EQ Cookbook), Q = 1/√2, normalized by a0: [b0, b1, b2, a1, a2]. */
function biquad(kind: 'lowpass' | 'highpass', cutoffHz: number, sampleRate: number): Float64Array {
  const w = (2 * Math.PI * Math.min(cutoffHz, sampleRate * 0.45)) / sampleRate;
  const alpha = Math.sin(w) / (2 * Math.SQRT1_2);
  const cos = Math.cos(w);
  const a0 = 1 + alpha;
  const b0 = (kind === 'lowpass' ? (1 - cos) / 2 : (1 + cos) / 2) / a0;
  const b1 = (kind === 'lowpass' ? 1 - cos : -(1 + cos)) / a0;
  return Float64Array.of(b0, b1, b0, (-2 * cos) / a0, (1 - alpha) / a0);
}

/** Filter `input` into `output` (direct form I), carrying the state across calls. */
function filter(c: Float64Array, state: Float64Array, input: Float32Array, output: Float32Array, length: number): void {
  let [x1, x2, y1, y2] = state;
  const [b0, b1, b2, a1, a2] = c;
  for (let i = 0; i < length; i++) {
    const x = input[i];
    const y = b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
    x2 = x1;
    x1 = x;
    y2 = y1;
    y1 = y;
    output[i] = y;
  }
  state.set([x1, x2, y1, y2]);
}

// Band RMS is companded with a square root so the quiet high band keeps its detail in 8 bits.
const encodeLevel = (v: number) => Math.round(Math.sqrt(Math.min(1, v)) * 255);
const decodeLevel = (b: number) => (b / 255) ** 2;

export function computeWaveform(pcm: Float32Array, sampleRate: number): Waveform {
  const frames = Math.ceil((pcm.length / sampleRate) * WAVEFORM_FRAME_RATE);
  const data = new Uint8Array(frames * WAVEFORM_STRIDE);
  const low = biquad('lowpass', WAVEFORM_LOW_HZ, sampleRate);
  const aboveLow = biquad('highpass', WAVEFORM_LOW_HZ, sampleRate);
  const belowHigh = biquad('lowpass', WAVEFORM_HIGH_HZ, sampleRate);
  const high = biquad('highpass', WAVEFORM_HIGH_HZ, sampleRate);
  const states = [0, 1, 2, 3].map(() => new Float64Array(4));
  const maxFrame = Math.ceil(sampleRate / WAVEFORM_FRAME_RATE) + 1;
  const band = new Float32Array(maxFrame);
  const mid = new Float32Array(maxFrame);
  const sumSquares = (x: Float32Array, n: number) => {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += x[i] * x[i];
    return sum;
  };
  for (let f = 0; f < frames; f++) {
    // Frame edges on exact sample positions: 11 025 / 150 is not a whole number of samples.
    const from = Math.floor((f * sampleRate) / WAVEFORM_FRAME_RATE);
    const to = Math.min(pcm.length, Math.floor(((f + 1) * sampleRate) / WAVEFORM_FRAME_RATE));
    const n = Math.max(0, to - from);
    const frame = pcm.subarray(from, to);
    let peak = 0;
    for (let i = 0; i < n; i++) peak = Math.max(peak, Math.abs(frame[i]));
    filter(low, states[0], frame, band, n);
    const l = sumSquares(band, n);
    filter(aboveLow, states[1], frame, mid, n);
    filter(belowHigh, states[2], mid, mid, n);
    const m = sumSquares(mid, n);
    filter(high, states[3], frame, band, n);
    const h = sumSquares(band, n);
    const count = Math.max(1, n);
    const at = f * WAVEFORM_STRIDE;
    data[at] = Math.round(Math.min(1, peak) * 255);
    data[at + 1] = encodeLevel(Math.sqrt(l / count));
    data[at + 2] = encodeLevel(Math.sqrt(m / count));
    data[at + 3] = encodeLevel(Math.sqrt(h / count));
  }
  return { version: WAVEFORM_VERSION, frameRate: WAVEFORM_FRAME_RATE, data };
}

export function waveformFrames(waveform: Waveform): number {
  return Math.floor(waveform.data.length / WAVEFORM_STRIDE);
}

export function waveformDurationSec(waveform: Waveform): number {
  return waveformFrames(waveform) / waveform.frameRate;
}

/**
 * The waveform between two times as `columns` drawable columns (the loudest frame's values in each,
 * so a short transient never vanishes when zoomed out). Columns outside the track are silent.
 */
export function waveformColumns(waveform: Waveform, fromSec: number, toSec: number, columns: number): WaveformLevels[] {
  const out: WaveformLevels[] = [];
  const frames = waveformFrames(waveform);
  const span = (toSec - fromSec) * waveform.frameRate;
  for (let c = 0; c < columns; c++) {
    const first = Math.floor(fromSec * waveform.frameRate + (c * span) / columns);
    const last = Math.max(first + 1, Math.floor(fromSec * waveform.frameRate + ((c + 1) * span) / columns));
    const level: WaveformLevels = { peak: 0, low: 0, mid: 0, high: 0 };
    for (let f = Math.max(0, first); f < Math.min(frames, last); f++) {
      const at = f * WAVEFORM_STRIDE;
      level.peak = Math.max(level.peak, waveform.data[at] / 255);
      level.low = Math.max(level.low, decodeLevel(waveform.data[at + 1]));
      level.mid = Math.max(level.mid, decodeLevel(waveform.data[at + 2]));
      level.high = Math.max(level.high, decodeLevel(waveform.data[at + 3]));
    }
    out.push(level);
  }
  return out;
}

/** The loudest peak in the waveform (0–1), to scale the drawing of quiet masters. */
export function waveformMaxPeak(waveform: Waveform): number {
  let max = 0;
  for (let at = 0; at < waveform.data.length; at += WAVEFORM_STRIDE) max = Math.max(max, waveform.data[at]);
  return max / 255;
}
