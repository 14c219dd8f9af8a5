/**
 * Rhythm cue for the metrical level (85 vs 170), read from where the backbeat lands rather than
 * from a prior on the tempo range: the snare/clap register folded over two beats of a candidate
 * tempo. At the right level the backbeat hits one of the two beats (2 and 4); the same strong hit
 * on *both* halves of the cycle (a snare on every beat, or on every off-beat) means the candidate is
 * half the tempo: drum & bass read at 86 instead of 172. Half-time grooves (snare on 3) and hip-hop
 * (snare on 2 and 4) alternate at their own tempo and are left alone.
 *
 * The other direction (70 vs 140): a half-time groove at 70 read at 140 has a bar eight of those
 * "beats" long. Its kick/bass register's strongest accent, the bar's downbeat, recurs every eight
 * beats and finds (almost) nothing four beats away, while at their own tempo drum & bass, jungle,
 * trap and four-on-the-floor repeat their downbeat kick every four. The snare register was tried for
 * this first (a snare on one beat in eight): hooks and bass notes that change every two bars light
 * that register once in eight beats too, and a bass note under the snare cancels it there.
 * @module
 */
import type { LogMelSpectrogram } from '../../audio/mel';
import { bandFlux, normalizeEnvelope, sampleAt, smoothEnvelope } from './onsetEnvelope';

/** The drum registers the metrical cues read: the kick (< 120 Hz) and the backbeat (see backbeatEnvelope). */
export interface DrumEnvelopes {
  kick: Float32Array;
  backbeat: Float32Array;
}

/** Both drum registers of a spectrogram, normalized and smoothed like the onset envelope. */
export function drumEnvelopes(spec: LogMelSpectrogram, centersHz: ArrayLike<number>): DrumEnvelopes {
  const kick = smoothEnvelope(normalizeEnvelope(bandFlux(spec, centersHz, 0, 120), spec.frameRate));
  const snare = smoothEnvelope(normalizeEnvelope(bandFlux(spec, centersHz, 500, 6000), spec.frameRate));
  return { kick, backbeat: backbeatEnvelope(snare, kick) };
}

/**
 * The backbeat register without the kick: snare-band flux (500 Hz–6 kHz) minus kick-band flux
 * (< 120 Hz), both normalized. A kick's click reaches into the snare band; subtracting the kick
 * keeps a kick-then-snare groove (hip-hop, breaks) from looking like a snare on every beat.
 */
export function backbeatEnvelope(snareBand: Float32Array, kickBand: Float32Array): Float32Array {
  const out = new Float32Array(snareBand.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.max(0, snareBand[i] - (kickBand[i] ?? 0));
  return out;
}

/** At or above this evenness the backbeat hits every beat: the tempo is read one octave too slow… */
export const EVERY_BEAT_EVENNESS = 0.6;
/** …provided it clearly alternates at double the tempo (below this evenness). */
export const ALTERNATING_EVENNESS = 0.5;

/** Whether the backbeat says `bpm` is half the tempo (see the module comment). */
export function backbeatSaysDouble(backbeat: Float32Array, frameRate: number, bpm: number): boolean {
  return backbeatEvenness(backbeat, frameRate, bpm) >= EVERY_BEAT_EVENNESS && backbeatEvenness(backbeat, frameRate, 2 * bpm) < ALTERNATING_EVENNESS;
}

/** A hit must rise this far above the fold's median (envelopes have unit standard deviation). */
const MIN_ACCENT_RISE = 0.6;

/**
 * At or below this the kick/bass register's strongest hit finds almost no partner four beats away.
 * On the project's corpora (about 120 tempo clips, two seeds of the club corpus): half-time at 70
 * and hip-hop read at double tempo pair at ≤ 0.11; every track read at its own tempo at ≥ 0.21 (a
 * four-on-the-floor whose bass changes every two bars), drum & bass, jungle and trap at ≥ 0.38.
 */
export const KICK_ONCE_IN_EIGHT_PAIRING = 0.15;

/**
 * Whether the kick/bass register says `bpm` is double the tempo: its strongest accent, the bar's
 * downbeat, recurs every eight beats of `bpm` and not every four, so the bar is eight of these
 * "beats" long (see the module comment).
 */
export function kickSaysHalf(kick: Float32Array, frameRate: number, bpm: number): boolean {
  const { pairing, rise } = onceInEight(kick, frameRate, bpm);
  return rise >= MIN_ACCENT_RISE && pairing <= KICK_ONCE_IN_EIGHT_PAIRING;
}

/**
 * An eight-beat fold of `env`: how far its strongest hit rises above the median (`rise`), and the
 * share of that rise its partner four beats away reaches (`pairing`, with a bin of timing slack).
 */
export function onceInEight(env: Float32Array, frameRate: number, bpm: number): { pairing: number; rise: number } {
  const p = foldProfile(env, (8 * 60 * frameRate) / bpm, EIGHT_BEAT_BINS);
  const floor = [...p].sort((a, b) => a - b)[EIGHT_BEAT_BINS >> 1];
  let top = 0;
  for (let b = 1; b < EIGHT_BEAT_BINS; b++) if (p[b] > p[top]) top = b;
  const rise = p[top] - floor;
  if (!(rise > 0)) return { pairing: 1, rise: 0 };
  const half = EIGHT_BEAT_BINS / 2;
  const at = (b: number) => p[(b + EIGHT_BEAT_BINS) % EIGHT_BEAT_BINS];
  const partner = Math.max(at(top + half - 1), at(top + half), at(top + half + 1));
  return { pairing: (partner - floor) / rise, rise };
}

const FOLD_BINS = 48;
/** Twelve bins a beat (≈ 36 ms at 140): the partner's one bin of timing slack stays well under a 16th. */
const EIGHT_BEAT_BINS = 96;

/**
 * The envelope's mean over the cycles of a period (frames), at every frame of phase, then the
 * strongest phase in each of `bins` equal slices of the period. Point-sampling one phase per bin
 * missed narrow hits whenever a bin was wider than a hit (an eight-beat fold at 140 has 36–70 ms
 * bins; a smoothed snare peak is ~20 ms wide); a plain mean per bin would dilute them instead.
 */
export function foldProfile(env: Float32Array, periodFrames: number, bins = FOLD_BINS): Float64Array {
  const profile = new Float64Array(bins);
  const cycles = Math.floor(env.length / periodFrames);
  if (cycles < 1) return profile;
  const phases = Math.max(bins, Math.ceil(periodFrames));
  for (let j = 0; j < phases; j++) {
    const offset = (j / phases) * periodFrames;
    let acc = 0;
    for (let c = 0; c < cycles; c++) acc += sampleAt(env, c * periodFrames + offset);
    const b = Math.floor((j * bins) / phases);
    profile[b] = Math.max(profile[b], acc / cycles);
  }
  return profile;
}

/**
 * 0–1: the strongest hit that recurs half a two-beat cycle later, relative to the strongest hit.
 * Near 1 when the backbeat register hits every beat at `bpm`; low for a true backbeat.
 */
export function backbeatEvenness(snare: Float32Array, frameRate: number, bpm: number): number {
  const period = (2 * 60 * frameRate) / bpm;
  const p = foldProfile(snare, period);
  const half = FOLD_BINS / 2;
  let max = 0;
  let paired = 0;
  for (let b = 0; b < FOLD_BINS; b++) {
    max = Math.max(max, p[b]);
    // A bin of timing slack on the partner.
    const partner = Math.max(p[(b + half - 1) % FOLD_BINS], p[(b + half) % FOLD_BINS], p[(b + half + 1) % FOLD_BINS]);
    paired = Math.max(paired, Math.min(p[b], partner));
  }
  return max > 0 ? paired / max : 0;
}

/**
 * Share of the slower tempo's beats, and of its half-beats, that must carry a kick to call it
 * double. Chosen on one clip (a click-kick four-on-the-floor at 154, read at 77: 0.76, level 0.63);
 * on the 232 tempo clips of the project's corpora it changes no other reading.
 */
export const KICK_EVERY_HALF_BEAT_SHARE = 0.7;
/** …with the half-beat kicks this loud against the beat kicks (medians): the same drum, not a ghost. */
const KICK_HALF_BEAT_LEVEL = 0.6;

/**
 * Whether a kick on every half beat says `bpm` is half the tempo: a four-on-the-floor read an
 * octave low puts a kick of the same weight on each beat and each half beat, a pattern no groove
 * plays at its own tempo (a kick on every 8th). The subdivision cue prefers the slow reading of a
 * bare four-on-the-floor (its "off-beats" are full of kicks), so this cue undoes it. `phaseFrames`
 * is the grid's first beat; each position takes the strongest frame within ±2 of it.
 */
export function kickOnEveryHalfBeat(kick: Float32Array, frameRate: number, bpm: number, phaseFrames: number): boolean {
  const half = (30 * frameRate) / bpm;
  const on: number[] = [];
  const off: number[] = [];
  for (let k = 0, t = phaseFrames; t + 2 < kick.length; k++, t = phaseFrames + k * half) {
    let v = 0;
    for (let d = -2; d <= 2; d++) v = Math.max(v, sampleAt(kick, t + d));
    (k % 2 === 0 ? on : off).push(v);
  }
  if (on.length < 8 || off.length < 8) return false;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const onLevel = median(on);
  if (!(onLevel > 1)) return false;
  const hit = (xs: number[]) => xs.filter((v) => v >= 0.5 * onLevel).length / xs.length;
  return hit(on) >= KICK_EVERY_HALF_BEAT_SHARE && hit(off) >= KICK_EVERY_HALF_BEAT_SHARE && median(off) >= KICK_HALF_BEAT_LEVEL * onLevel;
}
