import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createIndex, indexPath, MemoryIndexStore } from './indexStore';
import { openSyncedIndex, outgrowExactIndex, type VectorSource } from './indexSync';
import { clusteredVectors } from './syntheticVectors';

const DIMS = 32;
const ROWS = 800;
const data = clusteredVectors({ count: ROWS, dims: DIMS, seed: 31, latentDims: 8 });

/** The vector store as the index sees it: rows 0..ROWS-1, some retired. */
function vectorStore(liveRows: Iterable<number>): VectorSource & { reads: number } {
  const live = Uint32Array.from(liveRows).sort();
  const store = {
    reads: 0,
    liveLabels: async () => live,
    read: async (labels: Uint32Array) => {
      store.reads += labels.length;
      const out = new Float32Array(labels.length * DIMS);
      labels.forEach((row, i) => out.set(data.vectors.subarray(row * DIMS, (row + 1) * DIMS), i * DIMS));
      return out;
    },
  };
  return store;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const options = (store: MemoryIndexStore, source: VectorSource) => ({ store, modelId: 'builtin-v1', dims: DIMS, source, exactUpTo: 100, batchSize: 128 });

describe('openSyncedIndex', () => {
  it('rebuilds a missing index with progress, then loads the saved one as is', async () => {
    const store = new MemoryIndexStore();
    const progress: number[] = [];
    const first = await openSyncedIndex({ ...options(store, vectorStore(range(0, 500))), onProgress: (done) => progress.push(done) });
    expect(first).toMatchObject({ action: 'rebuilt', reason: 'missing', added: 500 });
    expect(first.index.kind).toBe('hnsw');
    expect(progress).toEqual([128, 256, 384, 500]);
    expect(store.files.has(indexPath('builtin-v1'))).toBe(true);
    first.index.dispose();

    const source = vectorStore(range(0, 500));
    const second = await openSyncedIndex(options(store, source));
    expect(second).toMatchObject({ action: 'loaded', added: 0, removed: 0 });
    expect(second.index.size).toBe(500);
    expect(source.reads).toBe(0);
    second.index.dispose();
  });

  it('extends an index that is behind the vector store and drops retired rows', async () => {
    const store = new MemoryIndexStore();
    (await openSyncedIndex(options(store, vectorStore(range(0, 500))))).index.dispose();

    // Since the save: rows 500–599 were added (new tracks), rows 0–19 retired (re-embedded/removed).
    const source = vectorStore(range(20, 600));
    const synced = await openSyncedIndex(options(store, source));
    expect(synced).toMatchObject({ action: 'extended', added: 100, removed: 20 });
    expect(source.reads).toBe(100);
    const { index } = synced;
    expect(index.size).toBe(580);
    expect(index.has(5)).toBe(false);
    expect(index.search(data.vectors.subarray(550 * DIMS, 551 * DIMS), 1)[0].label).toBe(550);
    index.dispose();

    const reopened = await openSyncedIndex(options(store, vectorStore(range(20, 600))));
    expect(reopened.action).toBe('loaded'); // the extended index was saved
    reopened.index.dispose();
  });

  it('rebuilds a corrupt file, an index of the wrong kind, and one full of retired slots', async () => {
    const store = new MemoryIndexStore();
    (await openSyncedIndex(options(store, vectorStore(range(0, 500))))).index.dispose();
    const saved = store.files.get(indexPath('builtin-v1'))!;
    saved[saved.length - 100] ^= 0xff;
    const corrupt = await openSyncedIndex(options(store, vectorStore(range(0, 500))));
    expect(corrupt).toMatchObject({ action: 'rebuilt', reason: 'corrupt' });
    corrupt.index.dispose();

    const shrunk = await openSyncedIndex(options(store, vectorStore(range(0, 80))));
    expect(shrunk).toMatchObject({ action: 'rebuilt', reason: 'kind-changed' });
    expect(shrunk.index.kind).toBe('exact');
    shrunk.index.dispose();

    (await openSyncedIndex(options(store, vectorStore(range(0, 500))))).index.dispose();
    const mostlyRetired = await openSyncedIndex(options(store, vectorStore(range(300, 800))));
    expect(mostlyRetired).toMatchObject({ action: 'rebuilt', reason: 'compaction', added: 500 });
    expect(mostlyRetired.index.deletedCount).toBe(0);
    mostlyRetired.index.dispose();
  });
});

describe('outgrowExactIndex', () => {
  it('moves an exact index that outgrew its limit to HNSW once, with the same vectors', async () => {
    const source = vectorStore(range(0, 101));
    const exact = await createIndex({ dims: DIMS, expectedCount: 10, exactUpTo: 100 });
    const rows = Uint32Array.from(range(0, 100));
    exact.addBatch(rows, await source.read(rows));
    // At the limit: still exact, and the same object.
    expect(await outgrowExactIndex(exact, source, { exactUpTo: 100 })).toBe(exact);

    exact.add(100, (await source.read(Uint32Array.of(100))).slice());
    const grown = await outgrowExactIndex(exact, source, { exactUpTo: 100, batchSize: 32 });
    expect(grown.kind).toBe('hnsw');
    expect(Array.from(grown.labels())).toEqual(range(0, 101));
    const query = data.vectors.subarray(7 * DIMS, 8 * DIMS);
    expect(grown.search(query, 1)[0].label).toBe(7);
    // An HNSW index is never moved again.
    expect(await outgrowExactIndex(grown, source, { exactUpTo: 100 })).toBe(grown);
    grown.dispose();
  });
});
