/**
 * Rhythm cue for the metrical level (85 vs 170), read from where the backbeat lands rather than
 * from a prior on the tempo range: the snare/clap register folded over two beats of a candidate
 * tempo. At the right level the backbeat hits one of the two beats (2 and 4); the same strong hit
 * on *both* halves of the cycle (a snare on every beat, or on every off-beat) means the candidate is
 * half the tempo: drum & bass read at 86 instead of 172. Half-time grooves (snare on 3) and hip-hop
 * (snare on 2 and 4) alternate at their own tempo and are left alone.
 *
 * The other direction (70 vs 140): a half-time groove at 70 (snare on 3 of the slow bar) read at
 * 140 puts the snare on one beat in *eight*. No style at its own tempo has a backbeat that rare
 * (trap at 140 and half-time at 120–175 hit beat 3 of every bar, hip-hop and drum & bass 2 and 4),
 * so a backbeat that recurs every eight beats and not every four means the tempo was read an
 * octave high. Busy 16th hats at 70 (the 8ths of a 140 groove) do not fool this cue; they fool the
 * subdivision cue.
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

/**
 * At or below this, the backbeat's strongest hit in an eight-beat cycle finds no partner four beats
 * away: the partner's rise above the cycle's median (the hats' level) is under this share of its own.
 */
export const ONCE_IN_EIGHT_PAIRING = 0.45;
/**
 * …and that hit is a real backbeat: it rises this far above the median (the envelopes are scaled
 * to unit standard deviation). A quiet groove without a clear snare folds into noise.
 */
const MIN_BACKBEAT_RISE = 0.6;

/**
 * Whether the backbeat says `bpm` is double the tempo: it lands on one beat in eight (see the
 * module comment). Measured above the fold's median, so busy hats in the same band do not pair.
 */
export function backbeatSaysHalf(backbeat: Float32Array, frameRate: number, bpm: number): boolean {
  const p = foldProfile(backbeat, (8 * 60 * frameRate) / bpm);
  const floor = [...p].sort((a, b) => a - b)[FOLD_BINS >> 1];
  let top = 0;
  for (let b = 1; b < FOLD_BINS; b++) if (p[b] > p[top]) top = b;
  if (!(p[top] - floor >= MIN_BACKBEAT_RISE)) return false;
  const half = FOLD_BINS / 2;
  const partner = Math.max(p[(top + half - 1) % FOLD_BINS], p[(top + half) % FOLD_BINS], p[(top + half + 1) % FOLD_BINS]);
  return (partner - floor) / (p[top] - floor) <= ONCE_IN_EIGHT_PAIRING;
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
