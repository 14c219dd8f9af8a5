import 'fake-indexeddb/auto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExactIndex } from './exactIndex';
import { HnswIndex } from './hnswIndex';
import { indexPath, loadIndex, MemoryIndexStore, saveIndex } from './indexStore';
import { recallAtK } from './recall';
import { clusteredVectors } from './syntheticVectors';
import type { SearchHit } from './vectorIndex';

const DIMS = 256;

describe('HnswIndex recall against the exact index', () => {
  const COUNT = 20_000;
  const QUERIES = 200;
  const data = clusteredVectors({ count: COUNT, dims: DIMS, seed: 20_000 });
  const queries = data.sample(QUERIES, 4242);
  const labels = Uint32Array.from({ length: COUNT }, (_, i) => i);
  let hnsw: HnswIndex;
  let truth: SearchHit[][];

  beforeAll(async () => {
    hnsw = await HnswIndex.create(DIMS, { capacity: 4096 }); // grows by doubling while adding
    hnsw.addBatch(labels, data.vectors);
    const exact = new ExactIndex(DIMS, COUNT);
    exact.addBatch(labels, data.vectors);
    truth = Array.from({ length: QUERIES }, (_, q) => exact.search(queries.subarray(q * DIMS, (q + 1) * DIMS), 10));
  }, 120_000);

  const searchAll = (filter?: (label: number) => boolean) =>
    Array.from({ length: QUERIES }, (_, q) => hnsw.search(queries.subarray(q * DIMS, (q + 1) * DIMS), 10, filter));

  it('reaches recall@10 ≥ 0.99 on 20k clustered 256-d vectors with the default settings', () => {
    expect(hnsw.size).toBe(COUNT);
    expect(recallAtK(searchAll(), truth, 10)).toBeGreaterThanOrEqual(0.99);
  });

  it('is measured on data where a too-small candidate list does lose neighbours', () => {
    const defaultEf = hnsw.settings.efSearch;
    hnsw.setEfSearch(10);
    try {
      expect(recallAtK(searchAll(), truth, 10)).toBeLessThan(0.97);
    } finally {
      hnsw.setEfSearch(defaultEf);
    }
  });

  it('returns k filtered hits that match the exact filtered answer, even for a 1-in-200 filter', async () => {
    const exact = new ExactIndex(DIMS, COUNT);
    exact.addBatch(labels, data.vectors);
    for (const modulus of [3, 200]) {
      const keep = (label: number) => label % modulus === 0;
      const approximate = searchAll(keep);
      expect(approximate.every((hits) => hits.length === 10 && hits.every((hit) => keep(hit.label)))).toBe(true);
      const exactFiltered = Array.from({ length: QUERIES }, (_, q) => exact.search(queries.subarray(q * DIMS, (q + 1) * DIMS), 10, keep));
      expect(recallAtK(approximate, exactFiltered, 10)).toBeGreaterThanOrEqual(0.98);
    }
  });
});

describe('HnswIndex lifecycle', () => {
  const COUNT = 1500;
  const data = clusteredVectors({ count: COUNT, dims: DIMS, seed: 7 });
  const row = (i: number) => data.vectors.subarray(i * DIMS, (i + 1) * DIMS);
  const labelOf = (i: number) => 10 * i + 1;

  async function build(): Promise<HnswIndex> {
    const index = await HnswIndex.create(DIMS, { capacity: 100 });
    index.addBatch(
      Uint32Array.from({ length: COUNT }, (_, i) => labelOf(i)),
      data.vectors,
    );
    return index;
  }

  it('deletes, re-adds and moves a vector under the same label', async () => {
    const index = await build();
    expect(index.markDelete(labelOf(5))).toBe(true);
    expect(index.markDelete(labelOf(5))).toBe(false);
    expect(index.size).toBe(COUNT - 1);
    expect(index.vector(labelOf(5))).toBeUndefined();
    expect(index.search(row(5), 10).map((hit) => hit.label)).not.toContain(labelOf(5));

    index.add(labelOf(5), row(5));
    expect(index.size).toBe(COUNT);
    expect(index.search(row(5), 1)[0].label).toBe(labelOf(5));

    index.add(labelOf(5), row(900)); // re-embedded: same label, new vector
    expect(
      index
        .search(row(900), 2)
        .map((hit) => hit.label)
        .sort(),
    ).toEqual([labelOf(5), labelOf(900)].sort());
    index.dispose();
  });

  it('round-trips through a store with identical answers, deletions included, and keeps growing', async () => {
    const index = await build();
    index.markDelete(labelOf(1));
    index.markDelete(labelOf(2));
    const store = new MemoryIndexStore();
    const bytes = await saveIndex(store, 'builtin-v1', index);
    expect(bytes).toBeGreaterThan(COUNT * DIMS * 4);

    const loaded = await loadIndex(store, 'builtin-v1', { dims: DIMS });
    if (!loaded.ok) throw new Error(loaded.reason.message);
    const copy = loaded.value as HnswIndex;
    expect(copy.kind).toBe('hnsw');
    expect(copy.size).toBe(COUNT - 2);
    expect(copy.labels()).toEqual(index.labels());
    expect(copy.settings).toEqual(index.settings);
    for (const i of [0, 1, 77, 1499]) expect(copy.search(row(i), 10)).toEqual(index.search(row(i), 10));

    // A deleted label saved as deleted can be revived after loading; new labels still fit.
    copy.add(labelOf(1), row(1));
    expect(copy.search(row(1), 1)[0].label).toBe(labelOf(1));
    const extra = data.sample(300, 99);
    copy.addBatch(
      Uint32Array.from({ length: 300 }, (_, i) => 900_000 + i),
      extra,
    );
    expect(copy.size).toBe(COUNT - 1 + 300);
    expect(copy.search(extra.subarray(0, DIMS), 1)[0].label).toBe(900_000);
    index.dispose();
    copy.dispose();
  });

  it('reports a damaged, truncated, foreign or missing file instead of loading it', async () => {
    const index = await build();
    const store = new MemoryIndexStore();
    await saveIndex(store, 'builtin-v1', index);
    const good = store.files.get(indexPath('builtin-v1'))!;

    expect(await loadIndex(store, 'other-model', { dims: DIMS })).toMatchObject({ ok: false, reason: { problem: 'missing' } });
    expect(await loadIndex(store, 'builtin-v1', { dims: 128 })).toMatchObject({ ok: false, reason: { problem: 'mismatch' } });

    const flipped = good.slice();
    flipped[Math.floor(flipped.length * 0.7)] ^= 0x40;
    store.files.set(indexPath('builtin-v1'), flipped);
    expect(await loadIndex(store, 'builtin-v1', { dims: DIMS })).toMatchObject({ ok: false, reason: { problem: 'corrupt' } });

    store.files.set(indexPath('builtin-v1'), good.subarray(0, good.length - 4096));
    const truncated = await loadIndex(store, 'builtin-v1', { dims: DIMS });
    expect(truncated).toMatchObject({ ok: false, reason: { problem: 'corrupt' } });
    expect(truncated.ok ? '' : truncated.reason.message).toMatch(/truncated/);

    store.files.set(indexPath('builtin-v1'), new Uint8Array(4096).fill(7));
    expect(await loadIndex(store, 'builtin-v1', { dims: DIMS })).toMatchObject({ ok: false, reason: { problem: 'not-an-index' } });
    index.dispose();
  });

  it('refuses to be used after dispose', async () => {
    const index = await HnswIndex.create(DIMS);
    index.dispose();
    expect(() => index.search(row(0), 1)).toThrow(/disposed/);
  });
});
