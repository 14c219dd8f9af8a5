import type { MusicalKey } from '../music/keys';
import { foldText } from '../search/textFold';
import { artistNames, sameAlbum } from './artists';
import { harmonicRelation } from './harmonic';
import { tempoRelation, type BpmRange } from './tempo';
import type { TrackFacts } from './trackFacts';

/** What a DJ can ask of recommendations on top of "sounds similar". All optional. */
export interface RecommendFilters {
  bpm?: BpmRange;
  /** Keys that mix with `key` (default: the first seed's key). */
  harmonic?: { key?: MusicalKey; energyBoost?: boolean };
  /** Inclusive energy band, 1–10. */
  energy?: { min: number; max: number };
  /** Words that must all appear in the genre or tags (case- and accent-insensitive). */
  genreText?: string;
  excludeSameArtist?: boolean;
  excludeSameAlbum?: boolean;
  /** Labels to leave out, e.g. the tracks already in the current crate. */
  excludeLabels?: Iterable<number>;
}

/**
 * Turns the filters into one predicate over a candidate's facts. The seeds themselves are always
 * left out. A filter on a value the candidate does not have (no BPM yet, unknown key) rejects it:
 * the DJ asked for a property that cannot be vouched for.
 * Throws when the filters contradict themselves (min > max), so the UI can say so.
 */
export function compileFilters(filters: RecommendFilters, seeds: readonly TrackFacts[]): (candidate: TrackFacts) => boolean {
  const tests: ((candidate: TrackFacts) => boolean)[] = [];
  const seedLabels = new Set(seeds.map((seed) => seed.label));
  tests.push((c) => !seedLabels.has(c.label));

  if (filters.excludeLabels) {
    const excluded = new Set(filters.excludeLabels);
    if (excluded.size > 0) tests.push((c) => !excluded.has(c.label));
  }

  if (filters.bpm) {
    const range = filters.bpm;
    if (!(range.min <= range.max)) throw new RangeError(`BPM range ${range.min}–${range.max} is empty`);
    tests.push((c) => tempoRelation(c.bpm, range) !== undefined);
  }

  if (filters.harmonic) {
    const reference = filters.harmonic.key ?? seeds.find((seed) => seed.key)?.key;
    const boost = filters.harmonic.energyBoost ?? false;
    // No reference key (no seed analyzed yet) → the filter cannot say anything; it keeps all.
    if (reference) tests.push((c) => c.key !== undefined && harmonicRelation(reference, c.key, boost) !== undefined);
  }

  if (filters.energy) {
    const { min, max } = filters.energy;
    if (!(min <= max)) throw new RangeError(`Energy band ${min}–${max} is empty`);
    tests.push((c) => c.energy !== undefined && c.energy >= min && c.energy <= max);
  }

  const words = foldText(filters.genreText ?? '')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length > 0) {
    tests.push((c) => {
      const haystack = foldText([c.genre ?? '', ...(c.tags ?? [])].join(' '));
      return words.every((word) => haystack.includes(word));
    });
  }

  if (filters.excludeSameArtist) {
    const seedArtists = new Set(seeds.flatMap((seed) => artistNames(seed.artist)));
    if (seedArtists.size > 0) tests.push((c) => !artistNames(c.artist).some((name) => seedArtists.has(name)));
  }

  if (filters.excludeSameAlbum) {
    const albums = seeds.map((seed) => seed.album).filter((album): album is string => Boolean(album));
    if (albums.length > 0) tests.push((c) => !albums.some((album) => sameAlbum(album, c.album)));
  }

  return (candidate) => tests.every((test) => test(candidate));
}
