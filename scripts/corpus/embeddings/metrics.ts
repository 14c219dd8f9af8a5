/**
 * Nearest-neighbour quality of an embedding on the labelled corpus: how often a track's nearest
 * neighbours share its family (precision at 1 and 5, among originals), and how often a variant of
 * a piece (re-encoded, stretched, another section) finds its original in its top 5 (among every
 * clip). Vectors are unit length, so the dot product is the cosine similarity.
 * @module
 */
import type { CorpusItem } from './corpus';

export interface Scored extends CorpusItem {
  vector: Float32Array;
}

export interface NeighbourMetrics {
  familyTop1: number;
  familyTop5: number;
  variantInTop5: number;
  variantInTop5ByKind: Record<string, number>;
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Indices of `candidates` ordered by similarity to `query` (ties: lower index first). */
export function nearest(items: readonly Scored[], query: number, candidates: readonly number[], k: number): number[] {
  return candidates
    .filter((c) => c !== query)
    .map((c) => ({ c, s: dot(items[query].vector, items[c].vector) }))
    .sort((a, b) => b.s - a.s || a.c - b.c)
    .slice(0, k)
    .map((x) => x.c);
}

export function neighbourMetrics(items: readonly Scored[]): NeighbourMetrics {
  const originals = items.flatMap((it, i) => (it.variant === 'original' ? [i] : []));
  const all = items.map((_, i) => i);
  let top1 = 0;
  let top5 = 0;
  for (const q of originals) {
    const near = nearest(items, q, originals, 5);
    top1 += items[near[0]].family === items[q].family ? 1 : 0;
    top5 += near.filter((n) => items[n].family === items[q].family).length / near.length;
  }
  const byKind = new Map<string, { hits: number; total: number }>();
  for (let q = 0; q < items.length; q++) {
    if (items[q].variant === 'original') continue;
    const original = originals.find((o) => items[o].pieceId === items[q].pieceId);
    if (original === undefined) continue;
    const hit = nearest(items, q, all, 5).includes(original);
    const kind = byKind.get(items[q].variant) ?? { hits: 0, total: 0 };
    kind.hits += hit ? 1 : 0;
    kind.total += 1;
    byKind.set(items[q].variant, kind);
  }
  const kinds = [...byKind.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const hits = kinds.reduce((s, [, k]) => s + k.hits, 0);
  const total = kinds.reduce((s, [, k]) => s + k.total, 0);
  return {
    familyTop1: top1 / originals.length,
    familyTop5: top5 / originals.length,
    variantInTop5: total > 0 ? hits / total : 0,
    variantInTop5ByKind: Object.fromEntries(kinds.map(([name, k]) => [name, k.hits / k.total])),
  };
}

/** What a random ranking scores on average (exact expectations, not a simulation). */
export function randomRankingExpectation(items: readonly CorpusItem[]): NeighbourMetrics {
  const originals = items.filter((it) => it.variant === 'original');
  const sameFamily =
    originals.reduce((s, it) => s + (originals.filter((o) => o.family === it.family).length - 1) / (originals.length - 1), 0) / originals.length;
  const variantHit = Math.min(1, 5 / (items.length - 1));
  return { familyTop1: sameFamily, familyTop5: sameFamily, variantInTop5: variantHit, variantInTop5ByKind: {} };
}
