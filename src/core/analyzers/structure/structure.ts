/**
 * Structure on the bar grid: where the intro ends, each drop, each breakdown, the drop after it,
 * and where the outro starts. Per bar: the level of the low band (kick and bass), the mids and the
 * highs, and the low and high bands' attack density (kick, hats). A boundary is a bar where the
 * four bars after it differ most from the four before it (novelty), with a prior for phrase starts
 * (every 8th bar from the phrase origin, then every 4th), so boundaries snap to 8/16/32-bar
 * phrases. Sections are then labelled from their bass/drums balance against the track's fullest
 * section: "drop" is kick + bass at full level; what comes before the first drop is the intro,
 * what follows the last one the outro, and the quiet sections between drops are breakdowns (the
 * last of them, when rising into the drop, a build).
 * @module
 */
import { forEachPowerFrame } from '../../audio/stft';

export type SectionKind = 'intro' | 'build' | 'drop' | 'breakdown' | 'outro';

export type Section = {
  kind: SectionKind;
  /** Index of the first bar (0 = the first downbeat). */
  startBar: number;
  bars: number;
  startSec: number;
};

export type StructureEvents = {
  /** Bar where the intro ends (the next section starts); null when the track opens on a drop. */
  introEndBar: number | null;
  /** First bar of every drop, in order (drop 1, the drop after breakdown 1, …). */
  dropBars: number[];
  /** First bar of every breakdown between two drops. */
  breakdownBars: number[];
  /** Bar where the outro starts; null when the track ends in a drop. */
  outroStartBar: number | null;
};

/** Per-bar features, each scaled to 0–1 within the track. */
interface BarFeatures {
  low: number;
  /** The low band in the second half of each beat, between the kicks: a bass line fills it, a kick alone does not. */
  lowBetween: number;
  mid: number;
  high: number;
  lowAttack: number;
  highAttack: number;
}

const LOW_HZ: [number, number] = [30, 150];
const MID_HZ: [number, number] = [150, 2000];
const HIGH_HZ: [number, number] = [2000, 5000];
/** dB below the track's loudest bar that maps to 0 (quieter bars are all "silent"). */
const LEVEL_RANGE_DB = 30;
/** Frames are floored this far below the band's loudest frame before averaging in dB. */
const FRAME_RANGE_DB = 40;
/** Bars compared on each side of a candidate boundary. */
const NOVELTY_BARS = 4;
/** Phrase prior: boundaries on every 8th bar are preferred, then every 4th. */
const PHRASE_PRIOR = { eight: 1, four: 0.8, other: 0.55 };
/** A boundary's novelty must reach this share of the track's strongest boundary. */
const MIN_RELATIVE_NOVELTY = 0.1;
/** A boundary is the highest novelty within this many bars on either side. */
const PEAK_BARS = 2;
const MIN_SECTION_BARS = 4;
/** The part of each beat (0–1) between the kicks, where only a bass line keeps the low band up. */
const BETWEEN_BEATS = [0.45, 0.95];
/** A section with its low band this high (0–1 scale: within 7.5 dB of the loudest bar's) has a kick or bass. */
const KICK_LEVEL = 0.75;
/**
 * How far (sum of three 0–1 features) a drop's drive may lie below the track's most driving
 * section. On the generated corpus drops lie within 0.25 of it, intros and outros 0.5 or more below.
 */
const DROP_MARGIN = 0.35;

function bandBins(range: [number, number], frameSize: number, sampleRate: number): [number, number] {
  const hz = sampleRate / frameSize;
  const top = Math.min(frameSize / 2, Math.floor(Math.min(range[1], sampleRate / 2 - hz) / hz));
  return [Math.max(1, Math.ceil(range[0] / hz)), Math.max(1, top)];
}

/** Band levels and attacks per bar, from one pass of short frames over the track. */
export function barFeatures(pcm: Float32Array, sampleRate: number, downbeats: readonly number[]): BarFeatures[] {
  const frameSize = 2 ** Math.round(Math.log2(sampleRate * 0.046));
  const hop = frameSize / 2;
  const bands = [LOW_HZ, MID_HZ, HIGH_HZ].map((r) => bandBins(r, frameSize, sampleRate));
  const frames: Float32Array[] = [new Float32Array(0), new Float32Array(0), new Float32Array(0)];
  const count = Math.max(0, Math.floor((pcm.length - frameSize) / hop) + 1);
  for (let b = 0; b < 3; b++) frames[b] = new Float32Array(count);
  if (count > 0) {
    forEachPowerFrame(pcm, { frameSize, hopSize: hop }, (k, power) => {
      if (k >= count) return;
      for (let b = 0; b < 3; b++) {
        let sum = 0;
        for (let i = bands[b][0]; i <= bands[b][1]; i++) sum += power[i];
        frames[b][k] = sum;
      }
    });
  }
  const logOf = (x: number) => 10 * Math.log10(x + 1e-9);
  // Attacks in amplitude, not dB: a near-silent band's noise must not count as attacks.
  const attack = (band: Float32Array, k: number) => (k > 0 ? Math.max(0, Math.sqrt(band[k]) - Math.sqrt(band[k - 1])) : 0);
  // Levels are averaged in dB, frame by frame, so a bar counts what plays for most of it: a power
  // mean would let the first kick of the next section, a few frames long, lift a whole quiet bar.
  const db = frames.map((band) => {
    let top = -Infinity;
    for (let k = 0; k < band.length; k++) top = Math.max(top, logOf(band[k]));
    return Float32Array.from(band, (p) => Math.max(logOf(p), top - FRAME_RANGE_DB));
  });
  const raw = downbeats.map((start, i) => {
    const end = i + 1 < downbeats.length ? downbeats[i + 1] : start + (i > 0 ? start - downbeats[i - 1] : 2);
    const from = Math.max(0, Math.ceil((start * sampleRate - frameSize / 2) / hop));
    const to = Math.min(count, Math.ceil((end * sampleRate - frameSize / 2) / hop));
    const sums = [0, 0, 0];
    let lowAttack = 0;
    let highAttack = 0;
    let between = 0;
    let betweenCount = 0;
    const beatSec = (end - start) / 4;
    for (let k = from; k < to; k++) {
      for (let b = 0; b < 3; b++) sums[b] += db[b][k];
      const phase = (((k * hop + frameSize / 2) / sampleRate - start) / beatSec) % 1;
      if (phase >= BETWEEN_BEATS[0] && phase < BETWEEN_BEATS[1]) {
        between += db[0][k];
        betweenCount++;
      }
      lowAttack += attack(frames[0], k);
      highAttack += attack(frames[2], k);
    }
    const n = Math.max(1, to - from);
    return { levels: [...sums.map((s) => s / n), between / Math.max(1, betweenCount)], lowAttack: lowAttack / n, highAttack: highAttack / n };
  });
  const scaleLevel = (b: number) => {
    const top = Math.max(...raw.map((r) => r.levels[b]));
    return (x: number) => Math.max(0, Math.min(1, 1 + (x - top) / LEVEL_RANGE_DB));
  };
  const scaleMax = (values: number[]) => {
    const top = Math.max(1e-9, ...values);
    return (x: number) => x / top;
  };
  const [low, mid, high, lowBetween] = [0, 1, 2, 3].map(scaleLevel);
  const lowAttack = scaleMax(raw.map((r) => r.lowAttack));
  const highAttack = scaleMax(raw.map((r) => r.highAttack));
  return raw.map((r) => ({
    low: low(r.levels[0]),
    lowBetween: lowBetween(r.levels[3]),
    mid: mid(r.levels[1]),
    high: high(r.levels[2]),
    lowAttack: lowAttack(r.lowAttack),
    highAttack: highAttack(r.highAttack),
  }));
}

const vector = (f: BarFeatures) => [f.low, f.lowBetween, f.mid, f.high, f.lowAttack, f.highAttack];

function mean(bars: readonly BarFeatures[], from: number, to: number): number[] {
  const out = [0, 0, 0, 0, 0, 0];
  for (let i = from; i < to; i++) vector(bars[i]).forEach((v, d) => (out[d] += v));
  return out.map((v) => v / Math.max(1, to - from));
}

/** Novelty at each bar line (index b: between bar b−1 and bar b); 0 where fewer than 2 bars lie on a side. */
export function barNovelty(bars: readonly BarFeatures[]): number[] {
  const out = new Array<number>(bars.length).fill(0);
  for (let b = 2; b <= bars.length - 2; b++) {
    const w = Math.min(NOVELTY_BARS, b, bars.length - b);
    const before = mean(bars, b - w, b);
    const after = mean(bars, b, b + w);
    out[b] = Math.hypot(...before.map((v, d) => v - after[d]));
  }
  return out;
}

function phrasePrior(bar: number, origin: number): number {
  const inPhrase = (((bar - origin) % 8) + 8) % 8;
  return inPhrase === 0 ? PHRASE_PRIOR.eight : inPhrase === 4 ? PHRASE_PRIOR.four : PHRASE_PRIOR.other;
}

/**
 * Where the 8-bar phrases start (0–7 bars after the first downbeat): the offset whose bars carry
 * the most novelty. Usually 0; not when the track opens with pickup bars, or when the downbeat was
 * placed on another beat of the bar (the phrase changes then fall a bar later).
 */
export function phraseOrigin(novelty: readonly number[]): number {
  const weight = [0, 0, 0, 0, 0, 0, 0, 0];
  novelty.forEach((v, b) => (weight[b % 8] += v * v));
  return weight.indexOf(Math.max(...weight));
}

/** Section starts (bar indices, first is 0): strongest phrase-weighted novelty peaks, at least MIN_SECTION_BARS apart. */
export function pickBoundaries(novelty: readonly number[]): number[] {
  const top = Math.max(0, ...novelty);
  if (top <= 0) return [0];
  const origin = phraseOrigin(novelty);
  const score = novelty.map((v, b) => v * phrasePrior(b, origin));
  const isPeak = (b: number) => score.slice(Math.max(0, b - PEAK_BARS), b + PEAK_BARS + 1).every((v) => v <= score[b]);
  const scored = novelty.map((v, b) => ({ b, v, score: score[b] })).filter((c) => c.v >= MIN_RELATIVE_NOVELTY * top && isPeak(c.b));
  scored.sort((x, y) => y.score - x.score || x.b - y.b);
  const chosen: number[] = [];
  for (const c of scored) {
    if (c.b < MIN_SECTION_BARS || c.b >= novelty.length - MIN_SECTION_BARS) continue;
    if (chosen.some((b) => Math.abs(b - c.b) < MIN_SECTION_BARS)) continue;
    chosen.push(c.b);
  }
  return [0, ...chosen.sort((a, b) => a - b)];
}

/**
 * Which sections are drops: those with a kick (low band present) whose drive — low-band attacks
 * (kick plus bass notes), the low band between the kicks (bass) and the mids (chords, leads), each
 * 0–1 — is within DROP_MARGIN of the track's most driving section. A track that is all groove is
 * all drop; one without a kick has none.
 */
function dropSections(stats: readonly { low: number; drive: number }[]): boolean[] {
  const kick = stats.map((s) => s.low >= KICK_LEVEL);
  const most = Math.max(-Infinity, ...stats.filter((_, i) => kick[i]).map((s) => s.drive));
  return stats.map((s, i) => kick[i] && s.drive >= most - DROP_MARGIN);
}

/** Labels sections from their bass/drums balance (see the module comment). */
export function labelSections(bars: readonly BarFeatures[], starts: readonly number[], downbeats: readonly number[]): Section[] {
  const spans = starts.map((start, i) => ({ start, end: i + 1 < starts.length ? starts[i + 1] : bars.length }));
  const stats = spans.map(({ start, end }) => {
    const [low, lowBetween, mid, high, lowAttack] = mean(bars, start, end);
    return { low, drive: lowAttack + lowBetween + mid, fullness: (low + mid + high) / 3 };
  });
  const isDrop = dropSections(stats);
  const firstDrop = isDrop.indexOf(true);
  const lastDrop = isDrop.lastIndexOf(true);
  return spans.map(({ start, end }, i): Section => {
    let kind: SectionKind;
    if (isDrop[i]) kind = 'drop';
    else if (firstDrop < 0 || i === 0) kind = 'intro';
    // Before the first drop, what drops the kick builds up to it; what keeps it is still the intro.
    else if (i < firstDrop) kind = stats[i].low < KICK_LEVEL ? 'build' : 'intro';
    else if (i > lastDrop) kind = 'outro';
    else kind = isDrop[i + 1] && !isDrop[i - 1] && stats[i].fullness > stats[i - 1].fullness ? 'build' : 'breakdown';
    return { kind, startBar: start, bars: end - start, startSec: downbeats[start] };
  });
}

/** The boundaries a DJ cues: intro end, drops, breakdowns, outro start. */
export function structureEvents(sections: readonly Section[]): StructureEvents {
  const events: StructureEvents = { introEndBar: null, dropBars: [], breakdownBars: [], outroStartBar: null };
  for (let i = 0; i < sections.length; i++) {
    const s = sections[i];
    const previous = sections[i - 1]?.kind;
    if (s.kind !== 'intro' && previous === 'intro') events.introEndBar = s.startBar;
    if (s.kind === 'drop' && previous !== 'drop') events.dropBars.push(s.startBar);
    if ((s.kind === 'breakdown' || s.kind === 'build') && previous === 'drop') events.breakdownBars.push(s.startBar);
    if (s.kind === 'outro' && previous !== 'outro') events.outroStartBar = s.startBar;
  }
  return events;
}

/** Sections of a track on its bar grid (`downbeats` from barGrid.ts). */
export function analyzeStructure(pcm: Float32Array, sampleRate: number, downbeats: readonly number[]): Section[] {
  if (downbeats.length < 2 * MIN_SECTION_BARS) return [];
  const bars = barFeatures(pcm, sampleRate, downbeats);
  const merged: Section[] = [];
  for (const section of labelSections(bars, pickBoundaries(barNovelty(bars)), downbeats)) {
    const last = merged[merged.length - 1];
    // Two drops (or two breakdowns) in a row are one section with a change inside.
    if (last && last.kind === section.kind) last.bars += section.bars;
    else merged.push({ ...section });
  }
  return merged;
}
