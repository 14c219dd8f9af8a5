/**
 * Tracks whose tempo really changes (edits, DJ-made transitions, live drummers): the local tempo of
 * ~8 s windows, grouped into runs that keep one tempo, each run fitted with its own grid. The
 * result becomes several TEMPO rows, as rekordbox writes them; a steady track never gets here.
 * @module
 */
import { autocorrelation, combSalience } from './tempoSalience';

export interface LocalTempo {
  /** Window centre, seconds. */
  centreSec: number;
  bpm: number;
}

export interface TempoRun {
  /** First and last window centre of the run, seconds. */
  fromSec: number;
  toSec: number;
  bpm: number;
}

const WINDOW_SEC = 8;
const HOP_SEC = 2;
/** Two windows within this relative tempo difference belong to the same run. */
const SAME_TEMPO = 0.012;
/** Runs of fewer windows are absorbed by their neighbours (too short to be a section). */
const MIN_RUN_WINDOWS = 4;

/** Best tempo within ±30 % of `familyBpm` for each window (0.1 % steps), so octave flips cannot occur. */
export function localTempi(env: Float32Array, frameRate: number, familyBpm: number): LocalTempo[] {
  const win = Math.round(WINDOW_SEC * frameRate);
  const hop = Math.round(HOP_SEC * frameRate);
  const maxLag = Math.ceil(((60 * frameRate) / (familyBpm * 0.77)) * 4 * 1.1);
  const out: LocalTempo[] = [];
  for (let start = 0; start + win <= env.length; start += hop) {
    const acf = autocorrelation(env.subarray(start, start + win), maxLag);
    let best = { bpm: familyBpm, score: -Infinity };
    for (let t = familyBpm * 0.77; t <= familyBpm * 1.3; t *= 1.001) {
      const score = combSalience(acf, frameRate, t);
      if (score > best.score) best = { bpm: t, score };
    }
    out.push({ centreSec: (start + win / 2) / frameRate, bpm: best.bpm });
  }
  return out;
}

const median = (x: number[]) => {
  const s = [...x].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Consecutive windows with one tempo; short runs merged into the neighbour nearest in tempo. */
export function tempoRuns(local: LocalTempo[]): TempoRun[] {
  let runs: LocalTempo[][] = [];
  for (const w of local) {
    const current = runs[runs.length - 1];
    if (current && Math.abs(w.bpm / median(current.map((c) => c.bpm)) - 1) <= SAME_TEMPO) current.push(w);
    else runs.push([w]);
  }
  while (runs.length > 1) {
    const shortest = runs.reduce((best, run, i) => (run.length < runs[best].length ? i : best), 0);
    if (runs[shortest].length >= MIN_RUN_WINDOWS) break;
    const tempo = median(runs[shortest].map((w) => w.bpm));
    const neighbours = [shortest - 1, shortest + 1].filter((i) => i >= 0 && i < runs.length);
    const into = neighbours.reduce((a, b) =>
      Math.abs(median(runs[a].map((w) => w.bpm)) / tempo - 1) <= Math.abs(median(runs[b].map((w) => w.bpm)) / tempo - 1) ? a : b,
    );
    runs[into] = into < shortest ? [...runs[into], ...runs[shortest]] : [...runs[shortest], ...runs[into]];
    runs = runs.filter((_, i) => i !== shortest);
    // Neighbours that now agree become one run.
    for (let i = runs.length - 1; i > 0; i--) {
      if (Math.abs(median(runs[i].map((w) => w.bpm)) / median(runs[i - 1].map((w) => w.bpm)) - 1) <= SAME_TEMPO) {
        runs[i - 1] = [...runs[i - 1], ...runs[i]];
        runs.splice(i, 1);
      }
    }
  }
  return runs.map((run) => ({ fromSec: run[0].centreSec, toSec: run[run.length - 1].centreSec, bpm: median(run.map((w) => w.bpm)) }));
}

/** One TEMPO row: from `startSec` (a beat) the grid runs at `bpm`; `beat` is that beat's place in the bar (1–4). */
export type TempoRow = {
  startSec: number;
  bpm: number;
  beat: number;
};

export interface SegmentGrid {
  /** Beat period and the position of one beat, in samples (whole-track positions). */
  periodSamples: number;
  phaseSamples: number;
}

/**
 * Where grid `a` hands over to grid `b`: the beat of `b` between the two runs that best explains
 * the attacks (grid a's beats before it, grid b's from it on).
 */
export function handOver(a: SegmentGrid, b: SegmentGrid, fromSample: number, toSample: number, attackAt: (positions: number[]) => number[]): number {
  const beatsOf = (g: SegmentGrid) => {
    const out: number[] = [];
    const first = g.phaseSamples + Math.ceil((fromSample - g.phaseSamples) / g.periodSamples) * g.periodSamples;
    for (let t = first; t < toSample; t += g.periodSamples) out.push(t);
    return out;
  };
  const beatsA = beatsOf(a);
  const beatsB = beatsOf(b);
  if (beatsB.length === 0) return Math.round(fromSample);
  const strengthA = attackAt(beatsA);
  const strengthB = attackAt(beatsB);
  let best = { cut: beatsB[0], score: -Infinity };
  for (const cut of beatsB) {
    let score = 0;
    beatsA.forEach((t, i) => (score += t < cut - a.periodSamples / 2 ? strengthA[i] : 0));
    beatsB.forEach((t, i) => (score += t >= cut ? strengthB[i] : 0));
    if (score > best.score) best = { cut, score };
  }
  return best.cut;
}
