import { describe, expect, it } from 'vitest';
import { filteredSearch } from './filteredSearch';
import type { LabelFilter, SearchHit } from './vectorIndex';

/** A fake "approximate index" over labels 0..n-1 whose true order is by label; counts requests. */
function planOver(n: number) {
  const requests: number[] = [];
  let exactCalls = 0;
  const ranked = (count: number): SearchHit[] => Array.from({ length: Math.min(count, n) }, (_, i) => ({ label: i, score: 1 - i / n }));
  return {
    requests,
    exactCalls: () => exactCalls,
    plan: {
      liveCount: n,
      approximate: (count: number) => {
        requests.push(count);
        return ranked(count);
      },
      exactFiltered: (k: number, filter: LabelFilter) => {
        exactCalls++;
        return ranked(n)
          .filter((hit) => filter(hit.label))
          .slice(0, k);
      },
    },
  };
}

describe('filteredSearch', () => {
  it('answers a permissive filter from one over-fetch', () => {
    const { plan, requests, exactCalls } = planOver(10_000);
    const hits = filteredSearch(10, (label) => label % 2 === 0, plan);
    expect(hits.map((hit) => hit.label)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(requests).toEqual([40]);
    expect(exactCalls()).toBe(0);
  });

  it('widens the request when the first page is short but the filter is not rare', () => {
    const { plan, requests, exactCalls } = planOver(10_000);
    const hits = filteredSearch(10, (label) => label % 8 === 0, plan);
    expect(hits).toHaveLength(10);
    expect(hits.every((hit) => hit.label % 8 === 0)).toBe(true);
    expect(requests.length).toBe(2);
    expect(requests[1]).toBeGreaterThanOrEqual(80);
    expect(exactCalls()).toBe(0);
  });

  it('switches to the exact pre-filtered scan for a rare filter and still returns k', () => {
    const { plan, requests, exactCalls } = planOver(10_000);
    const hits = filteredSearch(10, (label) => label % 500 === 7, plan);
    expect(hits.map((hit) => hit.label)).toEqual([7, 507, 1007, 1507, 2007, 2507, 3007, 3507, 4007, 4507]);
    // One hit in the first 40 (label 7) looks like 5 %: one wider look, then the exact scan.
    expect(requests).toEqual([40, 300]);
    expect(exactCalls()).toBe(1);
    const none = planOver(10_000);
    expect(filteredSearch(10, (label) => label % 500 === 99, none.plan)).toHaveLength(10);
    expect(none.requests).toEqual([40]); // nothing in the first page: rare, straight to the scan
    expect(none.exactCalls()).toBe(1);
  });

  it('returns what exists when fewer than k pass, and nothing from an empty index', () => {
    const small = planOver(30);
    expect(filteredSearch(10, (label) => label < 3, small.plan).map((hit) => hit.label)).toEqual([0, 1, 2]);
    expect(filteredSearch(10, () => true, planOver(0).plan)).toEqual([]);
  });
});
