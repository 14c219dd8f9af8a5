/**
 * The "key" analyzer: tuning-robust chroma of the whole track → best of 24 keys against the
 * ensemble key profile, with a confidence, and the key spelled in all three DJ notations. Then the
 * mode: the parallel key by the tonic's thirds, the relative key by the chord that phrases start
 * on (phraseTonic.ts, on the bpm analyzer's beat grid).
 * @module
 */
import { keyFromIndex, keyIndex, toCamelot, toMusical, toOpenKey, type MusicalKey } from '../../music/keys';
import type { Analyzer, EarlierResults } from '../types';
import { estimateTempo, type BpmFields } from '../bpm/bpmAnalyzer';
import { phraseStartChroma, relativeByPhraseStart, type PhraseGrid } from './phraseTonic';
import { pitchClassProfile, type ChromaOptions } from './chromagram';
import { scoreKeys, type KeyScores } from './keyEstimate';
import { ENSEMBLE, type KeyProfile } from './keyProfiles';

export type KeyFields = {
  /** null when the audio carries no usable tonal content (see `reason`). */
  key: { tonic: number; mode: 'major' | 'minor' } | null;
  camelot: string | null;
  openKey: string | null;
  musical: string | null;
  /** 0–1: how clearly the best key beats the next one, scaled by how clearly pitched and how long the audio is. */
  confidence: number;
  /** Concert-pitch offset from A440 in cents (0 when there was nothing to measure). */
  tuningCents: number;
  /** Why there is no key (null when there is one). */
  reason: string | null;
};

export interface KeyAnalyzerOptions {
  profile: KeyProfile;
  chroma: Partial<ChromaOptions>;
  /** Parallel-mode check: profile-score margin within which the tonic's third may overrule the mode. */
  thirdMargin: number;
  /** How much louder one third must be than the other to overrule. */
  thirdRatio: number;
  /** The beat grid phrases are counted on, for the relative major/minor choice; none: the profile decides alone. */
  grid: PhraseGrid | null;
}

/**
 * Below this tuning strength the partials do not sit on any semitone grid: noise or drums only
 * (measured: white/pink noise ≤ 0.05, the corpus' music 0.09–0.55).
 */
const MIN_TUNING_STRENGTH = 0.07;
/** A key needs at least this many clearly present pitch classes (a lone sine is not a key). */
const MIN_PITCH_CLASSES = 4;
/** Score margin (correlation units) at which confidence saturates. */
const FULL_CONFIDENCE_MARGIN = 0.12;
/** Less audio than this (seconds) scales confidence down: a few bars may not show the whole key. */
const FULL_CONFIDENCE_SECONDS = 15;

/** Parallel-mode check (see decideMode); tuned on the club corpus, checked not to move the base corpus. */
const THIRD_MARGIN = 0.1;
const THIRD_RATIO = 1.2;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function noKey(reason: string, tuningCents = 0): KeyFields {
  return { key: null, camelot: null, openKey: null, musical: null, confidence: 0, tuningCents: round(tuningCents, 1), reason };
}

export function estimateKey(pcm: Float32Array, sampleRate: number, options: Partial<KeyAnalyzerOptions> = {}): KeyFields {
  const profile = options.profile ?? ENSEMBLE;
  const pcp = pitchClassProfile(pcm, sampleRate, options.chroma);
  if (pcp.activeShare === 0) return noKey('silent');
  if (pcp.tuningStrength < MIN_TUNING_STRENGTH) return noKey('no tonal content (noise or percussion only)');
  const max = Math.max(...pcp.chroma);
  const present = pcp.chroma.filter((v) => v >= 0.2 * max).length;
  if (!(max > 0) || present < MIN_PITCH_CLASSES) return noKey('too few distinct notes to name a key', pcp.tuningCents);
  const scores = scoreKeys(pcp.chroma, profile);
  const byProfile = decideMode(pcp.modeChroma, scores, options.thirdMargin ?? THIRD_MARGIN, options.thirdRatio ?? THIRD_RATIO);
  // The same chords serve a key and its relative: the chord phrases start on names the tonic.
  const key: MusicalKey = options.grid ? relativeByPhraseStart(byProfile, phraseStartChroma(pcm, sampleRate, options.grid)) : byProfile;
  const margin = scores.scores[scores.best] - scores.scores[scores.runnerUp];
  const clarity = Math.min(1, margin / FULL_CONFIDENCE_MARGIN);
  const tonal = Math.min(1, pcp.tuningStrength / 0.3);
  const enough = Math.min(1, pcm.length / sampleRate / FULL_CONFIDENCE_SECONDS);
  return {
    key: { tonic: key.tonic, mode: key.mode },
    camelot: toCamelot(key),
    openKey: toOpenKey(key),
    musical: toMusical(key),
    confidence: round(Math.max(0, clarity * tonal * enough * Math.max(0, scores.scores[scores.best])), 2),
    tuningCents: round(pcp.tuningCents, 1),
    reason: null,
  };
}

/**
 * Parallel major/minor: when the parallel key scores nearly as well, the tonic's own third decides
 * (a minor third clearly louder than the major third means minor, and the other way round).
 */
function decideMode(chroma: readonly number[], scores: KeyScores, margin: number, ratio: number): MusicalKey {
  const best = keyFromIndex(scores.best);
  const parallel: MusicalKey = { tonic: best.tonic, mode: best.mode === 'major' ? 'minor' : 'major' };
  if (scores.scores[scores.best] - scores.scores[keyIndex(parallel)] > margin) return best;
  const minorThird = chroma[(best.tonic + 3) % 12];
  const majorThird = chroma[(best.tonic + 4) % 12];
  if (best.mode === 'major' && minorThird > ratio * majorThird) return parallel;
  if (best.mode === 'minor' && majorThird > ratio * minorThird) return parallel;
  return best;
}

/** The phrase grid from the bpm analyzer's fields; null without a steady tempo. */
export function phraseGridOf(bpm: Pick<BpmFields, 'firstBeatSec' | 'gridBpm'> | undefined): PhraseGrid | null {
  return bpm && bpm.firstBeatSec !== null && bpm.gridBpm !== null ? { firstBeatSec: bpm.firstBeatSec, bpm: bpm.gridBpm } : null;
}

export function createKeyAnalyzer(options: Partial<KeyAnalyzerOptions> = {}): Analyzer<KeyFields> {
  return {
    id: 'key',
    // 3: relative major/minor from the phrase-start chords (needs the bpm analyzer's grid).
    version: 3,
    analyze: (pcm, sampleRate, _curves, earlier?: EarlierResults) => {
      // The bpm analyzer runs first in the registry; alone, the key analyzer measures the grid itself.
      const bpm = (earlier?.bpm as BpmFields | undefined) ?? estimateTempo(pcm, sampleRate);
      return estimateKey(pcm, sampleRate, { grid: phraseGridOf(bpm), ...options });
    },
  };
}
