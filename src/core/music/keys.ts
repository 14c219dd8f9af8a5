/**
 * Musical keys in the three notations DJs use, and harmonic compatibility on the Camelot wheel.
 * A key is identified by pitch class of its tonic (0 = C … 11 = B) and mode.
 */
export type Mode = 'major' | 'minor';
export interface MusicalKey {
  tonic: number;
  mode: Mode;
}
export type KeyNotation = 'camelot' | 'openkey' | 'musical';

/** rekordbox's spelling: flats except F#. */
const NOTE_NAMES = ['C', 'Db', 'D', 'Eb', 'E', 'F', 'F#', 'G', 'Ab', 'A', 'Bb', 'B'];
const SHARP_ALIASES: Record<string, number> = {
  C: 0,
  'B#': 0,
  'C#': 1,
  DB: 1,
  D: 2,
  'D#': 3,
  EB: 3,
  E: 4,
  FB: 4,
  F: 5,
  'E#': 5,
  'F#': 6,
  GB: 6,
  G: 7,
  'G#': 8,
  AB: 8,
  A: 9,
  'A#': 10,
  BB: 10,
  B: 11,
  CB: 11,
};

/** Camelot number (1–12) of a key: minor 8A = A minor, major 8B = C major; +1 step = a fifth up. */
export function camelotNumber(key: MusicalKey): number {
  // Major: C=8B; each fifth up (+7 semitones) adds one. Minor: A=8A.
  const reference = key.mode === 'major' ? 0 : 9;
  const fifths = ((((key.tonic - reference) * 7) % 12) + 12) % 12;
  return ((7 + fifths) % 12) + 1;
}

export function fromCamelot(num: number, letter: 'A' | 'B'): MusicalKey {
  const mode: Mode = letter === 'A' ? 'minor' : 'major';
  const reference = mode === 'major' ? 0 : 9;
  const fifths = (((num - 8) % 12) + 12) % 12;
  return { tonic: (reference + fifths * 7) % 12, mode };
}

export function toCamelot(key: MusicalKey): string {
  return `${camelotNumber(key)}${key.mode === 'minor' ? 'A' : 'B'}`;
}

/** Open Key: C major = 1d, A minor = 1m; same wheel as Camelot, shifted by 7. */
export function toOpenKey(key: MusicalKey): string {
  const n = ((camelotNumber(key) - 8 + 12) % 12) + 1;
  return `${n}${key.mode === 'minor' ? 'm' : 'd'}`;
}

export function toMusical(key: MusicalKey): string {
  return NOTE_NAMES[key.tonic] + (key.mode === 'minor' ? 'm' : '');
}

export function formatKey(key: MusicalKey, notation: KeyNotation): string {
  if (notation === 'camelot') return toCamelot(key);
  if (notation === 'openkey') return toOpenKey(key);
  return toMusical(key);
}

/** A stable index 0–23 (major 0–11, minor 12–23) for tables and storage. */
export function keyIndex(key: MusicalKey): number {
  return key.tonic + (key.mode === 'minor' ? 12 : 0);
}
export function keyFromIndex(index: number): MusicalKey {
  return { tonic: index % 12, mode: index >= 12 ? 'minor' : 'major' };
}

/**
 * Parse a key as written by tools and tags: Camelot ("8A", "08A"), Open Key ("1m", "6d"),
 * or classic ("Am", "F#m", "Bbmin", "C major", "Ebm", "A minor"). Returns undefined when unreadable.
 */
export function parseKey(text: string | undefined | null): MusicalKey | undefined {
  if (!text) return undefined;
  const t = text.trim().replace(/\s+/g, ' ');
  const camelot = /^0?(1[0-2]|[1-9])\s*([ABab])$/.exec(t);
  if (camelot) return fromCamelot(Number(camelot[1]), camelot[2].toUpperCase() as 'A' | 'B');
  const open = /^0?(1[0-2]|[1-9])\s*([mdMD])$/.exec(t);
  if (open) {
    const camelotNum = ((Number(open[1]) + 6) % 12) + 1;
    return fromCamelot(camelotNum, open[2].toLowerCase() === 'm' ? 'A' : 'B');
  }
  const classic = /^([A-Ga-g])\s*([#♯b♭]?)\s*(m|min|minor|maj|major|M)?$/.exec(t);
  if (classic) {
    const accidental = classic[2] === '♯' ? '#' : classic[2] === '♭' ? 'b' : classic[2];
    const name = (classic[1].toUpperCase() + accidental).toUpperCase();
    const tonic = SHARP_ALIASES[name];
    if (tonic === undefined) return undefined;
    const suffix = classic[3];
    const mode: Mode = suffix === 'm' || suffix === 'min' || suffix === 'minor' ? 'minor' : 'major';
    return { tonic, mode };
  }
  return undefined;
}

export interface CompatibilityOptions {
  /** Include +2 on the wheel ("energy boost"). */
  energyBoost?: boolean;
}

/**
 * Keys that mix harmonically with `key` on the Camelot wheel: the same key, ±1 (fifth up/down),
 * the relative major/minor, and optionally +2. Returned as Camelot codes, the key itself first.
 */
export function compatibleCamelot(key: MusicalKey, options: CompatibilityOptions = {}): string[] {
  const n = camelotNumber(key);
  const letter = key.mode === 'minor' ? 'A' : 'B';
  const other = letter === 'A' ? 'B' : 'A';
  const wrap = (x: number) => ((x - 1 + 12) % 12) + 1;
  const codes = [`${n}${letter}`, `${wrap(n + 1)}${letter}`, `${wrap(n - 1)}${letter}`, `${n}${other}`];
  if (options.energyBoost) codes.push(`${wrap(n + 2)}${letter}`);
  return codes;
}

export function areCompatible(a: MusicalKey, b: MusicalKey, options: CompatibilityOptions = {}): boolean {
  return compatibleCamelot(a, options).includes(toCamelot(b));
}
