import { describe, expect, it } from 'vitest';
import { chooseExtras } from './extras';
import { planLayout } from './layout';

const cand = (pairs: [number, number][]) => pairs.map(([startMs, score]) => ({ startMs, score }));

describe('chooseExtras', () => {
  it('maximises the summed score under the gap rule', () => {
    // The best single (100 s) pairs only with 0 s (9 + 1); 80 s + 125 s (5 + 6) is better.
    const c = cand([
      [0, 1],
      [80_000, 5],
      [100_000, 9],
      [125_000, 6],
    ]);
    expect(chooseExtras({ candidates: c, count: 2, lengthMs: 20_000, gapMs: 10_000, forcedFromMs: null })).toEqual([80_000, 125_000]);
  });

  it('honours the forced zone even at a lower score', () => {
    const c = cand([
      [0, 8],
      [40_000, 9],
      [150_000, 1],
    ]);
    expect(chooseExtras({ candidates: c, count: 2, lengthMs: 20_000, gapMs: 10_000, forcedFromMs: 140_000 })).toEqual([40_000, 150_000]);
    expect(chooseExtras({ candidates: c, count: 2, lengthMs: 20_000, gapMs: 10_000, forcedFromMs: 200_000 })).toBeNull();
  });

  it('returns null when the windows cannot all fit, [] for none', () => {
    const c = cand([
      [0, 1],
      [10_000, 1],
    ]);
    expect(chooseExtras({ candidates: c, count: 2, lengthMs: 20_000, gapMs: 0, forcedFromMs: null })).toBeNull();
    expect(chooseExtras({ candidates: c, count: 0, lengthMs: 20_000, gapMs: 0, forcedFromMs: null })).toEqual([]);
  });

  it('agrees with brute force on random instances', () => {
    let state = 7;
    const rand = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let t = 0; t < 200; t++) {
      const m = 2 + Math.floor(rand() * 9);
      const c = Array.from({ length: m }, (_, i) => ({ startMs: i * 7000 + Math.floor(rand() * 6000), score: Math.floor(rand() * 10) + rand() / 4 }));
      const count = 1 + Math.floor(rand() * 3);
      const forcedFromMs = rand() < 0.5 ? null : Math.floor(rand() * m * 7000);
      const req = { candidates: c, count, lengthMs: 9000, gapMs: 3000, forcedFromMs };
      let best: number | null = null;
      const walk = (from: number, chosen: number[]) => {
        if (chosen.length === count) {
          if (forcedFromMs !== null && !chosen.some((i) => c[i].startMs >= forcedFromMs)) return;
          const total = chosen.reduce((s, i) => s + c[i].score, 0);
          if (best === null || total > best) best = total;
          return;
        }
        for (let i = from; i < m; i++) if (chosen.length === 0 || c[i].startMs >= c[chosen[chosen.length - 1]].startMs + 12000) walk(i + 1, [...chosen, i]);
      };
      walk(0, []);
      const got = chooseExtras(req);
      if (best === null) expect(got).toBeNull();
      else {
        const total = got!.reduce((s, ms) => s + c.find((x) => x.startMs === ms)!.score, 0);
        expect(total).toBeCloseTo(best, 9);
      }
    }
  });
});

describe('planLayout', () => {
  const club = { startSkipSec: 10, mainSec: 90, extraCount: 2, extraSec: 30, minGapSec: 10 };

  it('keeps full lengths when the track is long enough', () => {
    expect(planLayout({ ...club, durationSec: 300 })).toMatchObject({ whole: false, skipSec: 10, mainSec: 90, extraCount: 2, extraSec: 30 });
  });

  it('scales main and tails together, then drops tails below 10 s, then the whole track', () => {
    const mid = planLayout({ ...club, durationSec: 150 });
    expect(mid).toMatchObject({ whole: false, extraCount: 2 });
    if (!mid.whole) {
      expect(mid.mainSec + 2 * mid.extraSec + 2 * 10).toBeCloseTo(150 - 10, 9);
      expect(mid.mainSec / mid.extraSec).toBeCloseTo(3, 9);
    }
    expect(planLayout({ ...club, durationSec: 65 })).toMatchObject({ whole: false, extraCount: 1 });
    expect(planLayout({ ...club, durationSec: 59 })).toMatchObject({ whole: true });
  });
});
