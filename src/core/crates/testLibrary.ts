import { mulberry32 } from '../hash';
import { fromCamelot, type MusicalKey } from '../music/keys';
import { tempoRelation } from '../recommend/tempo';
import { areCompatible } from '../music/keys';
import type { NeighbourCandidate, SetBuilderSources, SetTrackFacts, StepConstraints } from './setBuilder';

/**
 * A seeded random library for tests: tracks with BPM, key, energy and a unit vector drawn around
 * one of a few "style" centres, and a brute-force neighbour source that filters like the index.
 */
export interface TestTrack extends SetTrackFacts {
  vector: Float32Array;
  genre: string;
}

const GENRES = ['House', 'Deep House', 'Techno', 'Tech House', 'Disco'];

export function randomLibrary(seed: number, size: number, { dims = 16, missingShare = 0.05 } = {}): TestTrack[] {
  const random = mulberry32(seed);
  const centres = Array.from({ length: 5 }, () => Float32Array.from({ length: dims }, () => random() * 2 - 1));
  return Array.from({ length: size }, (_, i) => {
    const style = Math.floor(random() * centres.length);
    const vector = Float32Array.from(centres[style], (c) => c + (random() * 2 - 1) * 0.8);
    const norm = Math.hypot(...vector);
    for (let d = 0; d < dims; d++) vector[d] /= norm;
    const key: MusicalKey = fromCamelot(1 + Math.floor(random() * 12), random() < 0.6 ? 'A' : 'B');
    const missing = random() < missingShare;
    return {
      id: `t${String(i).padStart(4, '0')}`,
      bpm: missing ? undefined : Math.round((116 + random() * 16) * 10) / 10,
      key: random() < missingShare ? undefined : key,
      energy: random() < missingShare ? undefined : 1 + Math.floor(random() * 10),
      vector,
      genre: GENRES[style],
    };
  });
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot;
}

/** Exact neighbours with the same pre-filter the app asks of the index (BPM range + harmonic). */
export function bruteForceSources(tracks: readonly TestTrack[], { ignoreConstraints = false } = {}): SetBuilderSources & { calls: number } {
  const byId = new Map(tracks.map((t) => [t.id, t]));
  const sources = {
    calls: 0,
    facts: (id: string) => byId.get(id),
    async neighbours(id: string, constraints: StepConstraints, exclude: ReadonlySet<string>, k: number): Promise<NeighbourCandidate[]> {
      sources.calls++;
      const from = byId.get(id)!;
      const passes = (t: TestTrack) =>
        ignoreConstraints ||
        (tempoRelation(t.bpm, constraints.bpm) !== undefined &&
          t.key !== undefined &&
          areCompatible(constraints.key, t.key, { energyBoost: constraints.energyBoost }));
      return tracks
        .filter((t) => t.id !== id && !exclude.has(t.id) && passes(t))
        .map((t) => ({ trackId: t.id, score: cosine(from.vector, t.vector) }))
        .sort((a, b) => b.score - a.score || (a.trackId < b.trackId ? -1 : 1))
        .slice(0, k);
    },
  };
  return sources;
}
