import { chooseIndexKind, createIndex, loadIndex, saveIndex, type IndexStore, type LoadProblem } from './indexStore';
import type { HnswParams } from './hnswIndex';
import type { VectorIndex } from './vectorIndex';

/**
 * Brings the saved index of a model in line with the vector store at start-up, never trusting the
 * file blindly: a missing, damaged or foreign file is rebuilt from the vectors; a file that is behind
 * (rows added or retired since it was saved) is extended and pruned; an index whose kind no longer
 * fits the library size, or that carries too many deleted slots, is rebuilt. Progress is reported
 * per batch so the UI can show "Rebuilding similarity index… 12 000 / 50 000".
 */
export interface VectorSource {
  /** Labels (vector rows) that are live in the vector store now. */
  liveLabels(): Promise<Uint32Array>;
  /** The vectors of `labels`, rows of `dims` floats back to back, in the same order. */
  read(labels: Uint32Array): Promise<Float32Array>;
}

export type SyncAction = 'loaded' | 'extended' | 'rebuilt';

export interface SyncResult {
  index: VectorIndex;
  action: SyncAction;
  /** Why it was rebuilt (problem of the saved file, or a size/compaction reason). */
  reason?: LoadProblem | 'kind-changed' | 'compaction';
  message?: string;
  added: number;
  removed: number;
}

export interface SyncOptions {
  store: IndexStore;
  modelId: string;
  dims: number;
  source: VectorSource;
  hnsw?: Partial<HnswParams>;
  exactUpTo?: number;
  onProgress?: (done: number, total: number, phase: 'rebuilding' | 'extending') => void;
  /** Vectors read and added per step (bounds memory and keeps progress moving). */
  batchSize?: number;
  /** Save after changing the index (default true). */
  save?: boolean;
}

/** Rebuild rather than extend when the saved index holds more deleted slots than this share. */
const MAX_RETIRED_SHARE = 0.25;

export async function openSyncedIndex(options: SyncOptions): Promise<SyncResult> {
  const { store, modelId, dims, source, batchSize = 2048, save = true } = options;
  const live = await source.liveLabels();
  const loaded = await loadIndex(store, modelId, { dims, efSearch: options.hnsw?.efSearch });
  const wantedKind = chooseIndexKind(live.length, options.exactUpTo);

  const rebuild = async (reason: SyncResult['reason'], message: string): Promise<SyncResult> => {
    if (loaded.ok) loaded.value.dispose();
    const index = await createIndex({ dims, expectedCount: live.length, exactUpTo: options.exactUpTo, hnsw: options.hnsw });
    await addInBatches(index, live, source, batchSize, (done) => options.onProgress?.(done, live.length, 'rebuilding'));
    if (save) await saveIndex(store, modelId, index);
    return { index, action: 'rebuilt', reason, message, added: live.length, removed: 0 };
  };

  if (!loaded.ok) return rebuild(loaded.reason.problem, loaded.reason.message);
  const index = loaded.value;
  if (index.kind !== wantedKind) {
    return rebuild('kind-changed', `The library now has ${live.length} tracks: switching the index from ${index.kind} to ${wantedKind}`);
  }

  const liveSet = new Set(live);
  const indexed = index.labels();
  const stale = indexed.filter((label) => !liveSet.has(label));
  const missing = live.filter((label) => !index.has(label));
  const retiredShare = (index.deletedCount + stale.length) / Math.max(1, indexed.length + missing.length + index.deletedCount);
  if (index.kind === 'hnsw' && retiredShare > MAX_RETIRED_SHARE) {
    return rebuild('compaction', `${Math.round(retiredShare * 100)} % of the index slots belong to removed tracks: rebuilding it compact`);
  }
  if (stale.length === 0 && missing.length === 0) return { index, action: 'loaded', added: 0, removed: 0 };

  for (const label of stale) index.markDelete(label);
  await addInBatches(index, missing, source, batchSize, (done) => options.onProgress?.(done, missing.length, 'extending'));
  if (save) await saveIndex(store, modelId, index);
  return { index, action: 'extended', added: missing.length, removed: stale.length };
}

export interface GrowthOptions {
  hnsw?: Partial<HnswParams>;
  exactUpTo?: number;
  batchSize?: number;
}

/**
 * After vectors were added: an exact index that now holds more than `exactUpTo` vectors is
 * replaced, once, by an HNSW index of the same vectors read back from the store (the exact one is
 * disposed). Any other index comes back as it is.
 */
export async function outgrowExactIndex(index: VectorIndex, source: Pick<VectorSource, 'read'>, options: GrowthOptions = {}): Promise<VectorIndex> {
  if (index.kind !== 'exact' || chooseIndexKind(index.size, options.exactUpTo) === 'exact') return index;
  const labels = index.labels();
  const grown = await createIndex({ dims: index.dims, expectedCount: labels.length, exactUpTo: options.exactUpTo, hnsw: options.hnsw });
  await addInBatches(grown, labels, source, options.batchSize ?? 2048, () => undefined);
  index.dispose();
  return grown;
}

async function addInBatches(
  index: VectorIndex,
  labels: Uint32Array,
  source: Pick<VectorSource, 'read'>,
  batchSize: number,
  progress: (done: number) => void,
): Promise<void> {
  for (let start = 0; start < labels.length; start += batchSize) {
    const batch = labels.subarray(start, Math.min(labels.length, start + batchSize));
    index.addBatch(batch, await source.read(batch));
    progress(start + batch.length);
  }
}
