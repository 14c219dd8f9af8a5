import type { LabelFilter, SearchHit } from './vectorIndex';

/**
 * Filtered k-NN without losing k, choosing between two strategies the way database planners do:
 *
 * - permissive filter → post-filter the approximate index: ask for more hits than needed, drop the
 *   rejected ones, double the request until k survive (cheap while most near neighbours pass);
 * - selective filter → pre-filter an exact scan: test the filter on every label and score only the
 *   survivors (cheap when few pass, and exact).
 *
 * Each over-fetch doubles as a selectivity estimate: once it suggests that few vectors pass, or the
 * next request would be too wide, the exact scan is cheaper than the graph walks post-filtering needs.
 */
export interface FilteredSearchPlan {
  liveCount: number;
  /** Unfiltered approximate search for the best `n`. */
  approximate: (n: number) => SearchHit[];
  /** Exact scan that applies the filter before scoring. */
  exactFiltered: (k: number, filter: LabelFilter) => SearchHit[];
  /** First request = k × this (at least k + 16). */
  initialFactor?: number;
  /** First request at least this: a graph walk with efSearch candidates costs the same for any n ≤ efSearch. */
  minFetch?: number;
  /** Switch to the exact scan when at most this share of the library is expected to pass. */
  exactBelowSelectivity?: number;
  /** Never ask the approximate index for more than this many hits. */
  maxFetch?: number;
}

export function filteredSearch(k: number, filter: LabelFilter, plan: FilteredSearchPlan): SearchHit[] {
  const { liveCount, initialFactor = 4, exactBelowSelectivity = 0.03, maxFetch = 1024 } = plan;
  if (liveCount === 0) return [];
  let fetch = Math.min(liveCount, Math.max(k * initialFactor, k + 16, plan.minFetch ?? 0));
  for (;;) {
    const kept = plan.approximate(fetch).filter((hit) => filter(hit.label));
    if (kept.length >= k || fetch >= liveCount) return kept.slice(0, k);
    // Share of fetched hits that passed (+1: none passing means "rare", not "impossible").
    const selectivity = (kept.length + 1) / fetch;
    // Enough for k with a 1.5× margin if the estimate holds, and at least double the last request.
    const next = Math.min(liveCount, Math.max(fetch * 2, Math.ceil((1.5 * k) / selectivity)));
    if (selectivity <= exactBelowSelectivity || next > maxFetch) return plan.exactFiltered(k, filter);
    fetch = next;
  }
}
