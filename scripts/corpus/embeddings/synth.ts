/**
 * Seeded synthesis of short labelled "pieces" for the embedding evaluation: eight instrument /
 * timbre families, each playing a chord progression and melody in a given key and tempo. Every
 * piece also draws its own timbre details (brightness, decay, detune, mix level, optional hi-hats),
 * so a family is a spread of related sounds rather than one preset. A piece has sections that
 * share instrumentation but not notes.
 * @module
 */
import { fnv1a32, mulberry32 } from '../../../src/core/hash';

export const SAMPLE_RATE = 24_000;
export const FAMILIES = ['pluck', 'pad', 'bell', 'organ', 'chip', 'techno', 'sawLead', 'keys'] as const;
export type Family = (typeof FAMILIES)[number];

export interface PieceSpec {
  family: Family;
  bpm: number;
  /** Tonic pitch class 0–11 (C = 0). */
  tonic: number;
  minor: boolean;
  /** Seed for everything random in the piece. */
  seed: string;
}

type Rng = () => number;

const MAJOR = [0, 2, 4, 5, 7, 9, 11];
const MINOR = [0, 2, 3, 5, 7, 8, 10];
const PROGRESSIONS = [
  [0, 4, 5, 3],
  [0, 3, 4, 0],
  [5, 3, 0, 4],
  [0, 5, 1, 4],
  [0, 2, 3, 4],
];

const midiHz = (note: number) => 440 * 2 ** ((note - 69) / 12);
const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)];
const between = (rng: Rng, lo: number, hi: number) => lo + (hi - lo) * rng();

/** Scale degree (any integer, wraps into octaves) → MIDI note above `base`. */
function degreeNote(scale: number[], tonic: number, base: number, degree: number): number {
  const octave = Math.floor(degree / 7);
  const step = ((degree % 7) + 7) % 7;
  return base + tonic + 12 * octave + scale[step];
}

interface NoteEvent {
  start: number; // seconds
  duration: number; // seconds
  note: number; // MIDI
  velocity: number;
}

/** Chords (one per bar) and a melody (random walk on the scale), in the piece's key and tempo. */
function composeSection(spec: PieceSpec, rng: Rng, seconds: number, density: number) {
  const scale = spec.minor ? MINOR : MAJOR;
  const beat = 60 / spec.bpm;
  const bar = 4 * beat;
  const progression = pick(rng, PROGRESSIONS);
  const chords: NoteEvent[] = [];
  const melody: NoteEvent[] = [];
  const roots: NoteEvent[] = [];
  const bars = Math.ceil(seconds / bar);
  let degree = Math.floor(rng() * 7);
  for (let b = 0; b < bars; b++) {
    const root = progression[b % progression.length];
    for (const third of [0, 2, 4]) chords.push({ start: b * bar, duration: bar, note: degreeNote(scale, spec.tonic, 48, root + third), velocity: 0.6 });
    roots.push({ start: b * bar, duration: bar, note: degreeNote(scale, spec.tonic, 36, root), velocity: 0.8 });
    const step = beat / density;
    for (let t = 0; t < bar - 1e-9; t += step) {
      if (rng() < 0.25) continue; // rests
      degree = Math.max(-3, Math.min(10, degree + pick(rng, [-2, -1, -1, 1, 1, 2, 0, 3, -3])));
      melody.push({
        start: b * bar + t,
        duration: step * between(rng, 0.6, 1.4),
        note: degreeNote(scale, spec.tonic, 60, degree),
        velocity: between(rng, 0.5, 1),
      });
    }
  }
  return { chords, melody, roots, beat };
}

/** Render `events` with a voice function that returns one note's samples. */
function render(out: Float32Array, events: NoteEvent[], voice: (hz: number, samples: number, velocity: number) => Float32Array, transpose = 0): void {
  for (const e of events) {
    const start = Math.round(e.start * SAMPLE_RATE);
    if (start >= out.length) continue;
    const note = voice(midiHz(e.note + transpose), Math.round(e.duration * SAMPLE_RATE), e.velocity);
    const end = Math.min(out.length, start + note.length);
    for (let i = start; i < end; i++) out[i] += note[i - start];
  }
}

function envelope(i: number, n: number, attack: number, release: number): number {
  const a = attack * SAMPLE_RATE;
  const r = release * SAMPLE_RATE;
  if (i < a) return i / a;
  if (i > n - r) return Math.max(0, (n - i) / r);
  return 1;
}

/** One-pole low-pass in place. */
function lowPass(x: Float32Array, cutoffHz: number): Float32Array {
  const a = Math.exp((-2 * Math.PI * cutoffHz) / SAMPLE_RATE);
  let y = 0;
  for (let i = 0; i < x.length; i++) {
    y = (1 - a) * x[i] + a * y;
    x[i] = y;
  }
  return x;
}

// ---- voices (each family's instrument), parameterised per piece ---------------------------------

function karplusStrong(rng: Rng, damping: number) {
  return (hz: number, samples: number, velocity: number) => {
    const n = Math.min(samples + SAMPLE_RATE, 2 * SAMPLE_RATE);
    const period = Math.max(2, Math.round(SAMPLE_RATE / hz));
    const buffer = Float32Array.from({ length: period }, () => rng() * 2 - 1);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const j = i % period;
      const next = buffer[(j + 1) % period];
      out[i] = buffer[j] * velocity * 0.5;
      buffer[j] = damping * 0.5 * (buffer[j] + next);
    }
    return out;
  };
}

function detunedSaw(detuneCents: number, cutoff: number, attack: number) {
  return (hz: number, samples: number, velocity: number) => {
    const n = samples + Math.round(0.3 * SAMPLE_RATE);
    const out = new Float32Array(n);
    for (const cents of [-detuneCents, 0, detuneCents]) {
      const f = hz * 2 ** (cents / 1200);
      let phase = (cents + 50) / 100;
      for (let i = 0; i < n; i++) {
        phase += f / SAMPLE_RATE;
        phase -= Math.floor(phase);
        out[i] += (2 * phase - 1) * 0.12 * velocity * envelope(i, n, attack, 0.3);
      }
    }
    return lowPass(out, cutoff);
  };
}

function fmBell(ratio: number, index: number, decay: number) {
  return (hz: number, _samples: number, velocity: number) => {
    const n = Math.round(decay * 3 * SAMPLE_RATE);
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const t = i / SAMPLE_RATE;
      const env = Math.exp(-t / decay);
      const mod = index * env * Math.sin(2 * Math.PI * hz * ratio * t);
      out[i] = 0.3 * velocity * env * Math.sin(2 * Math.PI * hz * t + mod);
    }
    return out;
  };
}

function organ(drawbars: number[], vibratoHz: number) {
  return (hz: number, samples: number, velocity: number) => {
    const n = samples;
    const out = new Float32Array(n);
    const harmonics = [1, 2, 3, 4, 6, 8];
    for (let h = 0; h < harmonics.length; h++) {
      if (drawbars[h] === 0) continue;
      let phase = 0;
      for (let i = 0; i < n; i++) {
        const vib = 1 + 0.003 * Math.sin((2 * Math.PI * vibratoHz * i) / SAMPLE_RATE);
        phase += (hz * harmonics[h] * vib) / SAMPLE_RATE;
        out[i] += 0.08 * drawbars[h] * velocity * Math.sin(2 * Math.PI * phase) * envelope(i, n, 0.01, 0.02);
      }
    }
    return out;
  };
}

function pulse(duty: number, decay: number) {
  return (hz: number, samples: number, velocity: number) => {
    const n = samples;
    const out = new Float32Array(n);
    let phase = 0;
    for (let i = 0; i < n; i++) {
      phase += hz / SAMPLE_RATE;
      phase -= Math.floor(phase);
      out[i] = (phase < duty ? 0.15 : -0.15) * velocity * Math.exp(-i / (decay * SAMPLE_RATE)) * envelope(i, n, 0.002, 0.005);
    }
    return out;
  };
}

function sawLead(cutoffStart: number, cutoffEnd: number) {
  return (hz: number, samples: number, velocity: number) => {
    const n = samples;
    const out = new Float32Array(n);
    let phase = 0;
    let y = 0;
    for (let i = 0; i < n; i++) {
      phase += hz / SAMPLE_RATE;
      phase -= Math.floor(phase);
      const cutoff = cutoffEnd + (cutoffStart - cutoffEnd) * Math.exp(-i / (0.08 * SAMPLE_RATE));
      const a = Math.exp((-2 * Math.PI * cutoff) / SAMPLE_RATE);
      y = (1 - a) * (2 * phase - 1) + a * y;
      out[i] = 0.25 * velocity * y * envelope(i, n, 0.005, 0.03);
    }
    return out;
  };
}

function electricKeys(stretch: number, brightness: number, rng: Rng) {
  return (hz: number, samples: number, velocity: number) => {
    const n = Math.max(samples, Math.round(1.2 * SAMPLE_RATE));
    const out = new Float32Array(n);
    for (let p = 1; p <= 8; p++) {
      const f = hz * p * Math.sqrt(1 + stretch * p * p);
      if (f > SAMPLE_RATE / 2 - 500) break;
      const amp = (0.18 * velocity * brightness ** (p - 1)) / p;
      const decay = 1.5 / p;
      for (let i = 0; i < n; i++) out[i] += amp * Math.exp(-i / (decay * SAMPLE_RATE)) * Math.sin((2 * Math.PI * f * i) / SAMPLE_RATE);
    }
    for (let i = 0; i < Math.min(n, 200); i++) out[i] += 0.05 * velocity * (rng() * 2 - 1) * (1 - i / 200); // hammer
    return out;
  };
}

function kick(samples: number): Float32Array {
  const n = Math.min(samples, Math.round(0.35 * SAMPLE_RATE));
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / SAMPLE_RATE;
    phase += (45 + 120 * Math.exp(-t / 0.03)) / SAMPLE_RATE;
    out[i] = 0.8 * Math.exp(-t / 0.12) * Math.sin(2 * Math.PI * phase);
  }
  return out;
}

function addHats(out: Float32Array, rng: Rng, beat: number, level: number, offbeatOnly: boolean): void {
  const step = beat / 2;
  for (let t = offbeatOnly ? step : 0; t < out.length / SAMPLE_RATE; t += offbeatOnly ? beat : step) {
    const start = Math.round(t * SAMPLE_RATE);
    let prev = 0;
    for (let i = 0; i < 1200 && start + i < out.length; i++) {
      const white = rng() * 2 - 1;
      out[start + i] += level * (white - prev) * Math.exp(-i / 300); // first difference: a crude high-pass
      prev = white;
    }
  }
}

/** Synthesise section `section` (0, 1, …) of a piece: `seconds` of mono PCM at 24 kHz. */
export function synthesisePiece(spec: PieceSpec, section: number, seconds: number): Float32Array {
  // Timbre comes from the piece seed (same in every section); notes from the section seed.
  const timbreRng = mulberry32(fnv1a32(`${spec.seed}/timbre`));
  const noteRng = mulberry32(fnv1a32(`${spec.seed}/section${section}`));
  const noiseRng = mulberry32(fnv1a32(`${spec.seed}/noise${section}`));
  const out = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  const hatsLevel = timbreRng() < 0.35 ? between(timbreRng, 0.04, 0.12) : 0;
  const music = (density: number) => composeSection(spec, noteRng, seconds, density);
  switch (spec.family) {
    case 'pluck': {
      const { chords, melody } = music(2);
      const voice = karplusStrong(noiseRng, between(timbreRng, 0.99, 0.998));
      const arpeggio = chords.map((c, i) => ({ ...c, start: c.start + (i % 3) * (60 / spec.bpm / 2), duration: 0.4 }));
      render(out, arpeggio, voice);
      render(out, melody, voice, 12);
      break;
    }
    case 'pad': {
      const { chords, roots } = music(1);
      render(out, chords, detunedSaw(between(timbreRng, 6, 18), between(timbreRng, 800, 2500), between(timbreRng, 0.3, 0.8)));
      render(out, roots, detunedSaw(5, 400, 0.2), 12);
      break;
    }
    case 'bell': {
      const { melody, chords } = music(1);
      const voice = fmBell(between(timbreRng, 3.3, 3.7), between(timbreRng, 1.5, 4), between(timbreRng, 0.4, 1.0));
      render(out, melody, voice, 12);
      render(
        out,
        chords.filter((_, i) => i % 3 === 0),
        voice,
      );
      break;
    }
    case 'organ': {
      const drawbars = [
        1,
        between(timbreRng, 0.3, 1),
        between(timbreRng, 0, 0.8),
        between(timbreRng, 0, 0.6),
        between(timbreRng, 0, 0.4),
        between(timbreRng, 0, 0.3),
      ];
      const voice = organ(drawbars, between(timbreRng, 4, 7));
      const { chords, melody } = music(1);
      render(out, chords, voice);
      render(out, melody, voice, 12);
      break;
    }
    case 'chip': {
      const { chords, melody } = music(4);
      const voice = pulse(pick(timbreRng, [0.125, 0.25, 0.5]), between(timbreRng, 0.1, 0.4));
      const arpeggio = chords.flatMap((c, i) =>
        Array.from({ length: 8 }, (_, k) => ({ ...c, start: c.start + ((k * 3 + i) % 24) * (60 / spec.bpm / 6), duration: 60 / spec.bpm / 6 })),
      );
      render(out, arpeggio, voice, 12);
      render(out, melody, voice, 12);
      break;
    }
    case 'techno': {
      const { roots, beat } = music(1);
      for (let t = 0; t < seconds; t += beat) {
        const k = kick(out.length);
        const start = Math.round(t * SAMPLE_RATE);
        for (let i = 0; i < k.length && start + i < out.length; i++) out[start + i] += k[i];
      }
      const bassline = roots.flatMap((r) => Array.from({ length: 8 }, (_, k) => ({ ...r, start: r.start + k * (beat / 2) + beat / 4, duration: beat / 3 })));
      render(out, bassline, sawLead(between(timbreRng, 600, 1500), between(timbreRng, 150, 300)), -12);
      addHats(out, noiseRng, beat, between(timbreRng, 0.15, 0.3), true);
      break;
    }
    case 'sawLead': {
      const { melody, roots } = music(2);
      render(out, melody, sawLead(between(timbreRng, 3000, 7000), between(timbreRng, 600, 1500)));
      render(out, roots, sawLead(800, 300));
      break;
    }
    case 'keys': {
      const { chords, melody } = music(2);
      const voice = electricKeys(between(timbreRng, 0.0002, 0.001), between(timbreRng, 0.5, 0.8), noiseRng);
      render(
        out,
        chords.map((c) => ({ ...c, duration: 0.6 })),
        voice,
      );
      render(out, melody, voice);
      break;
    }
  }
  if (hatsLevel > 0 && spec.family !== 'techno') addHats(out, noiseRng, 60 / spec.bpm, hatsLevel, false);
  // Different mix levels per piece: the embedders must not sort tracks by loudness.
  let peak = 0;
  for (const v of out) peak = Math.max(peak, Math.abs(v));
  const gain = peak > 0 ? between(timbreRng, 0.3, 0.9) / peak : 0;
  for (let i = 0; i < out.length; i++) out[i] *= gain;
  return out;
}
