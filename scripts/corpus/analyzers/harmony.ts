/**
 * Chord progressions, voicings, bass notes and a scale-based hook for a key. Progressions are the
 * common pop/EDM ones (including i–VI–III–VII, which shares its chords with the relative major: the
 * analyzer has to rely on the tonic's weight, just as with real tracks).
 * @module
 */
import type { MusicalKey } from '../../../src/core/music/keys';

export interface Chord {
  /** Root as semitones above the key's tonic. */
  root: number;
  quality: 'major' | 'minor';
}

const MINOR_PROGRESSIONS: Chord[][] = [
  [
    { root: 0, quality: 'minor' },
    { root: 8, quality: 'major' },
    { root: 3, quality: 'major' },
    { root: 10, quality: 'major' },
  ],
  [
    { root: 0, quality: 'minor' },
    { root: 5, quality: 'minor' },
    { root: 7, quality: 'minor' },
    { root: 0, quality: 'minor' },
  ],
  [
    { root: 0, quality: 'minor' },
    { root: 10, quality: 'major' },
    { root: 8, quality: 'major' },
    { root: 10, quality: 'major' },
  ],
  [
    { root: 0, quality: 'minor' },
    { root: 5, quality: 'minor' },
    { root: 8, quality: 'major' },
    { root: 7, quality: 'major' },
  ],
  [
    { root: 0, quality: 'minor' },
    { root: 0, quality: 'minor' },
    { root: 5, quality: 'minor' },
    { root: 8, quality: 'major' },
  ],
];

const MAJOR_PROGRESSIONS: Chord[][] = [
  [
    { root: 0, quality: 'major' },
    { root: 7, quality: 'major' },
    { root: 9, quality: 'minor' },
    { root: 5, quality: 'major' },
  ],
  [
    { root: 0, quality: 'major' },
    { root: 5, quality: 'major' },
    { root: 7, quality: 'major' },
    { root: 5, quality: 'major' },
  ],
  [
    { root: 0, quality: 'major' },
    { root: 9, quality: 'minor' },
    { root: 5, quality: 'major' },
    { root: 7, quality: 'major' },
  ],
  [
    { root: 0, quality: 'major' },
    { root: 5, quality: 'major' },
    { root: 0, quality: 'major' },
    { root: 7, quality: 'major' },
  ],
  [
    { root: 0, quality: 'major' },
    { root: 2, quality: 'minor' },
    { root: 5, quality: 'major' },
    { root: 7, quality: 'major' },
  ],
];

export function progression(mode: MusicalKey['mode'], variant: number): Chord[] {
  const list = mode === 'minor' ? MINOR_PROGRESSIONS : MAJOR_PROGRESSIONS;
  return list[variant % list.length];
}

/** MIDI notes of a triad voiced close to `centre` (smallest inversion distance), for the key's tonic. */
export function voiceChord(key: MusicalKey, chord: Chord, centre: number): number[] {
  const rootPc = (key.tonic + chord.root) % 12;
  const intervals = chord.quality === 'major' ? [0, 4, 7] : [0, 3, 7];
  let best: number[] = [];
  let bestDistance = Infinity;
  for (let base = centre - 12; base <= centre + 12; base++) {
    if (((base % 12) + 12) % 12 !== rootPc) continue;
    for (let inversion = 0; inversion < 3; inversion++) {
      const notes = intervals.map((iv, i) => base + iv + (i < inversion ? 12 : 0)).sort((a, b) => a - b);
      const mean = notes.reduce((s, n) => s + n, 0) / notes.length;
      const distance = Math.abs(mean - centre);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = notes;
      }
    }
  }
  return best;
}

/** Bass MIDI note for a chord root, in the octave E1–D#2 (28–39) or one up for light basses. */
export function bassNote(key: MusicalKey, chord: Chord, lowest: number): number {
  const pc = (key.tonic + chord.root) % 12;
  return lowest + ((pc - (lowest % 12) + 12) % 12);
}

const MAJOR_SCALE = [0, 2, 4, 5, 7, 9, 11];
const MINOR_SCALE = [0, 2, 3, 5, 7, 8, 10];

/**
 * A one-bar hook of `count` notes drawn from the scale, favouring tonic-triad degrees the way
 * melodies do; seeded, so each clip has its own hook repeated through the clip.
 */
export function hook(key: MusicalKey, count: number, rand: () => number, lowest = 60): number[] {
  const scale = key.mode === 'major' ? MAJOR_SCALE : MINOR_SCALE;
  // Degree weights: tonic, third and fifth carry most of the melody.
  return weightedDegreeMelody(key, scale, [4, 1.2, 2.5, 1.2, 3, 1, 1], count, rand, lowest);
}

/**
 * `count` notes of `scale` above `lowest`, each degree drawn with its weight; the first note is
 * always the tonic so the hook states the key.
 */
export function weightedDegreeMelody(
  key: MusicalKey,
  scale: readonly number[],
  weights: readonly number[],
  count: number,
  rand: () => number,
  lowest: number,
): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const notes: number[] = [];
  for (let i = 0; i < count; i++) {
    let r = rand() * total;
    let degree = 0;
    while (degree < weights.length - 1 && r > weights[degree]) r -= weights[degree++];
    if (i === 0) degree = 0;
    notes.push(lowest + ((key.tonic - (lowest % 12) + 12) % 12) + scale[degree]);
  }
  return notes;
}
