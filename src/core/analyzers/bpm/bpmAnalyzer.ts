/**
 * The "bpm" analyzer: onset envelope (log-mel spectral flux) → autocorrelation comb → candidate
 * tempos → metrical level → fixed-tempo grid fit (0.01 BPM) → confidence from grid sharpness and
 * tempo stability → first downbeat (beat-grid anchor) when confident.
 * @module
 */
import { logMelSpectrogram, melFilterbank, type LogMelSpectrogram } from '../../audio/mel';
import { onsetStrength } from '../../audio/onset';
import type { Analyzer } from '../types';
import { estimateBarPhase } from './downbeat';
import { fitBeatGrid } from './beatGrid';
import { handOver, localTempi, tempoRuns, type TempoRow } from './tempoSegments';
import { attackStrengths, refineBeatPhase } from './phaseRefine';
import { normalizeEnvelope, smoothEnvelope } from './onsetEnvelope';
import { chooseTempo, foldIntoRange, scoreTempo, type ScoredTempo, type TempoRange } from './tempoChoice';
import { autocorrelation, combSalience, saliencePeaks } from './tempoSalience';
import { tempoStability } from './tempoStability';
import { backbeatEvenness, backbeatSaysDouble, drumEnvelopes, kickOnEveryHalfBeat, kickSaysHalf } from './octaveCues';

export type BpmFields = {
  /** Tempo in the configured range, one decimal; null when there is no steady tempo (see `reason`). */
  bpm: number | null;
  /** 0–1: sharpness of the beat grid × share of the track that keeps this tempo. */
  confidence: number;
  /**
   * The grid's tempo unrounded (3 decimals): what the beat grid is drawn and exported with, since
   * a 0.05 BPM rounding error moves the 500th beat by a tenth of a second.
   */
  gridBpm: number | null;
  /** Time (s) of the first beat of the fitted grid, to the sample (4 decimals); null without a tempo. */
  firstBeatSec: number | null;
  /** Time (s) of the first downbeat (≥ 0): the beat-grid anchor for DJ software. Only when confident. */
  anchorSec: number | null;
  /** Share of ~8 s windows that keep the tempo (a tempo change half-way gives ~0.5). */
  stability: number;
  /**
   * Where the tempo really changes: one row per section (the first at the anchor), as rekordbox's
   * TEMPO rows; null for a steady track. `bpm`/`gridBpm` are then the longest section's tempo.
   */
  tempoRows: TempoRow[] | null;
  /**
   * The tempo's octaves with their metrical-level scores (prior × subdivision), so another range
   * can be applied later, and the backbeat evenness at each (≥ 0.6 with < 0.5 at double tempo:
   * the snare lands on every beat, so the double tempo was chosen; see octaveCues.ts).
   */
  octaves: { bpm: number; score: number; backbeat?: number }[];
  reason: string | null;
};

export type BpmOptions = TempoRange;

export const DEFAULT_BPM_RANGE: TempoRange = { minBpm: 70, maxBpm: 180 };

const MIN_DURATION_SEC = 6;
/** Mean spectral flux (dB per band per frame) below which there are no onsets to speak of. */
const MIN_MEAN_FLUX_DB = 0.05;
/**
 * The log-mel flux peaks this much after the sound starts (measured on click tracks and the
 * corpus: 17–30 ms with 93 ms frames); it centres the full-rate refinement, which then finds the
 * attacks themselves.
 */
const ONSET_LATENCY_SEC = 0.022;
/** Below this share of windows agreeing with the global tempo, look for tempo changes. */
const STEADY_STABILITY = 0.8;
/** Tempo changes are only looked for in tracks this long (two sections of 3+ windows). */
const MIN_CHANGING_SEC = 30;
/** Below this confidence the grid is not trusted enough to name a downbeat. */
const ANCHOR_MIN_CONFIDENCE = 0.4;
/** Below this confidence the result is "no steady tempo" rather than a guess. */
const TEMPO_MIN_CONFIDENCE = 0.15;
const SHARPNESS_FLOOR = 1.8;
const SHARPNESS_SPAN = 1.0;

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function noTempo(reason: string, stability = 0): BpmFields {
  return { bpm: null, gridBpm: null, confidence: 0, firstBeatSec: null, anchorSec: null, tempoRows: null, stability: round(stability, 2), octaves: [], reason };
}

export function estimateTempo(pcm: Float32Array, sampleRate: number, options: Partial<BpmOptions> = {}): BpmFields {
  const range = { ...DEFAULT_BPM_RANGE, ...options };
  if (!(range.minBpm > 0) || !(range.maxBpm >= range.minBpm * 2)) {
    throw new Error(`BPM range must be positive and span at least an octave, got ${range.minBpm}–${range.maxBpm}`);
  }
  if (pcm.length < MIN_DURATION_SEC * sampleRate) return noTempo(`too short to measure a tempo (< ${MIN_DURATION_SEC} s)`);
  const spec = logMelSpectrogram(pcm, sampleRate, { nMels: 64 });
  const frameRate = spec.frameRate;
  const centersHz = melFilterbank(sampleRate, spec.frameSize, { nMels: 64 }).centersHz;
  const rawFlux = onsetStrength(spec);
  let rawMean = 0;
  for (let i = 0; i < rawFlux.length; i++) rawMean += rawFlux[i];
  rawMean /= Math.max(1, rawFlux.length);
  // Normalizing would blow rounding noise of a steady tone up into "onsets": demand real ones first.
  if (!(rawMean >= MIN_MEAN_FLUX_DB)) return noTempo('no rhythmic onsets');
  const env = smoothEnvelope(normalizeEnvelope(rawFlux, frameRate));
  let envMean = 0;
  for (let i = 0; i < env.length; i++) envMean += env[i];
  envMean /= Math.max(1, env.length);
  if (!(envMean > 0)) return noTempo('no rhythmic onsets');

  const acf = autocorrelation(env, Math.ceil(((60 * frameRate) / (range.minBpm / 2)) * 4));
  const peaks = saliencePeaks(acf, frameRate, range.minBpm / 2, range.maxBpm * 2);
  const ranked = chooseTempo(env, (bpm) => combSalience(acf, frameRate, bpm), peaks, frameRate, range);
  if (ranked.length === 0) return noTempo('no periodic onsets');
  const drums = drumEnvelopes(spec, centersHz);
  const { kick, backbeat } = drums;
  // Metrical level from the rhythm: a backbeat on every beat means drum & bass read at half tempo,
  // and so does a kick on every half beat (a four-on-the-floor); a kick/bass downbeat on one beat in
  // eight means a half-time groove read at double tempo.
  let best = ranked[0];
  const octave = (factor: number) => {
    const bpm = factor * best.grid.bpm;
    return ranked.find((r) => Math.abs(r.grid.bpm / bpm - 1) < 0.01) ?? scoreTempo(env, frameRate, bpm, 0);
  };
  const doubled = (s: ScoredTempo) =>
    backbeatSaysDouble(backbeat, frameRate, s.grid.bpm) || kickOnEveryHalfBeat(kick, frameRate, s.grid.bpm, s.grid.phaseFrames);
  if (best.grid.bpm * 2 <= range.maxBpm && doubled(best)) best = octave(2);
  else if (best.grid.bpm / 2 >= range.minBpm && kickSaysHalf(kick, frameRate, best.grid.bpm)) best = octave(0.5);
  // Sharpness: mean envelope on the grid relative to its mean anywhere (≈1 for a random grid).
  // White noise's best grid reaches ≈1.6 by chance; the corpus' grooves reach 2.8 and more.
  const sharpness = Math.max(0, Math.min(1, (best.grid.onBeat / envMean - SHARPNESS_FLOOR) / SHARPNESS_SPAN));
  const stability = tempoStability(env, frameRate, best.grid.bpm);
  // Half the windows disagreeing (a tempo change half-way) means no single tempo: confidence 0.
  const steadiness = Math.max(0, (stability - 0.5) / 0.5);
  const confidence = round(sharpness * steadiness, 2);
  if (stability < STEADY_STABILITY && pcm.length >= MIN_CHANGING_SEC * sampleRate) {
    const changing = tempoChanges(pcm, sampleRate, spec, centersHz, env, best.grid.bpm, sharpness, stability, range);
    if (changing) return changing;
  }
  if (confidence < TEMPO_MIN_CONFIDENCE) return noTempo('no steady tempo', stability);

  // The envelopes peak ONSET_LATENCY after an attack; the grid is moved onto the attacks.
  const latencyFrames = ONSET_LATENCY_SEC * frameRate;
  // First onto the attacks nearest the frame-level grid, to the sample, on the full-rate signal.
  const onAttacks = refineBeatPhase(pcm, sampleRate, (60 * sampleRate) / best.grid.bpm, ((best.grid.phaseFrames - latencyFrames) / frameRate) * sampleRate);
  const samplesToFrames = frameRate / sampleRate;
  const toSamples = (frames: number[]) => frames.map((t) => t / samplesToFrames);
  // The grid may sit on the off-beats and knows nothing of bars: pick the bar start among the 8 half beats.
  const bar = estimateBarPhase(
    spec,
    centersHz,
    (at) => attackStrengths(pcm, sampleRate, toSamples(at)),
    onAttacks.periodSamples * samplesToFrames,
    onAttacks.phaseSamples * samplesToFrames,
    drums,
  );
  const barStart = onAttacks.phaseSamples + (bar.halfBeats * onAttacks.periodSamples) / 2;
  // A move by half a beat lands on other attacks: lock onto them (a short search, the period is known).
  const refined =
    bar.halfBeats % 2 === 1 ? refineBeatPhase(pcm, sampleRate, onAttacks.periodSamples, barStart, 0.012) : { ...onAttacks, phaseSamples: barStart };
  const gridBpm = (60 * sampleRate) / refined.periodSamples;
  const beatSec = refined.periodSamples / sampleRate;
  const barStartSec = refined.phaseSamples / sampleRate;
  const wrap = (t: number, p: number) => ((t % p) + p) % p;
  const octaves = octaveScores(env, frameRate, best, ranked, range).map((o) => ({ ...o, backbeat: round(backbeatEvenness(backbeat, frameRate, o.bpm), 2) }));
  const anchorSec = confidence >= ANCHOR_MIN_CONFIDENCE ? round(wrap(barStartSec, 4 * beatSec), 4) : null;
  return {
    bpm: round(gridBpm, 1),
    gridBpm: round(gridBpm, 3),
    confidence,
    firstBeatSec: round(wrap(barStartSec, beatSec), 4),
    anchorSec,
    tempoRows: null,
    stability: round(stability, 2),
    octaves,
    reason: null,
  };
}

/**
 * A track whose local tempo settles into two or more sections: each section gets its own grid
 * (frame-level fit, then full-rate refinement inside the section), hand-overs on the beat that
 * best explains the attacks, the first bar start from the first section. Null when the windows
 * do not split into sections (a track without a steady tempo stays "no steady tempo").
 */
function tempoChanges(
  pcm: Float32Array,
  sampleRate: number,
  spec: LogMelSpectrogram,
  centersHz: ArrayLike<number>,
  env: Float32Array,
  familyBpm: number,
  sharpness: number,
  stability: number,
  range: TempoRange,
): BpmFields | null {
  const runs = tempoRuns(localTempi(env, spec.frameRate, familyBpm));
  if (runs.length < 2 || sharpness < ANCHOR_MIN_CONFIDENCE) return null;
  const frameRate = spec.frameRate;
  const latencyFrames = ONSET_LATENCY_SEC * frameRate;
  const attackAt = (positions: number[]) => attackStrengths(pcm, sampleRate, positions);
  // Hand-overs need the exact beat: near a change both grids are within a few ms for a beat or two.
  const exactAttackAt = (positions: number[]) => attackStrengths(pcm, sampleRate, positions, 0.0015);
  const halfWindow = 4; // seconds: the local tempi are 8 s windows
  const grids = runs.map((run, i) => {
    const fromSec = i === 0 ? 0 : run.fromSec - halfWindow;
    const toSec = i === runs.length - 1 ? pcm.length / sampleRate : run.toSec + halfWindow;
    const a = Math.max(0, Math.round(fromSec * frameRate));
    const b = Math.min(env.length, Math.round(toSec * frameRate));
    const fit = fitBeatGrid(env.subarray(a, b), frameRate, run.bpm, 0.01);
    const from = Math.round(fromSec * sampleRate);
    const part = pcm.subarray(from, Math.min(pcm.length, Math.round(toSec * sampleRate)));
    const refined = refineBeatPhase(part, sampleRate, (60 * sampleRate) / fit.bpm, ((fit.phaseFrames - latencyFrames) / frameRate) * sampleRate);
    return { periodSamples: refined.periodSamples, phaseSamples: from + refined.phaseSamples, fromSec, toSec };
  });
  // Bar start from the first section only (the others would score against the wrong grid).
  const first = grids[0];
  const endFrame = Math.min(spec.frameCount, Math.round(runs[0].toSec * frameRate));
  const firstSpec: LogMelSpectrogram = { ...spec, frameCount: endFrame, data: spec.data.subarray(0, endFrame * spec.nMels) };
  const samplesToFrames = frameRate / sampleRate;
  const bar = estimateBarPhase(
    firstSpec,
    centersHz,
    (at) => attackAt(at.map((t) => t / samplesToFrames)),
    first.periodSamples * samplesToFrames,
    first.phaseSamples * samplesToFrames,
  );
  const barStart = first.phaseSamples + (bar.halfBeats * first.periodSamples) / 2;
  const firstGrid =
    bar.halfBeats % 2 === 1
      ? refineBeatPhase(pcm.subarray(0, Math.round(first.toSec * sampleRate)), sampleRate, first.periodSamples, barStart, 0.012)
      : { ...first, phaseSamples: barStart };
  const rows: TempoRow[] = [];
  let previous = {
    periodSamples: firstGrid.periodSamples,
    phaseSamples: ((firstGrid.phaseSamples % (4 * firstGrid.periodSamples)) + 4 * firstGrid.periodSamples) % (4 * firstGrid.periodSamples),
  };
  rows.push({ startSec: round(previous.phaseSamples / sampleRate, 4), bpm: round((60 * sampleRate) / previous.periodSamples, 3), beat: 1 });
  for (let i = 1; i < grids.length; i++) {
    const zone = [(runs[i - 1].toSec - halfWindow) * sampleRate, (runs[i].fromSec + halfWindow) * sampleRate];
    const cut = handOver(previous, grids[i], zone[0], zone[1], exactAttackAt);
    const last = rows[rows.length - 1];
    const beatsSince = Math.round((cut - last.startSec * sampleRate) / previous.periodSamples);
    rows.push({
      startSec: round(cut / sampleRate, 4),
      bpm: round((60 * sampleRate) / grids[i].periodSamples, 3),
      beat: ((((last.beat - 1 + beatsSince) % 4) + 4) % 4) + 1,
    });
    previous = { periodSamples: grids[i].periodSamples, phaseSamples: cut };
  }
  const longest = runs.reduce((a, b) => (b.toSec - b.fromSec > a.toSec - a.fromSec ? b : a));
  const longestRow = rows[runs.indexOf(longest)];
  return {
    bpm: round(longestRow.bpm, 1),
    gridBpm: rows[0].bpm,
    // Each section keeps its tempo (that is what made it a section): only the grid's sharpness counts.
    confidence: round(sharpness, 2),
    firstBeatSec: round(((((rows[0].startSec * sampleRate) % firstGrid.periodSamples) + firstGrid.periodSamples) % firstGrid.periodSamples) / sampleRate, 4),
    anchorSec: rows[0].startSec,
    tempoRows: rows,
    stability: round(stability, 2),
    octaves: [0.5, 1, 2]
      .map((f) => ({ bpm: round(longestRow.bpm * f, 1), score: f === 1 ? 1 : 0 }))
      .filter((o) => o.bpm >= range.minBpm / 2 && o.bpm <= range.maxBpm * 2),
    reason: null,
  };
}

/** The chosen tempo, half and double, each with its metrical-level score (reused from ranking when scored). */
function octaveScores(env: Float32Array, frameRate: number, best: ScoredTempo, ranked: ScoredTempo[], range: TempoRange) {
  const out: { bpm: number; score: number }[] = [];
  for (const factor of [0.5, 1, 2]) {
    const bpm = best.grid.bpm * factor;
    if (bpm < range.minBpm / 2 || bpm > range.maxBpm * 2) continue;
    const known = ranked.find((r) => Math.abs(r.grid.bpm / bpm - 1) < 0.01);
    const scored = known ?? scoreTempo(env, frameRate, bpm, 0);
    out.push({ bpm: round(factor === 1 ? best.grid.bpm : scored.grid.bpm, 1), score: round(scored.score, 3) });
  }
  return out;
}

/**
 * Re-apply another BPM range (e.g. 85–175 for a house folder) to a stored result without
 * re-analyzing: the tempo itself when inside the range, else the best-scoring stored octave inside
 * it, else the tempo folded into it.
 */
export function bpmInRange(fields: BpmFields, range: TempoRange): number | null {
  if (fields.bpm === null) return null;
  // The analyzed tempo was chosen with more cues than the stored scores (the backbeat): keep it when it fits.
  if (fields.bpm >= range.minBpm && fields.bpm <= range.maxBpm) return fields.bpm;
  const inside = fields.octaves.filter((o) => o.bpm >= range.minBpm && o.bpm <= range.maxBpm).sort((a, b) => b.score - a.score);
  if (inside.length > 0) return inside[0].bpm;
  const folded = foldIntoRange(fields.bpm, range);
  return folded.length > 0 ? round(folded[0], 1) : null;
}

export function createBpmAnalyzer(options: Partial<BpmOptions> = {}): Analyzer<BpmFields> {
  const { minBpm, maxBpm } = { ...DEFAULT_BPM_RANGE, ...options };
  return {
    id: 'bpm',
    // 7: a kick on every half beat doubles (four-on-the-floor read an octave low);
    // 6: the bar start also weighs the drums' roles (backbeat off the one, kick on it);
    // 5: the kick/bass downbeat halves (half-time at 70 read at 140), the folds miss no narrow hit;
    // 4: the backbeat also halves; 3: beat phase refined on the full-rate signal, bar start among
    // 8 half beats, gridBpm; 2: the backbeat octave cue.
    version: 7,
    options: { minBpm, maxBpm },
    analyze: (pcm, sampleRate) => estimateTempo(pcm, sampleRate, { minBpm, maxBpm }),
  };
}
