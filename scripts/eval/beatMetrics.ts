/**
 * Beat-grid accuracy against sample-exact truth (first downbeat, tempo), shared by
 * `npm run eval:analyzers` and the unit-test floors.
 * @module
 */
import type { BpmFields } from '../../src/core/analyzers/bpm/bpmAnalyzer';

export interface BeatTruth {
  bpm: number;
  firstDownbeatSec: number;
  durationSec: number;
}

export interface BeatScore {
  /**
   * Worst distance (s) between the exported grid and the true beats, at the first and at the last
   * beat of the track (so a tempo error shows as drift); Infinity without a grid.
   */
  phaseErrorSec: number;
  /** The anchor is a true bar start (within 50 ms, so a beat or half-beat slip counts as wrong). */
  downbeatRight: boolean;
}

const wrapped = (t: number, period: number) => {
  const d = ((t % period) + period) % period;
  return Math.min(d, period - d);
};

export function scoreBeatGrid(result: BpmFields, truth: BeatTruth): BeatScore {
  const gridBpm = result.gridBpm ?? result.bpm;
  if (gridBpm === null || result.firstBeatSec === null) return { phaseErrorSec: Infinity, downbeatRight: false };
  const beat = 60 / truth.bpm;
  const gridBeat = 60 / gridBpm;
  const firstTrue = truth.firstDownbeatSec;
  const lastTrue = firstTrue + Math.floor((truth.durationSec - 0.5 - firstTrue) / beat) * beat;
  // The grid beat nearest each true beat.
  const nearest = (t: number) => result.firstBeatSec! + Math.round((t - result.firstBeatSec!) / gridBeat) * gridBeat;
  const phaseErrorSec = Math.max(Math.abs(nearest(firstTrue) - firstTrue), Math.abs(nearest(lastTrue) - lastTrue));
  const downbeatRight = result.anchorSec !== null && wrapped(result.anchorSec - firstTrue, 4 * beat) < 0.05 && Math.abs(gridBpm - truth.bpm) < 1;
  return { phaseErrorSec, downbeatRight };
}

export interface BeatSummary {
  count: number;
  /** Median phase error, seconds. */
  medianSec: number;
  within10ms: number;
  downbeatRight: number;
}

export function summariseBeatScores(scores: readonly BeatScore[]): BeatSummary {
  const errors = scores.map((s) => s.phaseErrorSec).sort((a, b) => a - b);
  const n = errors.length;
  const medianSec = n === 0 ? NaN : n % 2 ? errors[(n - 1) / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
  return {
    count: n,
    medianSec,
    within10ms: scores.filter((s) => s.phaseErrorSec <= 0.01).length / Math.max(1, n),
    downbeatRight: scores.filter((s) => s.downbeatRight).length / Math.max(1, n),
  };
}
