/**
 * The extended ("club") analyzer corpus of issue 16: the cases where tempo octave, parallel and
 * relative major/minor and arrangement energy go wrong on club music. Deterministic, like
 * corpusPlan.ts, and rendered by the same clip renderer (several timbres per style, humanised
 * timing and velocity, a mastering chain per clip):
 * - dnb: drum & bass two-step at 170–178; jungle: amen-style breaks at 165–178;
 * - trap140: trap at 138–142 (snare on 3); halfTime70: half-time at 70–74 (inside the default 70–180 range), with slow
 *   8th hats or busy 16th hats;
 * - hipHop: boom-bap at 85–100 with swing;
 * - minorCadence: minor pieces with a harmonic-minor V, mostly over a tonic pedal (unambiguous);
 * - relative: the same four chords as a minor loop (i–VI–III–VII) or a major one (I–V–vi–IV);
 * - ladder: one piece at five arrangement levels, each mastered to −14 LUFS.
 * @module
 */
import { fnv1a32, mulberry32 } from '../../../src/core/hash';
import type { MusicalKey } from '../../../src/core/music/keys';
import type { ArpVoice, BassVoice, ChordVoice, ClipSpec } from './clip';
import { MASTERING_CHAINS, type MasteringChain } from './mastering';
import type { GrooveStyle } from './patterns';

export const CLUB_GROUPS = ['dnb', 'jungle', 'trap140', 'halfTime70', 'hipHop', 'minorCadence', 'relative', 'ladder'] as const;
export type ClubGroup = (typeof CLUB_GROUPS)[number];

export interface ClubPlanOptions {
  seed: string;
  durationSec: number;
  /** Clips per group (ladders: number of ladders, five clips each). */
  perGroup: Partial<Record<ClubGroup, number>>;
  /**
   * More half-time clips at 70–74 with busy 16th hats (level 3–5), planned after every other group
   * so that adding them left the rest of the corpus (and its figures) unchanged.
   */
  busyHalfTime: number;
}

export const DEFAULT_CLUB_CORPUS: ClubPlanOptions = {
  seed: 'rbassist-club-v1',
  durationSec: 30,
  perGroup: { dnb: 8, jungle: 5, trap140: 6, halfTime70: 4, hipHop: 8, minorCadence: 14, relative: 8, ladder: 3 },
  busyHalfTime: 4,
};

/** Groups whose key is unambiguous (the "exact ≥ 95 %" target); relative loops are genuinely ambiguous. */
export const UNAMBIGUOUS_KEY_GROUPS: readonly ClubGroup[] = ['minorCadence'];
export const TEMPO_GROUPS: readonly ClubGroup[] = ['dnb', 'jungle', 'trap140', 'halfTime70', 'hipHop'];

const TEMPO: Record<'dnb' | 'jungle' | 'trap140' | 'halfTime70' | 'hipHop', { style: GrooveStyle; min: number; max: number }> = {
  dnb: { style: 'dnbTwoStep', min: 170, max: 178 },
  jungle: { style: 'jungle', min: 165, max: 178 },
  trap140: { style: 'trap', min: 138, max: 142 },
  halfTime70: { style: 'halfTimeSlow', min: 70, max: 74 },
  hipHop: { style: 'hipHop', min: 85, max: 100 },
};

export function planClubCorpus(options: Partial<ClubPlanOptions> = {}): ClipSpec[] {
  const o = { ...DEFAULT_CLUB_CORPUS, ...options, perGroup: { ...DEFAULT_CLUB_CORPUS.perGroup, ...options.perGroup } };
  const rand = mulberry32(fnv1a32(o.seed));
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const specs: ClipSpec[] = [];
  let serial = 0;
  const chainFor = (i: number, targetLufs: number): MasteringChain => ({ ...MASTERING_CHAINS[i % MASTERING_CHAINS.length], targetLufs });
  const base = (group: ClubGroup, i: number, bpm: number, style: GrooveStyle, key: MusicalKey, energy: number): ClipSpec => {
    serial++;
    return {
      id: `${group}${String(i + 1).padStart(2, '0')}`,
      group,
      bpm: Math.round(bpm * 10) / 10,
      style,
      grooveVariant: Math.floor(rand() * 4),
      key,
      progressionVariant: Math.floor(rand() * 5),
      energy,
      bassVoice: pick<BassVoice>(['sawBass', 'pulseBass', 'subBass']),
      chordVoice: pick<ChordVoice>(['pad', 'fmPiano', 'sawStab']),
      arpVoice: pick<ArpVoice>(['pluck', 'fmBell', 'sawStab']),
      tuningCents: rand() < 0.6 ? 0 : Math.round((rand() * 40 - 20) * 10) / 10,
      leadIn: Math.round((0.05 + rand() * 1.2) * 1000) / 1000,
      durationSec: o.durationSec,
      seed: fnv1a32(`${o.seed}:${group}:${i}`),
      // Club masters: −14 (streaming) to −8 LUFS (loud club), three compressor/limiter settings.
      mastering: chainFor(serial, pick([-14, -11, -8])),
    };
  };
  const randomKey = (mode?: MusicalKey['mode']): MusicalKey => ({ tonic: Math.floor(rand() * 12), mode: mode ?? (rand() < 0.5 ? 'minor' : 'major') });

  for (const group of TEMPO_GROUPS) {
    const t = TEMPO[group as keyof typeof TEMPO];
    const n = o.perGroup[group] ?? 0;
    for (let i = 0; i < n; i++) {
      const bpm = t.min + ((i + rand()) / n) * (t.max - t.min);
      specs.push(base(group, i, bpm, t.style, randomKey(), 2 + Math.floor(rand() * 4)));
    }
  }
  const anyStyle = (): { style: GrooveStyle; bpm: number } =>
    pick([
      { style: 'fourOnFloor' as const, bpm: 118 + rand() * 12 },
      { style: 'dnbTwoStep' as const, bpm: 170 + rand() * 6 },
      { style: 'hipHop' as const, bpm: 85 + rand() * 12 },
      { style: 'breakbeat' as const, bpm: 125 + rand() * 10 },
      { style: 'trap' as const, bpm: 140 },
    ]);
  const cadences = o.perGroup.minorCadence ?? 0;
  for (let i = 0; i < cadences; i++) {
    const { style, bpm } = anyStyle();
    const spec = base('minorCadence', i, bpm, style, randomKey('minor'), 2 + Math.floor(rand() * 4));
    // Every cadence variant in turn; most over a tonic pedal, some with the bass on the chord roots.
    specs.push({ ...spec, harmony: 'minorCadence', progressionVariant: i % 5, bassPedal: i % 4 !== 3 });
  }
  const relatives = o.perGroup.relative ?? 0;
  for (let i = 0; i < relatives; i++) {
    const { style, bpm } = anyStyle();
    // Variant 0 in both modes: i–VI–III–VII (Am F C G) and I–V–vi–IV (C G Am F): the same four chords.
    const spec = base('relative', i, bpm, style, randomKey(i % 2 === 0 ? 'minor' : 'major'), 2 + Math.floor(rand() * 4));
    specs.push({ ...spec, progressionVariant: 0 });
  }
  const ladders = o.perGroup.ladder ?? 0;
  const ladderStyles: { style: GrooveStyle; bpm: number }[] = [
    { style: 'fourOnFloor', bpm: 124 },
    { style: 'dnbTwoStep', bpm: 174 },
    { style: 'hipHop', bpm: 92 },
    { style: 'breakbeat', bpm: 132 },
  ];
  for (let l = 0; l < ladders; l++) {
    const { style, bpm } = ladderStyles[l % ladderStyles.length];
    const template = base('ladder', l, bpm, style, randomKey(), 1);
    const chain = chainFor(l, -14);
    for (let level = 1; level <= 5; level++) {
      specs.push({
        ...template,
        id: `ladder${l + 1}-L${level}`,
        ladder: `ladder${l + 1}`,
        energy: level,
        mastering: chain,
      });
    }
  }
  const halfTime = TEMPO.halfTime70;
  const first = o.perGroup.halfTime70 ?? 0;
  for (let i = 0; i < o.busyHalfTime; i++) {
    const bpm = halfTime.min + ((i + rand()) / o.busyHalfTime) * (halfTime.max - halfTime.min);
    specs.push(base('halfTime70', first + i, bpm, halfTime.style, randomKey(), 3 + Math.floor(rand() * 3)));
  }
  return specs;
}
