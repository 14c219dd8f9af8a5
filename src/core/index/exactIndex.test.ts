import { describe, expect, it } from 'vitest';
import { ExactIndex } from './exactIndex';
import { clusteredVectors } from './syntheticVectors';
import { dot } from './vectorMath';

const DIMS = 32;
const data = clusteredVectors({ count: 600, dims: DIMS, seed: 11, latentDims: 8 });
const row = (i: number) => data.vectors.subarray(i * DIMS, (i + 1) * DIMS);
const labelOf = (i: number) => 1000 + i * 7;

function buildIndex(): ExactIndex {
  const index = new ExactIndex(DIMS, 16);
  index.addBatch(
    Uint32Array.from({ length: 600 }, (_, i) => labelOf(i)),
    data.vectors,
  );
  return index;
}

/** The answer by definition: score every row, sort. */
function bruteForce(query: Float32Array, k: number, keep: (i: number) => boolean = () => true) {
  const q = query.map((v) => v / Math.sqrt(dot(query, query)));
  return Array.from({ length: 600 }, (_, i) => i)
    .filter(keep)
    .map((i) => ({ label: labelOf(i), score: dot(q, row(i)) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((hit) => hit.label);
}

describe('ExactIndex', () => {
  it('returns the true top-k by cosine similarity, growing past its initial capacity', () => {
    const index = buildIndex();
    expect(index.size).toBe(600);
    const queries = data.sample(20, 5);
    for (let q = 0; q < 20; q++) {
      const query = queries.subarray(q * DIMS, (q + 1) * DIMS);
      expect(index.search(query, 10).map((hit) => hit.label)).toEqual(bruteForce(query, 10));
    }
    const self = index.search(row(3), 1)[0];
    expect(self.label).toBe(labelOf(3));
    expect(self.score).toBeCloseTo(1, 5);
  });

  it('applies a filter inside the scan and still returns k', () => {
    const index = buildIndex();
    const keep = (label: number) => label % 5 === 0;
    const hits = index.search(row(0), 10, keep);
    expect(hits).toHaveLength(10);
    expect(hits.every((hit) => keep(hit.label))).toBe(true);
    expect(hits.map((hit) => hit.label)).toEqual(bruteForce(row(0), 10, (i) => keep(labelOf(i))));
  });

  it('deletes, re-adds and replaces vectors', () => {
    const index = buildIndex();
    expect(index.markDelete(labelOf(3))).toBe(true);
    expect(index.markDelete(labelOf(3))).toBe(false);
    expect(index.has(labelOf(3))).toBe(false);
    expect(index.size).toBe(599);
    expect(index.search(row(3), 5).map((hit) => hit.label)).not.toContain(labelOf(3));
    // The last row moved into the hole: it must still be found under its own label.
    expect(index.search(row(599), 1)[0].label).toBe(labelOf(599));

    index.add(labelOf(3), row(3));
    expect(index.search(row(3), 1)[0].label).toBe(labelOf(3));
    index.add(labelOf(3), row(10)); // replace: label 3 now points like row 10
    expect(index.size).toBe(600);
    expect(
      index
        .search(row(10), 2)
        .map((hit) => hit.label)
        .sort(),
    ).toEqual([labelOf(3), labelOf(10)].sort());
  });

  it('serializes and loads back the same answers', async () => {
    const index = buildIndex();
    index.markDelete(labelOf(42));
    const loaded = ExactIndex.deserialize(await index.serialize('builtin-v1'), { dims: DIMS, modelId: 'builtin-v1' });
    expect(loaded.size).toBe(599);
    expect(loaded.labels()).toEqual(index.labels());
    for (const i of [0, 17, 300]) expect(loaded.search(row(i), 10)).toEqual(index.search(row(i), 10));
  });

  it('stores unit vectors and refuses vectors it cannot compare', () => {
    const index = new ExactIndex(3);
    index.add(1, Float32Array.of(3, 0, 4));
    expect(Array.from(index.vector(1)!)).toEqual([0.6000000238418579, 0, 0.800000011920929]);
    expect(() => index.add(2, Float32Array.of(0, 0, 0))).toThrow(/no direction/);
    expect(() => index.add(2, Float32Array.of(1, 2))).toThrow(/has 2 values, the index expects 3/);
    expect(() => index.add(-1, Float32Array.of(1, 2, 3))).toThrow(/unsigned 32-bit/);
    expect(index.search(Float32Array.of(1, 0, 0), 5)).toHaveLength(1);
  });
});
