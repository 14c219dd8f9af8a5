/**
 * Similarity scores of a result list as bar lengths a DJ can compare: cosine scores bunch up in a
 * narrow band (84–99 %), so the bar spans this list's own range (best = full, worst = a sliver).
 */
export function scoreBars(scores: readonly number[]): number[] {
  if (scores.length === 0) return [];
  const max = Math.max(...scores);
  const min = Math.min(...scores);
  const span = max - min;
  return scores.map((s) => (span > 1e-9 ? 0.1 + 0.9 * ((s - min) / span) : 1));
}
