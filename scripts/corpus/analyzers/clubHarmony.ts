/**
 * Harmony for the extended corpus' minor-cadence pieces: progressions whose V is major (harmonic
 * minor, so the leading tone is there) and a hook drawn from the harmonic-minor scale. With a tonic
 * pedal in the bass, these are the unambiguous minor pieces a parallel-major call gets wrong.
 * @module
 */
import type { MusicalKey } from '../../../src/core/music/keys';
import { weightedDegreeMelody, type Chord } from './harmony';

const m = (root: number): Chord => ({ root, quality: 'minor' });
const M = (root: number): Chord => ({ root, quality: 'major' });

export const MINOR_CADENCES: Chord[][] = [
  [m(0), m(5), M(7), m(0)], // i–iv–V–i
  [m(0), M(8), m(5), M(7)], // i–VI–iv–V
  [m(0), M(7), m(0), M(7)], // i–V–i–V
  [m(0), m(5), m(0), M(7)], // i–iv–i–V
  [m(0), M(10), M(8), M(7)], // i–VII–VI–V (Andalusian cadence)
];

export function minorCadence(variant: number): Chord[] {
  return MINOR_CADENCES[variant % MINOR_CADENCES.length];
}

const HARMONIC_MINOR = [0, 2, 3, 5, 7, 8, 11];

/** One-bar hook in harmonic minor, tonic-triad degrees favoured (as harmony.ts `hook`). */
export function harmonicMinorHook(key: MusicalKey, count: number, rand: () => number, lowest = 60): number[] {
  return weightedDegreeMelody(key, HARMONIC_MINOR, [4, 1.2, 2.5, 1.2, 3, 1, 1.5], count, rand, lowest);
}
