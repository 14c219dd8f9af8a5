import type { SearchHit } from './vectorIndex';

/**
 * recall@k: the share of the true k nearest neighbours (from the exact index) that the approximate
 * index returned, averaged over queries. 1 means every query found all of its true neighbours.
 */
export function recallAtK(approximate: readonly SearchHit[][], exact: readonly SearchHit[][], k: number): number {
  if (approximate.length !== exact.length) throw new RangeError('recallAtK needs one result list per query on both sides');
  let found = 0;
  let wanted = 0;
  for (let q = 0; q < exact.length; q++) {
    const truth = new Set(exact[q].slice(0, k).map((hit) => hit.label));
    wanted += truth.size;
    for (const hit of approximate[q].slice(0, k)) if (truth.has(hit.label)) found++;
  }
  return wanted === 0 ? 1 : found / wanted;
}
