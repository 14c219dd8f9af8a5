/**
 * Relative major/minor from where phrases start. A minor loop i–VI–III–VII (Am F C G) and a major
 * loop I–V–vi–IV (C G Am F) play the same four chords, so the whole-track chroma, and any key
 * profile, cannot tell them apart. What differs is the chord a phrase starts on: club music is built
 * in 4/8-bar phrases that open on the tonic chord. So the chord heard in the first bar of every
 * 4-bar phrase (phrases counted from where the music starts, on the beat grid) votes: the relative
 * key whose tonic triad holds more of that chroma wins.
 * @module
 */
import { rmsCurve } from '../../audio/rms';
import type { MusicalKey } from '../../music/keys';
import { pitchClassProfile } from './chromagram';

/** The beat grid the phrase starts are counted on (the bpm analyzer's fields). */
export interface PhraseGrid {
  /** Time (s) of any beat of the grid. */
  firstBeatSec: number;
  bpm: number;
}

const BEATS_PER_BAR = 4;
const BARS_PER_PHRASE = 4;
/** The music starts where the level first reaches this share of the loudest 23 ms frame (−20 dB). */
const MUSIC_START_SHARE = 0.1;
/** The other relative key must hold this much more of the phrase-start chroma to take over. */
const RELATIVE_MARGIN = 0.02;

/** Seconds from the file's start to the first frame within −20 dB of the loudest (0 for silence). */
export function musicStartSec(pcm: Float32Array, sampleRate: number): number {
  const hopSize = Math.max(1, Math.round(sampleRate * 0.023));
  const rms = rmsCurve(pcm, { frameSize: hopSize, hopSize, center: false });
  let loudest = 0;
  for (const v of rms) loudest = Math.max(loudest, v);
  if (!(loudest > 0)) return 0;
  const first = rms.findIndex((v) => v >= MUSIC_START_SHARE * loudest);
  return (Math.max(0, first) * hopSize) / sampleRate;
}

/**
 * Chroma (summing to 1) of the first bar of every phrase: phrases of four bars from the grid beat
 * nearest the music's start. All zeros when no whole phrase-start bar fits.
 */
export function phraseStartChroma(pcm: Float32Array, sampleRate: number, grid: PhraseGrid): number[] {
  const out = new Array<number>(12).fill(0);
  const beatSec = 60 / grid.bpm;
  if (!(beatSec > 0) || !Number.isFinite(beatSec)) return out;
  const start = musicStartSec(pcm, sampleRate);
  const first = grid.firstBeatSec + Math.round((start - grid.firstBeatSec) / beatSec) * beatSec;
  const barSec = BEATS_PER_BAR * beatSec;
  const durationSec = pcm.length / sampleRate;
  for (let at = Math.max(0, first); at + barSec <= durationSec; at += BARS_PER_PHRASE * barSec) {
    const bar = pitchClassProfile(pcm.subarray(Math.round(at * sampleRate), Math.round((at + barSec) * sampleRate)), sampleRate);
    const total = bar.chroma.reduce((s, v) => s + v, 0);
    if (total > 0) for (let pc = 0; pc < 12; pc++) out[pc] += bar.chroma[pc] / total;
  }
  const total = out.reduce((s, v) => s + v, 0);
  return total > 0 ? out.map((v) => v / total) : out;
}

/** Share of `chroma` (summing to 1) on the key's tonic triad. */
export function tonicTriadShare(chroma: readonly number[], key: MusicalKey): number {
  const third = key.mode === 'major' ? 4 : 3;
  return chroma[key.tonic] + chroma[(key.tonic + third) % 12] + chroma[(key.tonic + 7) % 12];
}

export function relativeKey(key: MusicalKey): MusicalKey {
  return key.mode === 'major' ? { tonic: (key.tonic + 9) % 12, mode: 'minor' } : { tonic: (key.tonic + 3) % 12, mode: 'major' };
}

/** The key or its relative, whichever tonic triad the phrase starts dwell on (the key itself on a tie or no evidence). */
export function relativeByPhraseStart(key: MusicalKey, phraseChroma: readonly number[]): MusicalKey {
  const relative = relativeKey(key);
  return tonicTriadShare(phraseChroma, relative) > tonicTriadShare(phraseChroma, key) + RELATIVE_MARGIN ? relative : key;
}
