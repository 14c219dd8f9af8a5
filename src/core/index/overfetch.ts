import type { LabelFilter, SearchHit } from './vectorIndex';

/**
 * Filtered k-NN on top of an unfiltered approximate search, without losing k: ask for more hits than
 * needed, drop those the filter rejects, and double the request until k survive or the request
 * covers every live vector. Then, if still short, `exhaustive` (a graph walk that applies the filter
 * itself) finds the rest, so a very selective filter costs one wide walk instead of materialising
 * the whole library.
 */
export interface OverfetchPlan {
  /** Unfiltered search for the `n` best hits. */
  search: (n: number) => SearchHit[];
  /** Filtered search for the `k` best hits that pass; used once over-fetching stops paying off. */
  exhaustive: (k: number, filter: LabelFilter) => SearchHit[];
  liveCount: number;
  /** First request = k × this. */
  initialFactor?: number;
  /** Largest unfiltered request before switching to `exhaustive`. */
  maxFetch?: number;
}

export function searchWithOverfetch(k: number, filter: LabelFilter, plan: OverfetchPlan): SearchHit[] {
  const { liveCount, initialFactor = 4, maxFetch = 2048 } = plan;
  if (liveCount === 0) return [];
  let fetch = Math.min(liveCount, Math.max(k * initialFactor, k + 16));
  for (;;) {
    const kept = plan.search(fetch).filter((hit) => filter(hit.label));
    if (kept.length >= k || fetch >= liveCount) return kept.slice(0, k);
    const next = Math.min(liveCount, fetch * 2);
    if (next > maxFetch) return plan.exhaustive(k, filter);
    fetch = next;
  }
}
