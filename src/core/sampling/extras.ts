/**
 * Chooses the extra windows (tails or spots) among candidate start times: exactly `count` windows
 * of one length, pairwise at least `gapMs` apart, maximising the summed candidate scores, and, when
 * asked, with at least one window inside a forced zone (the last 60 s). Exact dynamic programming
 * over candidates sorted by start (weighted interval scheduling with a count), O(count × candidates).
 * All times are integer milliseconds so the comparison is exact on every machine.
 * @module
 */
export interface Candidate {
  startMs: number;
  /** Integer-quantised score plus a seeded tie-break below 1 / (count + 1): summed tie-breaks never outweigh one score step. */
  score: number;
}

export interface ExtraRequest {
  candidates: Candidate[];
  count: number;
  lengthMs: number;
  gapMs: number;
  /** A window starting at or after this satisfies the forced rule; null: no rule. */
  forcedFromMs: number | null;
}

/** Start times of the chosen windows in ascending order, or null when no valid choice exists. */
export function chooseExtras({ candidates, count, lengthMs, gapMs, forcedFromMs }: ExtraRequest): number[] | null {
  if (count === 0) return [];
  const c = [...candidates].sort((a, b) => a.startMs - b.startMs);
  const m = c.length;
  if (m === 0) return null;
  const inZone = c.map((x) => (forcedFromMs !== null && x.startMs >= forcedFromMs ? 1 : 0));
  // compatibleBefore[j]: candidates 0..compatibleBefore[j]-1 end (plus gap) before j starts.
  const compatibleBefore = new Int32Array(m);
  for (let j = 0, i = 0; j < m; j++) {
    while (i < m && c[i].startMs + lengthMs + gapMs <= c[j].startMs) i++;
    compatibleBefore[j] = i;
  }

  const layers = 2; // forced-zone flag: 0 = none in zone yet, 1 = at least one in zone
  const size = m * layers;
  let best = new Float64Array(size).fill(-Infinity);
  const back: Int32Array[] = [];
  for (let j = 0; j < m; j++) best[j * layers + inZone[j]] = c[j].score;
  back.push(new Int32Array(size).fill(-1));

  for (let k = 2; k <= count; k++) {
    // prefixArg[i * layers + f]: argmax of best over candidates 0..i with flag f (earliest on ties).
    const prefixArg = new Int32Array(size).fill(-1);
    for (let i = 0; i < m; i++) {
      for (let f = 0; f < layers; f++) {
        const prev = i > 0 ? prefixArg[(i - 1) * layers + f] : -1;
        const here = best[i * layers + f] > -Infinity ? i : -1;
        prefixArg[i * layers + f] = here >= 0 && (prev < 0 || best[here * layers + f] > best[prev * layers + f]) ? here : prev;
      }
    }
    const next = new Float64Array(size).fill(-Infinity);
    const ptr = new Int32Array(size).fill(-1);
    for (let j = 0; j < m; j++) {
      const limit = compatibleBefore[j];
      if (limit === 0) continue;
      for (let f = 0; f < layers; f++) {
        const i = prefixArg[(limit - 1) * layers + f];
        if (i < 0) continue;
        const flag = f | inZone[j];
        const total = best[i * layers + f] + c[j].score;
        if (total > next[j * layers + flag]) {
          next[j * layers + flag] = total;
          ptr[j * layers + flag] = i * layers + f;
        }
      }
    }
    best = next;
    back.push(ptr);
  }

  let end = -1;
  const flags = forcedFromMs === null ? [0, 1] : [1];
  for (let j = 0; j < m; j++) {
    for (const f of flags) {
      const at = j * layers + f;
      if (best[at] > -Infinity && (end < 0 || best[at] > best[end])) end = at;
    }
  }
  if (end < 0) return null;
  const starts: number[] = [];
  for (let k = count - 1, at = end; k >= 0; k--) {
    starts.push(c[Math.floor(at / layers)].startMs);
    at = back[k][at];
  }
  return starts.reverse();
}
