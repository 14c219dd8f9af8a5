/**
 * Rhythm cue for the metrical level (85 vs 170), read from where the backbeat lands rather than
 * from a prior on the tempo range: the snare/clap register folded over two beats of a candidate
 * tempo. At the right level the backbeat hits one of the two beats (2 and 4); the same strong hit
 * on *both* halves of the cycle (a snare on every beat, or on every off-beat) means the candidate is
 * half the tempo: drum & bass read at 86 instead of 172. Half-time grooves (snare on 3) and hip-hop
 * (snare on 2 and 4) alternate at their own tempo and are left alone.
 * @module
 */
import { sampleAt } from './onsetEnvelope';

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

const FOLD_BINS = 48;

/** Mean of `env` at each of `bins` phases of a period (frames), over the whole envelope. */
export function foldProfile(env: Float32Array, periodFrames: number, bins = FOLD_BINS): Float64Array {
  const profile = new Float64Array(bins);
  const cycles = Math.floor(env.length / periodFrames);
  if (cycles < 1) return profile;
  for (let b = 0; b < bins; b++) {
    let acc = 0;
    for (let c = 0; c < cycles; c++) acc += sampleAt(env, c * periodFrames + (b / bins) * periodFrames);
    profile[b] = acc / cycles;
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
