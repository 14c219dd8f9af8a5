import { wrap, proxy, type Remote } from 'comlink';
import type { RecommendFilters } from '../core/recommend';
import { DEFAULT_DIMS } from '../core/index/vectorIndex';
import type { RbassistDb } from '../storage/db';
import type { AppTrackFacts, IndexWorkerApi, OpenReport, RecommendationView } from '../../workers/index.worker';

/** What a recommendation gives the UI (which sees workers only through the app layer). */
export type { RecommendationView };

/**
 * Vectors and the similarity index, from the main thread: rows are appended in the index worker
 * (OPFS), then recorded in IndexedDB (`embeddings`) — in that order, so a crash can only leave an
 * unreferenced row. Keeps track id ↔ row maps for the active model and feeds the worker the track
 * facts that recommendation filters use.
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
  private readonly api: Remote<IndexWorkerApi>;
  private modelId: string | null = null;
  private opening: Promise<OpenReport> | null = null;
  readonly rowOf = new Map<string, number>();
  /** Last open report (how the saved index was used), for the status line and tests. */
  lastOpen: OpenReport | null = null;
  private roleClaim: Promise<VectorRole> | null = null;
  role: VectorRole | null = null;
  /** Called when this tab becomes the owner (the owning tab closed) and has reopened as such. */
  onOwnership: (() => void) | null = null;

  constructor(private readonly db: RbassistDb, private readonly factsOf: FactsOf, onRebuildProgress?: (done: number, total: number) => void) {
    const worker = new Worker(new URL('../../workers/index.worker.ts', import.meta.url), { type: 'module', name: 'index' });
    this.api = wrap<IndexWorkerApi>(worker);
    this.progress = onRebuildProgress;
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
    this.opening = (async () => {
      const readOnly = (this.role ?? (await this.claimRole())) === 'reader';
      const records = await this.db.embeddings.where('modelId').equals(modelId).toArray();
      this.rowOf.clear();
      for (const r of records) this.rowOf.set(r.trackId, r.row);
      const rows = Uint32Array.from(records.map((r) => r.row)).sort();
      const interrupted = !readOnly && (await this.db.settings.get(compactionMarker(modelId))) !== undefined;
      const report = await this.api.open(modelId, DEFAULT_DIMS, rows, undefined, this.progress ? proxy(this.progress) : undefined, interrupted, readOnly);
      if (interrupted) await this.db.settings.delete(compactionMarker(modelId));
      await this.pushFacts([...this.rowOf.keys()], true);
      this.lastOpen = report;
      return report;
    })();
    return this.opening;
  }

  async store(modelId: string, trackId: string, vector: Float32Array): Promise<void> {
    await this.open(modelId);
    const previous = this.rowOf.get(trackId);
    const row = await this.api.append(vector);
    await this.db.embeddings.put({ trackId, modelId, row, at: Date.now() });
    this.rowOf.set(trackId, row);
    if (previous !== undefined) await this.api.retire([previous]);
    await this.pushFacts([trackId]);
  }

  /** Tracks that left the library leave the index (their rows are reclaimed by compaction). */
  async retire(trackIds: readonly string[]): Promise<void> {
    if (!this.modelId) return;
    const rows = trackIds.map((id) => this.rowOf.get(id)).filter((r): r is number => r !== undefined);
    if (!rows.length) return;
    await this.db.embeddings.bulkDelete(trackIds.map((id) => [id, this.modelId!] as [string, string]));
    for (const id of trackIds) this.rowOf.delete(id);
    await this.api.retire(rows);
  }

  /** Send the current facts (BPM, key, energy, artist…) of these tracks to the worker. */
  async pushFacts(trackIds: readonly string[], replace = false): Promise<void> {
    if (!this.modelId) return;
    const facts: AppTrackFacts[] = [];
    for (const trackId of trackIds) {
      const label = this.rowOf.get(trackId);
      const known = this.factsOf(trackId);
      if (label !== undefined && known) facts.push({ ...known, label, trackId });
    }
    await this.api.setFacts(facts, replace);
  }

  async recommend(seedTrackIds: readonly string[], k: number, filters: RecommendFilters = {}): Promise<RecommendationView[]> {
    const seeds = seedTrackIds.map((id) => this.rowOf.get(id));
    if (seeds.some((s) => s === undefined)) throw new Error('Analyse the selected track first: it has no embedding yet');
    return this.api.recommend(seeds as number[], k, filters);
  }

  /**
   * Rewrite the vector file without retired rows once more than a quarter of it is retired
   * (re-embedded or removed tracks). Crash-safe: the compacted file is written first, then the row
   * numbers in IndexedDB change together with a marker, then the file is swapped in; a crash in
   * between is settled at the next open by that marker.
   */
  async compactIfNeeded(): Promise<boolean> {
    const stats = await this.api.stats();
    if (!stats || !this.modelId || this.readOnly) return false;
    const retired = stats.rows - this.rowOf.size;
    if (retired === 0 || retired <= stats.rows / 4) return false;
    const modelId = this.modelId;
    const byRow = [...this.rowOf.entries()].sort((a, b) => a[1] - b[1]);
    await this.api.writeCompacted(Uint32Array.from(byRow.map(([, row]) => row)));
    await this.db.transaction('rw', [this.db.embeddings, this.db.settings], async () => {
      await this.db.embeddings.bulkUpdate(byRow.map(([trackId], row) => ({ key: [trackId, modelId] as [string, string], changes: { row } })));
      await this.db.settings.put({ key: compactionMarker(modelId), value: Date.now() });
    });
    byRow.forEach(([trackId], row) => this.rowOf.set(trackId, row));
    this.lastOpen = await this.api.finishCompaction(Uint32Array.from(byRow.keys()));
    await this.db.settings.delete(compactionMarker(modelId));
    await this.pushFacts([...this.rowOf.keys()], true);
    return true;
  }

  async persist(): Promise<number> {
    return this.modelId ? this.api.persist() : 0;
  }

  async stats() {
    return this.api.stats();
  }
}
