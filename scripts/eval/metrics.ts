/**
 * Evaluation metrics for the analyzer eval (pure, unit-tested).
 * @module
 */
import type { MusicalKey } from '../../src/core/music/keys';

/**
 * MIREX key score: 1 exact, 0.5 a fifth apart (same mode), 0.3 relative major/minor, 0.2 parallel
 * major/minor, 0 otherwise.
 */
export function mirexKeyScore(estimated: MusicalKey, truth: MusicalKey): number {
  if (estimated.tonic === truth.tonic && estimated.mode === truth.mode) return 1;
  if (estimated.mode === truth.mode) {
    const up = (estimated.tonic - truth.tonic + 12) % 12;
    if (up === 7 || up === 5) return 0.5;
    return 0;
  }
  // Relative: A minor ↔ C major (minor tonic + 3 = major tonic).
  const relative = truth.mode === 'major' ? (truth.tonic + 9) % 12 : (truth.tonic + 3) % 12;
  if (estimated.tonic === relative) return 0.3;
  if (estimated.tonic === truth.tonic) return 0.2;
  return 0;
}

/** Average ranks (1-based), ties sharing the mean of their positions. */
export function ranks(values: readonly number[]): number[] {
  const order = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v);
  const out = new Array<number>(values.length);
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end + 1 < order.length && order[end + 1].v === order[start].v) end++;
    const rank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) out[order[k].i] = rank;
    start = end + 1;
  }
  return out;
}

/** Spearman's rank correlation (Pearson on average ranks, so ties are handled); 0 when undefined. */
export function spearman(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error(`spearman needs equal lengths, got ${a.length} and ${b.length}`);
  const ra = ranks(a);
  const rb = ranks(b);
  const n = a.length;
  const ma = ra.reduce((s, v) => s + v, 0) / n;
  const mb = rb.reduce((s, v) => s + v, 0) / n;
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (ra[i] - ma) * (rb[i] - mb);
    da += (ra[i] - ma) ** 2;
    db += (rb[i] - mb) ** 2;
  }
  return da > 0 && db > 0 ? num / Math.sqrt(da * db) : 0;
}

/** Along a ladder of scores (lowest rung first): how many steps there are and how many do not go down. */
export function ladderSteps(scores: readonly number[]): { steps: number; notDown: number } {
  let notDown = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i] >= scores[i - 1]) notDown++;
  return { steps: Math.max(0, scores.length - 1), notDown };
}
