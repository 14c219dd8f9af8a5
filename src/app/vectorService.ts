import { proxy, type Remote } from 'comlink';
import type { VectorKey } from '../core/analysis/plan';
import type { RecommendFilters } from '../core/recommend';
import { DEFAULT_DIMS } from '../core/index/vectorIndex';
import { planCompaction } from '../core/index/vectorCompaction';
import type { RbassistDb } from '../storage/db';
import type { AppTrackFacts, IndexWorkerApi, OpenReport, RecommendationView } from '../../workers/index.worker';
import { WorkerHost, type RunOptions } from './workerHost';
import { startIndexWorker } from './workers';

/** What a recommendation gives the UI (which sees workers only through the app layer). */
export type { RecommendationView };

/**
 * Vectors and the similarity index, from the main thread: rows are appended in the index worker
 * (OPFS), then recorded in IndexedDB (`embeddings`) — in that order, so a crash can only leave an
 * unreferenced row. Keeps track id ↔ row maps for the active model and feeds the worker the track
 * facts that recommendation filters use. A lost index worker is replaced, the fresh one reopens the
 * model from the vector file and IndexedDB (the truth), and the calls that were waiting run once more:
 * each is safe to repeat (a repeated append leaves at most an unreferenced row).
 */
const compactionMarker = (modelId: string) => `compaction:${modelId}`;
/** Held for its whole life by the one tab that owns the vector files (OPFS access handles are exclusive). */
const OWNER_LOCK = 'rbassist-vectors';

/**
 * `owner`: this tab holds the vector files and writes them. `reader`: another tab does; this one
 * reads a snapshot (library, similar tracks) and takes over when the owner closes.
 */
export type VectorRole = 'owner' | 'reader';

export type FactsOf = (trackId: string) => Omit<AppTrackFacts, 'label' | 'trackId'> | undefined;

export class VectorService {
  /** The index worker. Calls have no time limit: an open may rebuild a large index for minutes. */
  readonly worker: WorkerHost<IndexWorkerApi>;
  private modelId: string | null = null;
  /** The model the current index worker has open, reopened by a worker that replaces it. */
  private openInWorker: string | null = null;
  /** IndexedDB records of appended rows being written now. */
  private readonly recording = new Set<Promise<unknown>>();
  private opening: Promise<OpenReport> | null = null;
  readonly rowOf = new Map<string, number>();
  /** Last open report (how the saved index was used), for the status line and tests. */
  lastOpen: OpenReport | null = null;
  private roleClaim: Promise<VectorRole> | null = null;
  role: VectorRole | null = null;
  /** Called when this tab becomes the owner (the owning tab closed) and has reopened as such. */
  onOwnership: (() => void) | null = null;

  constructor(
    private readonly db: RbassistDb,
    private readonly factsOf: FactsOf,
    onRebuildProgress?: (done: number, total: number) => void,
  ) {
    this.worker = new WorkerHost<IndexWorkerApi>({
      name: 'index',
      create: startIndexWorker,
      // The worker orders its own calls (they wait for an open in progress).
      tasksPerWorker: Infinity,
      prepare: async (api) => {
        if (this.openInWorker) await this.openIn(api, this.openInWorker);
      },
    });
    this.progress = onRebuildProgress;
  }

  /** One call to the index worker; run once more on a fresh worker if it is lost meanwhile, unless `once`. */
  private call<R>(task: (api: Remote<IndexWorkerApi>) => Promise<R>, label: string, { once = false }: { once?: boolean } = {}): Promise<R> {
    const options: RunOptions = { label, retryOnLoss: !once };
    return this.worker.run(task, options);
  }

  private readonly progress?: (done: number, total: number) => void;

  /** Owner if no other tab owns the vector files; otherwise reader, queued to take over. */
  private claimRole(): Promise<VectorRole> {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks) return Promise.resolve('owner');
    this.roleClaim ??= new Promise<VectorRole>((resolve) => {
      const holdForever = () => new Promise<never>(() => undefined);
      void locks.request(OWNER_LOCK, { ifAvailable: true }, async (lock) => {
        if (lock) {
          resolve('owner');
          return holdForever();
        }
        resolve('reader');
        // Queue for ownership: granted when the owning tab closes.
        void locks.request(OWNER_LOCK, async () => {
          this.role = 'owner';
          if (this.modelId) await this.reopen();
          this.onOwnership?.();
          return holdForever();
        });
      });
    }).then((role) => (this.role = role));
    return this.roleClaim;
  }

  get readOnly(): boolean {
    return this.role === 'reader';
  }

  /** Read the active model's vectors again (a reader after the owner added some, or on taking over). */
  async reopen(): Promise<OpenReport | null> {
    const modelId = this.modelId;
    if (!modelId) return null;
    this.opening = null;
    return this.open(modelId);
  }

  /** Open (or switch to) a model's vectors; the index is caught up or rebuilt as needed. */
  async open(modelId: string): Promise<OpenReport> {
    if (this.modelId === modelId && this.opening) return this.opening;
    this.modelId = modelId;
    this.opening = this.call((api) => this.openIn(api, modelId), `Opening the vectors of ${modelId}`);
    return this.opening;
  }

  /** Open `modelId` in this worker from what IndexedDB references (settling an interrupted compaction). */
  private async openIn(api: Remote<IndexWorkerApi>, modelId: string): Promise<OpenReport> {
    // A row the lost worker appended is live once its record is written: wait for those records.
    await Promise.allSettled(this.recording);
    const readOnly = (this.role ?? (await this.claimRole())) === 'reader';
    const records = await this.db.embeddings.where('modelId').equals(modelId).toArray();
    this.rowOf.clear();
    for (const r of records) this.rowOf.set(r.trackId, r.row);
    const rows = Uint32Array.from(records.map((r) => r.row)).sort();
    const interrupted = !readOnly && (await this.db.settings.get(compactionMarker(modelId))) !== undefined;
    const report = await api.open(modelId, DEFAULT_DIMS, rows, undefined, this.progress ? proxy(this.progress) : undefined, interrupted, readOnly);
    this.openInWorker = modelId;
    if (interrupted) await this.db.settings.delete(compactionMarker(modelId));
    await api.setFacts(this.factsFor([...this.rowOf.keys()]), true);
    this.lastOpen = report;
    return report;
  }

  /** Append `trackId`'s vector and record it with what it was made from (the pipeline's VectorKey). */
  async store(modelId: string, trackId: string, vector: Float32Array, key: Required<VectorKey>): Promise<void> {
    await this.open(modelId);
    const previous = this.rowOf.get(trackId);
    const row = await this.call((api) => api.append(vector), 'Storing a vector');
    const recorded = this.db.embeddings.put({
      trackId,
      modelId,
      row,
      windowsCacheKey: key.windowsCacheKey,
      embedderVersion: key.embedderVersion,
      at: Date.now(),
    });
    this.recording.add(recorded);
    await recorded.finally(() => this.recording.delete(recorded));
    this.rowOf.set(trackId, row);
    if (previous !== undefined) await this.call((api) => api.retire([previous]), 'Retiring a vector');
    await this.pushFacts([trackId]);
  }

  /** The stored vector of a track, if it has one. */
  async vectorOf(trackId: string): Promise<Float32Array | undefined> {
    const row = this.rowOf.get(trackId);
    if (row === undefined || !this.modelId) return undefined;
    return this.call((api) => api.vector(row), 'Reading a vector');
  }

  /** Tracks that left the library leave the index (their rows are reclaimed by compaction). */
  async retire(trackIds: readonly string[]): Promise<void> {
    if (!this.modelId) return;
    const rows = trackIds.map((id) => this.rowOf.get(id)).filter((r): r is number => r !== undefined);
    if (!rows.length) return;
    await this.db.embeddings.bulkDelete(trackIds.map((id) => [id, this.modelId!] as [string, string]));
    for (const id of trackIds) this.rowOf.delete(id);
    await this.call((api) => api.retire(rows), 'Retiring vectors');
  }

  /** Send the current facts (BPM, key, energy, artist…) of these tracks to the worker. */
  async pushFacts(trackIds: readonly string[], replace = false): Promise<void> {
    if (!this.modelId) return;
    const facts = this.factsFor(trackIds);
    await this.call((api) => api.setFacts(facts, replace), 'Updating track facts');
  }

  private factsFor(trackIds: readonly string[]): AppTrackFacts[] {
    const facts: AppTrackFacts[] = [];
    for (const trackId of trackIds) {
      const label = this.rowOf.get(trackId);
      const known = this.factsOf(trackId);
      if (label !== undefined && known) facts.push({ ...known, label, trackId });
    }
    return facts;
  }

  async recommend(seedTrackIds: readonly string[], k: number, filters: RecommendFilters = {}): Promise<RecommendationView[]> {
    const seeds = seedTrackIds.map((id) => this.rowOf.get(id));
    if (seeds.some((s) => s === undefined)) throw new Error('Analyse the selected track first: it has no embedding yet');
    return this.call((api) => api.recommend(seeds as number[], k, filters), 'Finding similar tracks');
  }

  /**
   * Rewrite the vector file without retired rows once more than a quarter of it is retired
   * (re-embedded or removed tracks); the crash-safe steps are in src/core/index/vectorCompaction.ts:
   * compacted file, then the row numbers in IndexedDB with a marker, then the file swapped in.
   */
  async compactIfNeeded(): Promise<boolean> {
    const stats = await this.stats();
    if (!stats || !this.modelId || this.readOnly) return false;
    const plan = planCompaction(stats.rows, this.rowOf);
    if (!plan) return false;
    const modelId = this.modelId;
    // Not repeated on a fresh worker: a compaction cut short is settled by the next open (the marker).
    await this.call((api) => api.writeCompacted(plan.keep), 'Compacting the vector file', { once: true });
    await this.db.transaction('rw', [this.db.embeddings, this.db.settings], async () => {
      await this.db.embeddings.bulkUpdate([...plan.newRowOf].map(([trackId, row]) => ({ key: [trackId, modelId] as [string, string], changes: { row } })));
      await this.db.settings.put({ key: compactionMarker(modelId), value: Date.now() });
    });
    for (const [trackId, row] of plan.newRowOf) this.rowOf.set(trackId, row);
    this.lastOpen = await this.call((api) => api.finishCompaction(Uint32Array.from(plan.newRowOf.values()).sort()), 'Compacting the vector file', {
      once: true,
    });
    await this.db.settings.delete(compactionMarker(modelId));
    await this.pushFacts([...this.rowOf.keys()], true);
    return true;
  }

  async persist(): Promise<number> {
    return this.modelId ? this.call((api) => api.persist(), 'Saving the index') : 0;
  }

  async stats() {
    return this.call((api) => api.stats(), 'Reading index statistics');
  }
}
