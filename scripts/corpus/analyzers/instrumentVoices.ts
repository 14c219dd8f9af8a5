/**
 * Pitched voices for the corpus: filtered saw/pulse (bass, stabs), two-operator FM (e-piano/bell),
 * Karplus–Strong plucked string, a detuned supersaw pad and a sub bass. Each renders one note.
 * @module
 */
import { mulberry32 } from '../../../src/core/hash';
import { adsr, Biquad, noiseSample, Oscillator } from './synthDsp';

export type InstrumentVoice = 'sawBass' | 'pulseBass' | 'subBass' | 'fmPiano' | 'fmBell' | 'pluck' | 'pad' | 'sawStab';

export interface NoteRequest {
  voice: InstrumentVoice;
  freq: number;
  /** Gate length in seconds (the release tail is added after it). */
  duration: number;
  /** Filter brightness 0–1: maps to cutoff for the filtered voices. */
  brightness: number;
  seed: number;
}

export function renderNote(note: NoteRequest, sampleRate: number): Float32Array {
  switch (note.voice) {
    case 'sawBass':
      return filteredOsc(note, sampleRate, 'saw', { attack: 0.005, decay: 0.15, sustain: 0.6, release: 0.06 }, 1);
    case 'pulseBass':
      return filteredOsc(note, sampleRate, 'pulse', { attack: 0.005, decay: 0.12, sustain: 0.5, release: 0.05 }, 1);
    case 'sawStab':
      return filteredOsc(note, sampleRate, 'saw', { attack: 0.003, decay: 0.18, sustain: 0.15, release: 0.12 }, 3);
    case 'subBass':
      return subBass(note, sampleRate);
    case 'fmPiano':
      return fm(note, sampleRate, 1, 2.2, 0.45, { attack: 0.004, decay: 0.6, sustain: 0.25, release: 0.25 });
    case 'fmBell':
      return fm(note, sampleRate, 3, 3.0, 0.9, { attack: 0.002, decay: 0.9, sustain: 0.0, release: 0.4 });
    case 'pluck':
      return karplusStrong(note, sampleRate);
    case 'pad':
      return pad(note, sampleRate);
  }
}

interface Envelope {
  attack: number;
  decay: number;
  sustain: number;
  release: number;
}

function noteLength(note: NoteRequest, env: Envelope, sr: number): number {
  return Math.max(1, Math.round(sr * (note.duration + env.release * 5)));
}

/** Saw or pulse through a resonant low-pass whose cutoff follows a decaying envelope (acid/house bass). */
function filteredOsc(note: NoteRequest, sr: number, shape: 'saw' | 'pulse', env: Envelope, unison: number): Float32Array {
  const rand = mulberry32(note.seed);
  const out = new Float32Array(noteLength(note, env, sr));
  const detune = [0, 0.12, -0.12];
  const oscs = Array.from({ length: unison }, () => new Oscillator(sr, shape, rand(), 0.3 + rand() * 0.3));
  const lp = new Biquad('lowpass', sr, 1000, 2.5);
  const baseCutoff = note.freq * (2 + note.brightness * 10);
  for (let i = 0; i < out.length; i++) {
    const t = i / sr;
    if ((i & 31) === 0) lp.set(baseCutoff * (1 + 3 * Math.exp(-t / 0.08)), 2.5);
    let x = 0;
    for (let u = 0; u < unison; u++) x += oscs[u].next(note.freq * Math.pow(2, detune[u] / 12));
    out[i] = lp.process(x / unison) * adsr(t, note.duration, env.attack, env.decay, env.sustain, env.release);
  }
  return out;
}

function subBass(note: NoteRequest, sr: number): Float32Array {
  const env = { attack: 0.01, decay: 0.3, sustain: 0.8, release: 0.05 };
  const out = new Float32Array(noteLength(note, env, sr));
  let phase = 0;
  for (let i = 0; i < out.length; i++) {
    phase += (2 * Math.PI * note.freq) / sr;
    // Gentle saturation adds the 2nd/3rd harmonics that make a sub audible on small speakers.
    out[i] = Math.tanh(1.8 * Math.sin(phase)) * 0.8 * adsr(i / sr, note.duration, env.attack, env.decay, env.sustain, env.release);
  }
  return out;
}

/** Two-operator FM: modulation index decays with the note, so the attack is brighter than the tail. */
function fm(note: NoteRequest, sr: number, ratio: number, index: number, indexDecay: number, env: Envelope): Float32Array {
  const out = new Float32Array(noteLength(note, env, sr));
  let pc = 0;
  let pm = 0;
  const idx0 = index * (0.5 + note.brightness);
  for (let i = 0; i < out.length; i++) {
    const t = i / sr;
    pm += (2 * Math.PI * note.freq * ratio) / sr;
    pc += (2 * Math.PI * note.freq) / sr;
    const mod = idx0 * Math.exp(-t / indexDecay) * Math.sin(pm);
    out[i] = Math.sin(pc + mod) * adsr(t, note.duration, env.attack, env.decay, env.sustain, env.release);
  }
  return out;
}

/** Karplus–Strong: a noise burst recirculating through a delay line with a damping average. */
function karplusStrong(note: NoteRequest, sr: number): Float32Array {
  const rand = mulberry32(note.seed);
  const out = new Float32Array(Math.round(sr * (note.duration + 0.6)));
  // The output buffer is the delay line. The two-point average delays by half a sample, so the loop
  // delay is one period minus that half; linear interpolation gives the fractional part (keeps it in tune).
  const delay = sr / note.freq - 0.5;
  const burst = Math.ceil(delay);
  const pre = new Biquad('lowpass', sr, 800 + note.brightness * 5000);
  const damping = 0.996;
  const at = (pos: number): number => {
    const i0 = Math.floor(pos);
    if (i0 < 0) return 0;
    const frac = pos - i0;
    return out[i0] + (out[i0 + 1] - out[i0]) * frac;
  };
  for (let i = 0; i < out.length; i++) {
    const excitation = i < burst ? pre.process(noiseSample(rand)) : 0;
    const feedback = i >= burst ? damping * 0.5 * (at(i - delay) + at(i - delay - 1)) : 0;
    out[i] = excitation + feedback;
  }
  for (let i = 0; i < out.length; i++) {
    const t = i / sr;
    out[i] *= 0.5 * (t > note.duration ? Math.exp(-(t - note.duration) / 0.08) : 1);
  }
  return out;
}

/** Five detuned saws (supersaw) through a soft low-pass, slow attack and release. */
function pad(note: NoteRequest, sr: number): Float32Array {
  const rand = mulberry32(note.seed);
  const env = { attack: 0.25, decay: 0.8, sustain: 0.8, release: 0.35 };
  const out = new Float32Array(noteLength(note, env, sr));
  const cents = [-14, -6, 0, 7, 15];
  const oscs = cents.map(() => new Oscillator(sr, 'saw', rand()));
  const lp = new Biquad('lowpass', sr, Math.min(note.freq * (3 + note.brightness * 8), 6000), 0.8);
  for (let i = 0; i < out.length; i++) {
    let x = 0;
    for (let k = 0; k < oscs.length; k++) x += oscs[k].next(note.freq * Math.pow(2, cents[k] / 1200));
    out[i] = lp.process(x / oscs.length) * adsr(i / sr, note.duration, env.attack, env.decay, env.sustain, env.release);
  }
  return out;
}
