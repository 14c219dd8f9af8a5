import { transfer } from 'comlink';
import { exposeToHost } from './exposeToHost';
import { saveIndex } from '../src/core/index/indexStore';
import { openSyncedIndex, outgrowExactIndex } from '../src/core/index/indexSync';
import { settleCompaction, type CompactedFile } from '../src/core/index/vectorCompaction';
import type { HnswParams } from '../src/core/index/hnswIndex';
import type { VectorIndex } from '../src/core/index/vectorIndex';
import { recommend, type RecommendFilters } from '../src/core/recommend';
import type { TrackFacts } from '../src/core/recommend/trackFacts';
import type { HarmonicRelation } from '../src/core/recommend/harmonic';
import { directoryAt, opfsRoot, removeEntry, writeFileAt } from '../src/storage/opfs';
import { opfsIndexStore } from '../src/storage/opfsIndexStore';
import { VectorFile } from '../src/storage/vectorFile';

/**
 * Index worker: owns one model's vector file (OPFS, sync access handle) and its nearest-neighbour
 * index (exact for small libraries, HNSW above), kept in step with the rows the app says are live.
 * Recommendations run here too, against track facts the app pushes, so a query never waits on
 * the main thread. Index labels are vector-file rows.
 */
export interface AppTrackFacts extends TrackFacts {
  trackId: string;
}

export interface OpenReport {
  rows: number;
  live: number;
  kind: string;
  /** How the saved index was used: loaded as is, extended/trimmed, or rebuilt (with why). */
  index: 'loaded' | 'caught-up' | 'rebuilt';
  reason?: string;
}

export interface RecommendationView {
  trackId: string;
  label: number;
  score: number;
  keyRelation?: HarmonicRelation;
}

/** The app's index store, on this origin's OPFS. */
const opfsStore = opfsIndexStore;

interface State {
  modelId: string;
  file: VectorFile;
  index: VectorIndex;
  facts: Map<number, AppTrackFacts>;
  unsaved: number;
  hnsw?: Partial<HnswParams>;
  /** Another tab owns the vector file: this one reads a snapshot and never writes. */
  readOnly: boolean;
}

let state: State | null = null;

/** The compacted file `<model>.f32.compact` beside the model's vector file (compaction: src/core/index/vectorCompaction.ts). */
function compactedFile(dir: FileSystemDirectoryHandle, modelId: string): CompactedFile {
  const name = `${modelId}.f32.compact`;
  return {
    exists: () =>
      dir.getFileHandle(name).then(
        () => true,
        () => false,
      ),
    discard: () => dir.removeEntry(name),
    async adopt() {
      const compact = (await dir.getFileHandle(name)) as FileSystemFileHandle & { move?: (name: string) => Promise<void> };
      await removeEntry(dir, `${modelId}.f32`);
      if (compact.move) await compact.move(`${modelId}.f32`);
      else {
        await writeFileAt(dir, `${modelId}.f32`, await (await compact.getFile()).arrayBuffer());
        await dir.removeEntry(name);
      }
    },
  };
}
const SAVE_AFTER_CHANGES = 2000;

/** The open in progress: calls that arrive meanwhile (facts from a finished track, a save) wait for it. */
let opening: Promise<unknown> | null = null;

/** The open state, once any open in progress has settled; calls in between must not see it closed. */
async function ready(): Promise<State> {
  while (opening) await opening.catch(() => undefined);
  if (!state) throw new Error('The vector index is not open');
  return state;
}

async function openNow(
  modelId: string,
  dims: number,
  liveRows: Uint32Array,
  hnsw?: Partial<HnswParams>,
  onProgress?: (done: number, total: number) => void,
  /** The row numbers in IndexedDB already refer to a compacted file written before a crash. */
  finishCompaction = false,
  /** Another tab owns the vector file: read a snapshot of it, write nothing. */
  readOnly = false,
): Promise<OpenReport> {
  closeState();
  const dir = await directoryAt(await opfsRoot(), 'vectors', true);
  if (!readOnly) await settleCompaction(compactedFile(dir, modelId), finishCompaction);
  const file = readOnly ? await VectorFile.openSnapshot(dir, `${modelId}.f32`, dims) : await VectorFile.open(dir, `${modelId}.f32`, dims);
  // Rows past the end of the file (lost in a crash before the flush) cannot be trusted.
  const valid = liveRows.filter((row) => row < file.rows);
  const synced = await openSyncedIndex({
    store: opfsStore,
    modelId,
    dims,
    hnsw,
    source: { liveLabels: async () => valid, read: async (labels) => file.readRows(labels) },
    onProgress: onProgress ? (done, total) => onProgress(done, total) : undefined,
    save: !readOnly,
  });
  state = { modelId, file, index: synced.index, facts: new Map(), unsaved: 0, hnsw, readOnly };
  const how: OpenReport['index'] = synced.action === 'extended' ? 'caught-up' : synced.action;
  const reason = synced.message ?? (synced.action === 'extended' ? `saved index was behind: added ${synced.added}, removed ${synced.removed}` : undefined);
  return { rows: file.rows, live: synced.index.size, kind: synced.index.kind, index: how, reason };
}

function closeState(): void {
  if (!state) return;
  state.file.close();
  state.index.dispose();
  state = null;
}

const api = {
  /**
   * Open the model's vectors and index. `liveRows` are the rows IndexedDB references. A saved index
   * that is missing, damaged or out of step is never trusted: it is caught up or rebuilt from the file.
   */
  async open(...args: Parameters<typeof openNow>): Promise<OpenReport> {
    while (opening) await opening.catch(() => undefined);
    const run = openNow(...args);
    opening = run;
    try {
      return await run;
    } finally {
      if (opening === run) opening = null;
    }
  },

  /**
   * Compaction, step 1: write the live rows, in the given order (`planCompaction`'s `keep`), to
   * `<model>.f32.compact`. The app then renumbers the rows in IndexedDB and calls `finishCompaction`.
   */
  async writeCompacted(liveRows: Uint32Array): Promise<number> {
    const s = await ready();
    const compacted = await s.file.compactInto(`${s.modelId}.f32.compact`, liveRows);
    const rows = compacted.rows;
    compacted.close();
    return rows;
  },

  /** Compaction, step 2: swap the compacted file in and rebuild the index on the new row numbers. */
  async finishCompaction(liveRows: Uint32Array): Promise<OpenReport> {
    const { modelId, file, hnsw } = await ready();
    await opfsStore.remove(`index/${modelId}.hnsw`);
    return api.open(modelId, file.dims, liveRows, hnsw, undefined, true);
  },

  /** Append a vector (flushed to disk) and index it; returns its row. */
  async append(vector: Float32Array): Promise<number> {
    const s = await ready();
    const row = s.file.append(vector);
    s.index.add(row, vector);
    s.index = await outgrowExactIndex(s.index, { read: async (rows) => s.file.readRows(rows) }, { hnsw: s.hnsw });
    if (++s.unsaved >= SAVE_AFTER_CHANGES) await api.persist();
    return row;
  },

  async retire(rows: number[]): Promise<void> {
    const s = await ready();
    for (const row of rows) {
      s.index.markDelete(row);
      s.facts.delete(row);
    }
    s.unsaved += rows.length;
  },

  /** Replace (`replace: true`) or update the facts recommendations filter on. */
  async setFacts(facts: AppTrackFacts[], replace = false): Promise<void> {
    const s = await ready();
    if (replace) s.facts.clear();
    for (const f of facts) s.facts.set(f.label, f);
  },

  async recommend(seedRows: number[], k: number, filters: RecommendFilters = {}): Promise<RecommendationView[]> {
    const s = await ready();
    return recommend(s.index, (label) => s.facts.get(label), { seeds: seedRows, k, filters }).map((r) => ({
      trackId: r.track.trackId,
      label: r.label,
      score: r.score,
      keyRelation: r.keyRelation,
    }));
  },

  async vector(row: number): Promise<Float32Array | undefined> {
    const v = (await ready()).index.vector(row);
    if (!v) return undefined;
    const copy = v.slice();
    return transfer(copy, [copy.buffer]);
  },

  /** Write the index to OPFS (`index/<modelId>.hnsw`). */
  async persist(): Promise<number> {
    const s = await ready();
    if (s.unsaved === 0 || s.readOnly) return 0;
    const bytes = await saveIndex(opfsStore, s.modelId, s.index);
    s.unsaved = 0;
    return bytes;
  },

  stats(): { rows: number; live: number; kind: string; unsaved: number } | null {
    return state ? { rows: state.file.rows, live: state.index.size, kind: state.index.kind, unsaved: state.unsaved } : null;
  },

  async close(): Promise<void> {
    while (opening) await opening.catch(() => undefined);
    closeState();
  },
};

export type IndexWorkerApi = typeof api;
exposeToHost(api);
