/**
 * Synthesised drum one-shots (808/909-style recipes): kick, snare, clap, closed/open hi-hat and a
 * shaker. Each call renders one hit; the clip renderer renders a few variants per voice and mixes
 * them at the pattern's positions, the way a sampler-based production works.
 * @module
 */
import { mulberry32 } from '../../../src/core/hash';
import { Biquad, noiseSample } from './synthDsp';

export type DrumVoice = 'kick' | 'snare' | 'clap' | 'closedHat' | 'openHat' | 'shaker' | 'tambourine';

export interface DrumKitParams {
  /** Kick fundamental at the end of its pitch sweep (Hz). */
  kickPitch: number;
  /** Kick decay (seconds). */
  kickDecay: number;
  /** Snare body tone (Hz). */
  snareTone: number;
  /** Hi-hat high-pass cutoff (Hz): lower = darker hats. */
  hatCutoff: number;
  /**
   * Kick attack: 'click' (909-style noise click, instant), 'punch' (no click, instant body),
   * 'soft' (no click, 4 ms fade-in), 'slow' (no click, 12 ms fade-in: an 808 "boom" or a
   * compressed sample). The hit still starts on its sample; slow attacks reach full level later.
   */
  kickAttack?: KickAttack;
}

export type KickAttack = 'click' | 'punch' | 'soft' | 'slow';
const KICK_FADE_IN_SEC: Record<KickAttack, number> = { click: 0, punch: 0, soft: 0.004, slow: 0.012 };

export function renderDrum(voice: DrumVoice, kit: DrumKitParams, sampleRate: number, seed: number): Float32Array {
  const rand = mulberry32(seed);
  switch (voice) {
    case 'kick':
      return renderKick(kit, sampleRate, rand);
    case 'snare':
      return renderSnare(kit, sampleRate, rand);
    case 'clap':
      return renderClap(sampleRate, rand);
    case 'closedHat':
      return renderHat(kit, sampleRate, rand, 0.045);
    case 'openHat':
      return renderHat(kit, sampleRate, rand, 0.28);
    case 'shaker':
      return renderShaker(sampleRate, rand);
    case 'tambourine':
      return renderTambourine(sampleRate, rand);
  }
}

function renderKick(kit: DrumKitParams, sr: number, rand: () => number): Float32Array {
  const length = Math.round(sr * (kit.kickDecay * 4 + 0.05));
  const out = new Float32Array(length);
  let phase = 0;
  const click = new Biquad('highpass', sr, 1500);
  const attack = kit.kickAttack ?? 'click';
  const clickGain = attack === 'click' ? 0.6 : 0;
  const fadeIn = KICK_FADE_IN_SEC[attack];
  for (let i = 0; i < length; i++) {
    const t = i / sr;
    const rise = fadeIn > 0 && t < fadeIn ? t / fadeIn : 1;
    // Pitch sweeps from ~3x down to the fundamental in a few tens of ms: the "punch".
    const freq = kit.kickPitch * (1 + 2.2 * Math.exp(-t / 0.03));
    phase += (2 * Math.PI * freq) / sr;
    const body = Math.sin(phase) * Math.exp(-t / kit.kickDecay);
    const transient = click.process(noiseSample(rand)) * Math.exp(-t / 0.004) * clickGain;
    out[i] = Math.tanh(1.6 * rise * (body + transient)) * 0.95;
  }
  return out;
}

function renderSnare(kit: DrumKitParams, sr: number, rand: () => number): Float32Array {
  const length = Math.round(sr * 0.35);
  const out = new Float32Array(length);
  const hp = new Biquad('highpass', sr, 1200);
  const bp = new Biquad('bandpass', sr, 4000, 0.7);
  let p1 = 0;
  let p2 = 0;
  for (let i = 0; i < length; i++) {
    const t = i / sr;
    p1 += (2 * Math.PI * kit.snareTone) / sr;
    p2 += (2 * Math.PI * kit.snareTone * 1.78) / sr;
    const tone = (Math.sin(p1) + 0.5 * Math.sin(p2)) * Math.exp(-t / 0.045);
    const n = noiseSample(rand);
    const rattle = (hp.process(n) * 0.7 + bp.process(n) * 0.5) * Math.exp(-t / 0.09);
    out[i] = 0.55 * tone + 0.9 * rattle;
  }
  return out;
}

function renderClap(sr: number, rand: () => number): Float32Array {
  const length = Math.round(sr * 0.3);
  const out = new Float32Array(length);
  const bp = new Biquad('bandpass', sr, 1400, 1.2);
  // Three short bursts then a diffuse tail: several hands not quite together.
  const bursts = [0, 0.011, 0.023];
  for (let i = 0; i < length; i++) {
    const t = i / sr;
    let env = Math.exp(-Math.max(0, t - 0.03) / 0.08) * (t >= 0.03 ? 0.7 : 0);
    for (const b of bursts) if (t >= b) env = Math.max(env, Math.exp(-(t - b) / 0.006));
    out[i] = bp.process(noiseSample(rand)) * env * 2.2;
  }
  return out;
}

function renderHat(kit: DrumKitParams, sr: number, rand: () => number, decay: number): Float32Array {
  const length = Math.round(sr * (decay * 5 + 0.01));
  const out = new Float32Array(length);
  const hp = new Biquad('highpass', sr, kit.hatCutoff, 0.9);
  const hp2 = new Biquad('highpass', sr, kit.hatCutoff * 0.8);
  // 808 hats: six detuned square waves give the metallic colour, noise adds the sizzle.
  const ratios = [2, 3, 4.16, 5.43, 6.79, 8.21];
  const base = 40 + rand() * 4;
  const phases = ratios.map(() => rand());
  for (let i = 0; i < length; i++) {
    const t = i / sr;
    let metal = 0;
    for (let k = 0; k < ratios.length; k++) {
      const ph = (phases[k] + (base * ratios[k] * 8 * i) / sr) % 1;
      metal += ph < 0.5 ? 1 : -1;
    }
    const x = 0.12 * metal + noiseSample(rand);
    out[i] = hp2.process(hp.process(x)) * Math.exp(-t / decay) * 0.6;
  }
  return out;
}

function renderShaker(sr: number, rand: () => number): Float32Array {
  const length = Math.round(sr * 0.12);
  const out = new Float32Array(length);
  const bp = new Biquad('bandpass', sr, 6000, 1.5);
  for (let i = 0; i < length; i++) {
    const t = i / sr;
    const env = t < 0.015 ? t / 0.015 : Math.exp(-(t - 0.015) / 0.03);
    out[i] = bp.process(noiseSample(rand)) * env * 0.8;
  }
  return out;
}

/** Tambourine: a hand hit (band-passed noise) plus jingles ringing at a few inharmonic high partials. */
function renderTambourine(sr: number, rand: () => number): Float32Array {
  const length = Math.round(sr * 0.25);
  const out = new Float32Array(length);
  const bp = new Biquad('bandpass', sr, 7000, 1.2);
  const jingles = [3100, 4300, 5200, 6900].map((f) => ({ f: f * (0.97 + rand() * 0.06), phase: rand() }));
  for (let i = 0; i < length; i++) {
    const t = i / sr;
    // Jingles re-strike a few times as the disks rattle.
    const rattle = Math.exp(-t / 0.07) * (1 + 0.5 * Math.sin(2 * Math.PI * 38 * t));
    let ring = 0;
    for (const j of jingles) ring += Math.sin(2 * Math.PI * (j.phase + j.f * t));
    out[i] = (bp.process(noiseSample(rand)) * Math.exp(-t / 0.02) + 0.12 * ring * rattle) * 0.6;
  }
  return out;
}
