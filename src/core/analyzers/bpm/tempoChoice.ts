/**
 * Choosing "the tempo" DJs mean. First the tempo family (a tempo up to octaves): the candidate
 * maximising prior × subdivision × (grid fit)² (fit rejects 3:2 and 2:3 confusions). Then, inside the family, the
 * metrical level (85 vs 170, 70 vs 140) by two cues multiplied:
 * - a log-normal prior over tempo (dance music clusters around 125 BPM);
 * - subdivision: at the right level the half-beat positions carry onsets (hats, offbeat bass); one
 *   level too fast, the "off-beats" are empty 16ths.
 * Grid fit is deliberately not used between octaves: a slower grid always hits a subset of the
 * strongest onsets and would win every time.
 * @module
 */
import { fitBeatGrid, type GridFit } from './beatGrid';
import type { SaliencePeak } from './tempoSalience';

export interface TempoRange {
  minBpm: number;
  maxBpm: number;
}

export interface ScoredTempo {
  grid: GridFit;
  salience: number;
  prior: number;
  subdivision: number;
  score: number;
}

const PRIOR_CENTRE_BPM = 125;
const PRIOR_SIGMA_OCTAVES = 0.7;
/** Off/on ratio at which the subdivision cue is half-way to saturating. */
const SUBDIVISION_HALF = 0.12;

export function tempoPrior(bpm: number): number {
  const octaves = Math.log2(bpm / PRIOR_CENTRE_BPM);
  return Math.exp(-(octaves * octaves) / (2 * PRIOR_SIGMA_OCTAVES * PRIOR_SIGMA_OCTAVES));
}

/** The octaves (×2^k, |k| ≤ 3) of a tempo that lie inside the range, slowest first. */
export function foldIntoRange(bpm: number, range: TempoRange): number[] {
  const out: number[] = [];
  for (let k = -3; k <= 3; k++) {
    const t = bpm * 2 ** k;
    if (t >= range.minBpm && t <= range.maxBpm) out.push(t);
  }
  return out;
}

export function candidateTempos(peaks: SaliencePeak[], range: TempoRange, count = 5): number[] {
  const out: number[] = [];
  for (const peak of peaks.slice(0, count)) {
    for (const t of foldIntoRange(peak.bpm, range)) if (!out.some((o) => Math.abs(o / t - 1) < 0.02)) out.push(t);
  }
  return out;
}

export function scoreTempo(env: Float32Array, frameRate: number, bpm: number, salience: number): ScoredTempo {
  const grid = fitBeatGrid(env, frameRate, bpm, 0.012);
  // A small floor keeps a bare click track (no subdivision at any level) decided by the prior alone.
  const ratio = (grid.onBeat > 0 ? grid.offBeat / grid.onBeat : 0) + 0.01;
  const subdivision = ratio / (ratio + SUBDIVISION_HALF);
  const prior = tempoPrior(grid.bpm);
  return { grid, salience, prior, subdivision, score: prior * subdivision };
}

function sameFamily(a: number, b: number): boolean {
  const octaves = Math.log2(a / b);
  return Math.abs(octaves - Math.round(octaves)) < 0.03;
}

export function chooseTempo(
  env: Float32Array,
  acfSalience: (bpm: number) => number,
  peaks: SaliencePeak[],
  frameRate: number,
  range: TempoRange,
): ScoredTempo[] {
  const scored = candidateTempos(peaks, range).map((bpm) => scoreTempo(env, frameRate, bpm, acfSalience(bpm)));
  if (scored.length === 0) return [];
  let envMean = 0;
  for (let i = 0; i < env.length; i++) envMean += env[i];
  envMean /= Math.max(1, env.length);
  // Fit = how far the grid's mean rises above the envelope's mean (0 for a grid that misses the
  // beats), squared so that it outweighs the subdivision cue, which a misaligned grid fakes.
  const familyScore = (s: ScoredTempo) => s.score * Math.max(0, s.grid.onBeat - envMean) ** 2;
  const leader = scored.reduce((a, b) => (familyScore(b) > familyScore(a) ? b : a));
  const family = scored.filter((s) => sameFamily(s.grid.bpm, leader.grid.bpm)).sort((a, b) => b.score - a.score);
  const others = scored.filter((s) => !family.includes(s)).sort((a, b) => b.score - a.score);
  return [...family, ...others];
}
