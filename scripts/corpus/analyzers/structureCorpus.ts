/**
 * Generated tracks with known sections, for the structure analyzer and the auto cues: a corpus
 * arrangement (drums, bass, chords, arpeggio, hook; humanised) played as intro / build / drop /
 * breakdown / outro of known bar lengths, each section muting the layers a producer would (the
 * intro and outro keep kick and hats, breakdowns drop kick and bass, builds bring the drums back
 * without the kick), cut on bar lines, then mastered as one track. Several groove styles, tempos,
 * timbres and mastering chains. Every boundary's time is exact to the sample.
 * @module
 */
import { fnv1a32 } from '../../../src/core/hash';
import { renderStems, type ClipLayer, type ClipSpec } from './clip';
import { planCorpus } from './corpusPlan';
import { master, MASTERING_CHAINS } from './mastering';
import type { GrooveStyle } from './patterns';

export type StructureSectionKind = 'intro' | 'build' | 'drop' | 'breakdown' | 'outro';

export interface StructureSectionSpec {
  kind: StructureSectionKind;
  bars: number;
}

export interface StructureTruth {
  id: string;
  bpm: number;
  style: GrooveStyle;
  firstDownbeatSec: number;
  durationSec: number;
  sections: (StructureSectionSpec & { startBar: number; startSec: number })[];
  /** The boundaries a DJ cues, as bar indices (0 = first downbeat). */
  events: { introEndBar: number | null; dropBars: number[]; breakdownBars: number[]; outroStartBar: number | null };
}

export interface StructureTrackSpec {
  base: ClipSpec;
  sections: StructureSectionSpec[];
}

/** What plays in each kind of section, and how full the groove is. */
const ARRANGEMENT: Record<StructureSectionKind, { layers: Partial<Record<ClipLayer, boolean>>; energy: number }> = {
  intro: { layers: { bass: false, chords: false, arp: false, hook: false }, energy: 3 },
  build: { layers: { kick: false, bass: false, hook: false }, energy: 4 },
  drop: { layers: {}, energy: 5 },
  breakdown: { layers: { kick: false, drums: false, bass: false, hook: false }, energy: 2 },
  outro: { layers: { bass: false, arp: false, hook: false }, energy: 3 },
};

/** Arrangements in bars, as club tracks are built: phrases of 8, 16 and 32 bars. */
const FORMS: StructureSectionSpec[][] = [
  [
    { kind: 'intro', bars: 16 },
    { kind: 'build', bars: 8 },
    { kind: 'drop', bars: 16 },
    { kind: 'breakdown', bars: 16 },
    { kind: 'build', bars: 8 },
    { kind: 'drop', bars: 16 },
    { kind: 'outro', bars: 16 },
  ],
  [
    { kind: 'intro', bars: 16 },
    { kind: 'drop', bars: 32 },
    { kind: 'breakdown', bars: 8 },
    { kind: 'drop', bars: 16 },
    { kind: 'outro', bars: 8 },
  ],
  [
    { kind: 'intro', bars: 8 },
    { kind: 'drop', bars: 16 },
    { kind: 'breakdown', bars: 8 },
    { kind: 'build', bars: 8 },
    { kind: 'drop', bars: 16 },
    { kind: 'breakdown', bars: 8 },
    { kind: 'drop', bars: 8 },
    { kind: 'outro', bars: 16 },
  ],
  [
    { kind: 'intro', bars: 32 },
    { kind: 'drop', bars: 16 },
    { kind: 'breakdown', bars: 16 },
    { kind: 'drop', bars: 32 },
    { kind: 'outro', bars: 16 },
  ],
];

const STYLES: GrooveStyle[] = ['fourOnFloor', 'breakbeat', 'fourOnFloor', 'dnbTwoStep', 'halfTime', 'fourOnFloor'];
const TEMPOS: Record<string, [number, number]> = { fourOnFloor: [118, 132], breakbeat: [125, 140], dnbTwoStep: [170, 176], halfTime: [135, 150] };

/** Deterministic plan: `count` tracks cycling through forms, styles, timbres and mastering chains; `scale` shortens every section, to 8 bars at least (the unit test's small set). */
export function planStructureCorpus(options: { count?: number; seed?: string; scale?: number } = {}): StructureTrackSpec[] {
  const count = options.count ?? 12;
  const seed = options.seed ?? 'rbassist-structure-v1';
  const scale = options.scale ?? 1;
  return planCorpus({ count, seed, durationSec: 60 }).map((spec, i) => {
    const style = STYLES[i % STYLES.length];
    const [lo, hi] = TEMPOS[style];
    const bpm = Math.round((lo + ((fnv1a32(`${seed}:bpm:${i}`) % 1000) / 1000) * (hi - lo)) * 10) / 10;
    const form = FORMS[i % FORMS.length].map((s) => ({ ...s, bars: Math.max(8, Math.round((s.bars * scale) / 8) * 8) }));
    return {
      base: { ...spec, id: `struct${String(i + 1).padStart(2, '0')}`, style, bpm, mastering: MASTERING_CHAINS[i % MASTERING_CHAINS.length] },
      sections: form,
    };
  });
}

export function structureTruth(track: StructureTrackSpec): StructureTruth {
  const barSec = (4 * 60) / track.base.bpm;
  let bar = 0;
  const sections = track.sections.map((s) => {
    const placed = { ...s, startBar: bar, startSec: track.base.leadIn + bar * barSec };
    bar += s.bars;
    return placed;
  });
  const events: StructureTruth['events'] = { introEndBar: null, dropBars: [], breakdownBars: [], outroStartBar: null };
  sections.forEach((s, i) => {
    const previous = sections[i - 1]?.kind;
    if (s.kind !== 'intro' && previous === 'intro') events.introEndBar = s.startBar;
    if (s.kind === 'drop' && previous !== 'drop') events.dropBars.push(s.startBar);
    if ((s.kind === 'breakdown' || s.kind === 'build') && previous === 'drop') events.breakdownBars.push(s.startBar);
    if (s.kind === 'outro' && previous !== 'outro') events.outroStartBar = s.startBar;
  });
  return {
    id: track.base.id,
    bpm: track.base.bpm,
    style: track.base.style,
    firstDownbeatSec: track.base.leadIn,
    durationSec: track.base.leadIn + bar * barSec + 1,
    sections,
    events,
  };
}

/** Renders the whole track (mono, mastered) at `sampleRate`. */
export function renderStructureTrack(track: StructureTrackSpec, sampleRate: number): Float32Array {
  const truth = structureTruth(track);
  const barSec = (4 * 60) / track.base.bpm;
  const mix = new Float32Array(Math.round(truth.durationSec * sampleRate));
  truth.sections.forEach((section, i) => {
    const { layers, energy } = ARRANGEMENT[section.kind];
    const spec: ClipSpec = { ...track.base, layers, energy, leadIn: 0, durationSec: section.bars * barSec, seed: (track.base.seed + i * 7919) >>> 0 };
    const { drums, music } = renderStems(spec, sampleRate);
    const at = Math.round(section.startSec * sampleRate);
    for (let k = 0; k < drums.length && at + k < mix.length; k++) mix[at + k] += drums[k] * 0.9 + music[k];
  });
  return master(mix, sampleRate, track.base.mastering ?? MASTERING_CHAINS[0]);
}
