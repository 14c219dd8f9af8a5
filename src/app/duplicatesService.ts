import type { CandidateSource } from '../core/library/duplicates/candidates';
import type { DuplicateReport } from '../core/library/duplicates/findDuplicates';
import type { RbassistDb } from '../storage/db';
import type { MapWorkerApi } from '../../workers/map.worker';
import type { WorkerHost } from './workerHost';
import type { CrateService } from './crates/crateService';
import type { LibraryController } from './libraryController';
import { Store } from './store';
import { errorMessage } from '../core/errors';

/** The crate the "Make crate" button fills (replaced each time). */
export const DUPLICATES_CRATE_NAME = 'Duplicates to remove';
const SETTINGS_KEY = 'duplicates';

export interface DuplicatesState {
  report: DuplicateReport | null;
  running: boolean;
  /** Tracks the DJ chose to keep over the keeper rule. */
  keepers: string[];
  /** Leave the non-keepers out of the library XML and M3U8 exports. */
  leaveOutOfExports: boolean;
  error: string | null;
}

/**
 * The Duplicates view's state: finds exact copies, same recordings and versions from the
 * fingerprints the analysis pass stored (src/core/library/duplicates), remembers the DJ's keeper
 * choices, and turns the result into a crate. Never touches the music folder.
 */
export class DuplicatesService {
  readonly store = new Store<DuplicatesState>({ report: null, running: false, keepers: [], leaveOutOfExports: false, error: null });

  constructor(
    private readonly db: RbassistDb,
    private readonly library: LibraryController,
    private readonly crates: CrateService,
    /** The worker that compares (the map worker: it already reads the vector file). */
    private readonly worker: WorkerHost<MapWorkerApi>,
    /** Where each track's vector is, for the embedding cosine check. */
    private readonly vectors: { rowOf: ReadonlyMap<string, number>; modelId: () => string | null; dims: number },
  ) {}

  async load(): Promise<void> {
    const saved = (await this.db.settings.get(SETTINGS_KEY))?.value as Partial<Pick<DuplicatesState, 'keepers' | 'leaveOutOfExports'>> | undefined;
    if (saved) this.store.set({ keepers: saved.keepers ?? [], leaveOutOfExports: saved.leaveOutOfExports ?? false });
  }

  private async save(): Promise<void> {
    const { keepers, leaveOutOfExports } = this.store.get();
    await this.db.settings.put({ key: SETTINGS_KEY, value: { keepers, leaveOutOfExports } });
  }

  async find(): Promise<DuplicateReport> {
    this.store.set({ running: true, error: null });
    try {
      const tracks = this.library.store
        .get()
        .tracks.map((v) => v.track)
        .filter((t) => t.status !== 'error');
      const fingerprints = await this.db.analyses
        .where('[trackId+analyzerId]')
        .anyOf(tracks.map((t) => [t.id, 'fingerprint']))
        .toArray();
      const byTrack = new Map(fingerprints.map((a) => [a.trackId, a]));
      const sources: CandidateSource[] = tracks.map((t) => {
        const stored = byTrack.get(t.id);
        return {
          id: t.id,
          relativePath: t.relativePath,
          dateAdded: t.dateAdded,
          tags: t.tags,
          fingerprint: stored && { version: stored.version, fields: stored.result.fields },
        };
      });
      const { rowOf, modelId, dims } = this.vectors;
      const rows = Int32Array.from(tracks, (t) => rowOf.get(t.id) ?? -1);
      const keepers = this.store.get().keepers;
      // Grouping compares every pair within ±1 s of duration: seconds for a large library, so never on the page.
      const report = await this.worker.run((api) => api.duplicates(modelId(), dims, sources, rows, keepers), {
        label: 'Looking for duplicates',
        retryOnLoss: true,
      });
      this.store.set({ report });
      return report;
    } catch (error) {
      this.store.set({ error: `Could not look for duplicates: ${errorMessage(error)}` });
      throw error;
    } finally {
      this.store.set({ running: false });
    }
  }

  /** Keep this track in its group instead of the rule's choice. */
  async keep(trackId: string): Promise<void> {
    const group = this.store.get().report?.groups.find((g) => g.kind !== 'versions' && g.trackIds.includes(trackId));
    const others = new Set(group?.trackIds ?? []);
    this.store.set((s) => ({ keepers: [...s.keepers.filter((id) => !others.has(id)), trackId] }));
    await this.save();
    await this.find();
  }

  async setLeaveOutOfExports(leaveOut: boolean): Promise<void> {
    this.store.set({ leaveOutOfExports: leaveOut });
    await this.save();
  }

  /** Tracks the exports leave out (when the DJ asked for it and duplicates were looked for). */
  excludedFromExports(): ReadonlySet<string> {
    const { leaveOutOfExports, report } = this.store.get();
    return new Set(leaveOutOfExports && report ? report.toRemove : []);
  }

  /** Fill the "Duplicates to remove" crate with every non-keeper (the crate is replaced). */
  async makeCrate(): Promise<string> {
    const report = this.store.get().report ?? (await this.find());
    const existing = this.crates.store.get().crates.find((c) => c.name === DUPLICATES_CRATE_NAME && c.rules === undefined);
    if (!existing) return this.crates.create(DUPLICATES_CRATE_NAME, report.toRemove);
    await this.crates.removeTracks(existing.id, existing.trackIds);
    await this.crates.addTracks(existing.id, report.toRemove);
    return existing.id;
  }
}
