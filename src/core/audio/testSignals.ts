/**
 * Deterministic synthetic signals for the audio and sampling tests (no files, no randomness).
 * @module
 */
import { mulberry32 } from '../hash';

export function sine(sampleRate: number, seconds: number, hz: number, amplitude = 1): Float32Array {
  const pcm = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < pcm.length; i++) pcm[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return pcm;
}

/** Short decaying noise bursts (drum-like clicks) added at the given times. */
export function addClicks(pcm: Float32Array, sampleRate: number, timesSec: number[], amplitude = 0.8, seed = 1): Float32Array {
  const rand = mulberry32(seed);
  const len = Math.round(0.03 * sampleRate);
  for (const t of timesSec) {
    const at = Math.round(t * sampleRate);
    for (let j = 0; j < len && at + j < pcm.length; j++) pcm[at + j] += amplitude * (rand() * 2 - 1) * Math.exp(-j / (len / 5));
  }
  return pcm;
}

/** White noise low-passed by a one-pole filter: `smoothing` near 1 → dark, near 0 → bright. */
export function colouredNoise(sampleRate: number, seconds: number, amplitude: number, smoothing: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  const pcm = new Float32Array(Math.round(sampleRate * seconds));
  let y = 0;
  for (let i = 0; i < pcm.length; i++) {
    y = smoothing * y + (1 - smoothing) * (rand() * 2 - 1);
    pcm[i] = y;
  }
  let peak = 0;
  for (const v of pcm) peak = Math.max(peak, Math.abs(v));
  if (peak > 0) for (let i = 0; i < pcm.length; i++) pcm[i] *= amplitude / peak;
  return pcm;
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
