import { describe, expect, it } from 'vitest';
import { Resampler, resample } from './resample';

function sine(seconds: number, rate: number, frequency: number, amplitude = 0.5, phase = 0): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / rate + phase);
  return out;
}

/** Amplitude of one frequency (single-bin DFT over a Hann window, so leakage from other tones stays low). */
function toneAmplitude(signal: Float32Array, rate: number, frequency: number): number {
  let re = 0;
  let im = 0;
  let windowSum = 0;
  for (let i = 0; i < signal.length; i++) {
    const w = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (signal.length - 1));
    const angle = (2 * Math.PI * frequency * i) / rate;
    re += w * signal[i] * Math.cos(angle);
    im -= w * signal[i] * Math.sin(angle);
    windowSum += w;
  }
  return (2 * Math.hypot(re, im)) / windowSum;
}

function rms(signal: Float32Array): number {
  let sum = 0;
  for (const v of signal) sum += v * v;
  return Math.sqrt(sum / signal.length);
}

const dB = (ratio: number) => 20 * Math.log10(ratio);
/** Skip the edges, where the filter sees the zeros before the start/after the end. */
const middle = (signal: Float32Array) => signal.subarray(Math.floor(signal.length * 0.1), Math.floor(signal.length * 0.9));

const CONVERSIONS: [number, number][] = [
  [44100, 11025],
  [48000, 11025],
  [96000, 11025],
  [44100, 24000],
  [48000, 24000],
  [96000, 24000],
  [22050, 24000],
  [11025, 24000],
];

describe('Resampler (polyphase windowed sinc)', () => {
  it.each(CONVERSIONS)('%i → %i Hz keeps a passband tone at its frequency and level, with the right length', (from, to) => {
    const frequency = 0.7 * (Math.min(from, to) / 2); // 70 % of the lower Nyquist: inside the flat passband
    const input = sine(2, from, frequency, 0.5);
    const output = resample(input, from, to);
    expect(output.length).toBe(Math.ceil((input.length * to) / from));
    const body = middle(output);
    expect(dB(toneAmplitude(body, to, frequency) / 0.5)).toBeCloseTo(0, 1); // within ±0.05 dB
    // Everything that is not the tone (distortion, aliases, images) stays far below it.
    const residual = Math.sqrt(Math.max(0, rms(body) ** 2 - toneAmplitude(body, to, frequency) ** 2 / 2));
    expect(dB(residual / 0.5)).toBeLessThan(-60);
  });

  it.each([
    [44100, 11025, 5600],
    [44100, 11025, 9000],
    [48000, 11025, 6000],
    [96000, 11025, 30000],
    [44100, 24000, 12100],
    [48000, 24000, 15000],
  ])('%i → %i Hz removes a %i Hz tone above the output Nyquist instead of aliasing it', (from, to, frequency) => {
    const output = resample(sine(2, from, frequency, 0.5), from, to);
    expect(dB(rms(middle(output)) / (0.5 / Math.SQRT2))).toBeLessThan(-70);
  });

  it('does not create images above the input Nyquist when upsampling', () => {
    const output = resample(sine(2, 11025, 3000, 0.5), 11025, 24000);
    const body = middle(output);
    // The first image of 3 kHz would sit at 11025 − 3000 = 8025 Hz.
    expect(dB(toneAmplitude(body, 24000, 8025) / 0.5)).toBeLessThan(-70);
    expect(dB(toneAmplitude(body, 24000, 3000) / 0.5)).toBeCloseTo(0, 1);
  });

  it('passes DC unchanged and keeps output 0 aligned with input 0 (no filter delay)', () => {
    const ones = new Float32Array(44100).fill(0.25);
    const out = resample(ones, 44100, 11025);
    for (const v of middle(out)) expect(v).toBeCloseTo(0.25, 5);
    // A slow sine keeps its phase: output n lands at input time n / 11025.
    const slow = resample(sine(1, 48000, 50, 0.5), 48000, 11025);
    for (const n of [1000, 5000, 9000]) expect(slow[n]).toBeCloseTo(0.5 * Math.sin((2 * Math.PI * 50 * n) / 11025), 3);
  });

  it('gives the same samples whatever the chunking of the input', () => {
    const input = sine(1.5, 48000, 1234, 0.4);
    const whole = resample(input, 48000, 11025);
    const streaming = new Resampler(48000, 11025);
    const parts: Float32Array[] = [];
    let at = 0;
    for (const size of [1, 1152, 7, 4096, 333, 1024]) {
      parts.push(streaming.push(input.subarray(at, at + size)));
      at += size;
    }
    parts.push(streaming.push(input.subarray(at)), streaming.flush());
    const joined = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
    let offset = 0;
    for (const part of parts) {
      joined.set(part, offset);
      offset += part.length;
    }
    expect(joined.length).toBe(whole.length);
    expect(joined).toEqual(whole);
  });

  it('starts at a given input sample (window decodes) on the same grid as a whole-track conversion', () => {
    const input = sine(2, 44100, 777, 0.5);
    const whole = resample(input, 44100, 11025);
    // 44100 → 11025 steps 4 input samples per output: input 8000 is output 2000.
    const windowed = new Resampler(44100, 11025, { startAt: 8000 });
    const out = windowed.push(input);
    expect(Array.from(out.subarray(0, 500))).toEqual(Array.from(whole.subarray(2000, 2500)));
  });

  it('rejects rates it cannot handle with a clear message', () => {
    expect(() => new Resampler(44100.5, 11025)).toThrowError(/input rate must be a positive integer/);
    expect(() => new Resampler(44100, 0)).toThrowError(/output rate must be a positive integer/);
    expect(() => new Resampler(44100, 11025, { startAt: -3 })).toThrowError(/startAt/);
  });

  it('copies the input when the rates are equal', () => {
    const input = sine(0.1, 24000, 440);
    const out = resample(input, 24000, 24000);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
  });
});
