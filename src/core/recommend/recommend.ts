import type { VectorIndex } from '../index/vectorIndex';
import { meanDirection } from '../index/vectorMath';
import type { MusicalKey } from '../music/keys';
import { compileFilters, type RecommendFilters } from './filters';
import { harmonicRelation, type HarmonicRelation } from './harmonic';
import type { TrackFacts, TrackFactsLookup } from './trackFacts';

export interface RecommendRequest {
  /** Labels of the selected track(s); several seeds → tracks like all of them (mean direction). */
  seeds: readonly number[];
  k: number;
  filters?: RecommendFilters;
}

export interface Recommendation<T extends TrackFacts = TrackFacts> {
  label: number;
  /** Cosine similarity to the seed direction, 1 = identical. */
  score: number;
  track: T;
  /** How its key mixes with the reference key (first seed's, or the filter's), for highlighting. */
  keyRelation?: HarmonicRelation;
}

/**
 * "What goes with this track?": the k tracks whose embeddings point closest to the seeds', with the
 * filters applied without losing k. The index does the widening: it over-fetches, filters, and
 * widens (or switches to an exact pre-filtered scan for rare filters) until k pass or the whole
 * library has been considered, so fewer than k come back only when fewer than k tracks qualify.
 */
export function recommend<T extends TrackFacts>(index: VectorIndex, lookup: TrackFactsLookup<T>, request: RecommendRequest): Recommendation<T>[] {
  const { seeds, k, filters = {} } = request;
  if (seeds.length === 0) throw new RangeError('Pick at least one track to get recommendations');
  const seedVectors = seeds.map((label) => {
    const vector = index.vector(label);
    if (!vector) throw new Error(`Track ${label} has no embedding in the index yet (not analysed, or removed)`);
    return vector;
  });
  const seedFacts = seeds.map((label) => lookup(label) ?? ({ label } as TrackFacts));
  const keep = compileFilters(filters, seedFacts);
  const query = meanDirection(seedVectors, index.dims);

  const hits = index.search(query, k, (label) => {
    const facts = lookup(label);
    return facts !== undefined && keep(facts);
  });

  const referenceKey: MusicalKey | undefined = filters.harmonic?.key ?? seedFacts.find((seed) => seed.key)?.key;
  const boost = filters.harmonic?.energyBoost ?? false;
  return hits.map(({ label, score }) => {
    const track = lookup(label)!;
    const keyRelation = referenceKey && track.key ? harmonicRelation(referenceKey, track.key, boost) : undefined;
    return { label, score, track, ...(keyRelation ? { keyRelation } : {}) };
  });
}
