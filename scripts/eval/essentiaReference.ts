/**
 * Dev-only reference anchor for the analyzer eval: Essentia's RhythmExtractor2013 (multifeature)
 * and KeyExtractor (bgate profile) through essentia.js. essentia.js is AGPL-3.0: it is a
 * devDependency used by this script alone and must never be imported from src/, workers/ or cli/
 * (the bundle stays free of it).
 * @module
 */
import { createRequire } from 'node:module';
import type { MusicalKey } from '../../src/core/music/keys';

/** Essentia's algorithms assume 44.1 kHz (RhythmExtractor2013 has no sample-rate parameter). */
export const ESSENTIA_SAMPLE_RATE = 44100;

const NAMES: Record<string, number> = {
  C: 0,
  'C#': 1,
  Db: 1,
  D: 2,
  'D#': 3,
  Eb: 3,
  E: 4,
  F: 5,
  'F#': 6,
  Gb: 6,
  G: 7,
  'G#': 8,
  Ab: 8,
  A: 9,
  'A#': 10,
  Bb: 10,
  B: 11,
};

interface EssentiaApi {
  arrayToVector(a: Float32Array): unknown;
  KeyExtractor(audio: unknown, ...rest: unknown[]): { key: string; scale: string; strength: number };
  RhythmExtractor2013(signal: unknown, maxTempo?: number, method?: string, minTempo?: number): { bpm: number };
}

export interface EssentiaReference {
  analyze(pcm44k: Float32Array): { bpm: number; key: MusicalKey | null };
}

export function loadEssentia(): EssentiaReference {
  const require = createRequire(import.meta.url);
  const { Essentia, EssentiaWASM } = require('essentia.js') as { Essentia: new (wasm: unknown) => EssentiaApi; EssentiaWASM: unknown };
  const essentia = new Essentia(EssentiaWASM);
  return {
    analyze(pcm44k) {
      const signal = essentia.arrayToVector(pcm44k);
      // Same BPM range as rbassist's default (70–180) so both answer the same question.
      const rhythm = essentia.RhythmExtractor2013(signal, 180, 'multifeature', 70);
      // KeyExtractor defaults except the profile: bgate (Faraldo's electronic-music profile).
      const k = essentia.KeyExtractor(signal, true, 4096, 4096, 12, 3500, 60, 25, 0.2, 'bgate', ESSENTIA_SAMPLE_RATE, 0.0001, 440, 'cosine', 'hann');
      const tonic = NAMES[k.key];
      const key: MusicalKey | null = tonic === undefined ? null : { tonic, mode: k.scale === 'minor' ? 'minor' : 'major' };
      return { bpm: Math.round(rhythm.bpm * 10) / 10, key };
    },
  };
}
