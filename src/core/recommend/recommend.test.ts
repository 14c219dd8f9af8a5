import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../hash';
import { ExactIndex } from '../index/exactIndex';
import { HnswIndex } from '../index/hnswIndex';
import { clusteredVectors } from '../index/syntheticVectors';
import type { VectorIndex } from '../index/vectorIndex';
import { dot, meanDirection } from '../index/vectorMath';
import { keyFromIndex, parseKey, toCamelot } from '../music/keys';
import { compileFilters, type RecommendFilters } from './filters';
import { recommend } from './recommend';
import type { TrackFacts } from './trackFacts';

const DIMS = 64;
const COUNT = 3000;
const GENRES = ['Deep House', 'Techno', 'Électronica', 'Drum & Bass', 'Disco'];

/** A seeded library: clustered vectors plus plausible tags and analysis values. */
function library(count = COUNT) {
  const { vectors } = clusteredVectors({ count, dims: DIMS, seed: 99, latentDims: 16 });
  const rand = mulberry32(1234);
  const facts: TrackFacts[] = Array.from({ length: count }, (_, label) => ({
    label,
    bpm: Math.round((80 + rand() * 95) * 10) / 10,
    key: keyFromIndex(Math.floor(rand() * 24)),
    energy: 1 + Math.floor(rand() * 10),
    artist: `Artist ${Math.floor(rand() * 200)}`,
    album: `Album ${Math.floor(rand() * 400)}`,
    genre: GENRES[Math.floor(rand() * GENRES.length)],
    tags: rand() < 0.1 ? ['peak time'] : [],
  }));
  const byLabel = new Map(facts.map((f) => [f.label, f]));
  return { vectors, facts, lookup: (label: number) => byLabel.get(label) };
}

function exactIndexOf(vectors: Float32Array, count = COUNT): ExactIndex {
  const index = new ExactIndex(DIMS, count);
  index.addBatch(
    Uint32Array.from({ length: count }, (_, i) => i),
    vectors,
  );
  return index;
}

/** The definition of the answer: filter the whole library first, then rank by cosine. */
function bruteForce(lib: ReturnType<typeof library>, index: VectorIndex, seeds: number[], k: number, filters: RecommendFilters = {}): number[] {
  const keep = compileFilters(
    filters,
    seeds.map((s) => lib.lookup(s)!),
  );
  const query = meanDirection(
    seeds.map((s) => index.vector(s)!),
    DIMS,
  );
  return lib.facts
    .filter(keep)
    .map((f) => ({ label: f.label, score: dot(query, index.vector(f.label)!) }))
    .sort((a, b) => b.score - a.score || a.label - b.label)
    .slice(0, k)
    .map((hit) => hit.label);
}

describe('recommend', () => {
  const lib = library();
  const index = exactIndexOf(lib.vectors);

  it('ranks the most similar tracks by score and never returns the seed', () => {
    const recs = recommend(index, lib.lookup, { seeds: [42], k: 10 });
    expect(recs).toHaveLength(10);
    expect(recs.map((r) => r.label)).not.toContain(42);
    expect(recs.map((r) => r.label)).toEqual(bruteForce(lib, index, [42], 10));
    for (let i = 1; i < recs.length; i++) expect(recs[i - 1].score).toBeGreaterThanOrEqual(recs[i].score);
    expect(recs[0].track).toBe(lib.lookup(recs[0].label));
  });

  it('keeps k under combined filters, each result satisfying every filter', () => {
    const seed = lib.lookup(7)!;
    const filters: RecommendFilters = {
      bpm: { min: 122, max: 128, halfDouble: true },
      harmonic: { energyBoost: true },
      energy: { min: 5, max: 8 },
    };
    const recs = recommend(index, lib.lookup, { seeds: [7], k: 10, filters });
    expect(recs).toHaveLength(10);
    expect(recs.map((r) => r.label)).toEqual(bruteForce(lib, index, [7], 10, filters));
    for (const { track, keyRelation } of recs) {
      const bpm = track.bpm!;
      expect([bpm, bpm * 2, bpm / 2].some((b) => b >= 122 && b <= 128)).toBe(true);
      expect(keyRelation).toBeDefined(); // compatible with the seed's key
      expect(track.energy).toBeGreaterThanOrEqual(5);
      expect(track.energy).toBeLessThanOrEqual(8);
    }
    expect(seed.key).toBeDefined();
  });

  it('returns only the tracks that qualify when fewer than k do', () => {
    // Only labels with an exact BPM of 100.0 … 100.2: a handful in 3000.
    const filters: RecommendFilters = { bpm: { min: 100, max: 100.2 } };
    const qualifying = lib.facts.filter((f) => f.bpm! >= 100 && f.bpm! <= 100.2 && f.label !== 0).map((f) => f.label);
    expect(qualifying.length).toBeGreaterThan(0);
    expect(qualifying.length).toBeLessThan(10);
    const recs = recommend(index, lib.lookup, { seeds: [0], k: 10, filters });
    expect(recs.map((r) => r.label).sort((a, b) => a - b)).toEqual(qualifying);
  });

  it('matches half and double tempo only when asked', () => {
    const filters: RecommendFilters = { bpm: { min: 170, max: 174 } };
    const direct = recommend(index, lib.lookup, { seeds: [1], k: 50, filters });
    expect(direct.every((r) => r.track.bpm! >= 170)).toBe(true);
    const withHalf = recommend(index, lib.lookup, { seeds: [1], k: 50, filters: { bpm: { ...filters.bpm!, halfDouble: true } } });
    expect(withHalf.some((r) => r.track.bpm! < 90)).toBe(true); // 85–87 BPM halftime tracks join
  });

  it('leaves out the same artist (collaborations too), the same album and the current crate', () => {
    const seed = lib.lookup(3)!;
    const collab = lib.facts.find((f) => f.label !== 3 && f.artist !== seed.artist)!;
    const patched = (label: number) => (label === collab.label ? { ...collab, artist: `Someone feat. ${seed.artist}` } : lib.lookup(label));
    const unfiltered = recommend(index, patched, { seeds: [3], k: 2999 });
    const crate = unfiltered.slice(0, 5).map((r) => r.label);
    const recs = recommend(index, patched, {
      seeds: [3],
      k: 20,
      filters: { excludeSameArtist: true, excludeSameAlbum: true, excludeLabels: crate },
    });
    expect(recs).toHaveLength(20);
    for (const r of recs) {
      expect(r.track.artist).not.toBe(seed.artist);
      expect(r.track.album).not.toBe(seed.album);
      expect(crate).not.toContain(r.label);
    }
    expect(recs.map((r) => r.label)).not.toContain(collab.label);
    expect(unfiltered.some((r) => r.track.artist === seed.artist)).toBe(true); // the filter had work to do
  });

  it('matches genre/tag words ignoring case and accents', () => {
    const recs = recommend(index, lib.lookup, { seeds: [5], k: 10, filters: { genreText: 'electronica' } });
    expect(recs).toHaveLength(10);
    expect(recs.every((r) => r.track.genre === 'Électronica')).toBe(true);
    const tagged = recommend(index, lib.lookup, { seeds: [5], k: 10, filters: { genreText: 'PEAK time' } });
    expect(tagged.every((r) => r.track.tags!.includes('peak time'))).toBe(true);
  });

  it('recommends for several seeds from the mean of their vectors, excluding all seeds', () => {
    const seeds = [10, 20, 30];
    const recs = recommend(index, lib.lookup, { seeds, k: 10 });
    expect(recs.map((r) => r.label)).toEqual(bruteForce(lib, index, seeds, 10));
    expect(recs.some((r) => seeds.includes(r.label))).toBe(false);
  });

  it('uses an explicit key for harmonic filtering when given', () => {
    const key = parseKey('8A')!;
    const recs = recommend(index, lib.lookup, { seeds: [11], k: 10, filters: { harmonic: { key } } });
    expect(recs).toHaveLength(10);
    for (const r of recs) {
      expect(r.keyRelation).toBeDefined();
      expect(['8A', '9A', '7A', '8B']).toContain(toCamelot(r.track.key!));
    }
  });

  it('says clearly when a seed has no vector or filters are contradictory', () => {
    expect(() => recommend(index, lib.lookup, { seeds: [999_999], k: 5 })).toThrow(/no embedding/);
    expect(() => recommend(index, lib.lookup, { seeds: [], k: 5 })).toThrow(/at least one track/);
    expect(() => recommend(index, lib.lookup, { seeds: [1], k: 5, filters: { energy: { min: 8, max: 3 } } })).toThrow(/empty/);
  });

  it('gives the exact answer through the HNSW index, even for a rare filter', async () => {
    const hnsw = await HnswIndex.create(DIMS, { capacity: COUNT });
    hnsw.addBatch(
      Uint32Array.from({ length: COUNT }, (_, i) => i),
      lib.vectors,
    );
    try {
      for (const filters of [{}, { energy: { min: 4, max: 6 } }, { bpm: { min: 150, max: 151 }, harmonic: {} }] as RecommendFilters[]) {
        const recs = recommend(hnsw, lib.lookup, { seeds: [123], k: 10, filters });
        expect(recs.map((r) => r.label)).toEqual(bruteForce(lib, index, [123], 10, filters));
      }
    } finally {
      hnsw.dispose();
    }
  });
});
