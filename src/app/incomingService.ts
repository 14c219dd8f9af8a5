/**
 * The Incoming view's state: the first day it lists (the DJ's previous visit by default, or the last
 * 7 days; the DJ may pick another), and its two actions: analyze the listed tracks that have no
 * vector yet, and add them all to the current crate. The rule is src/core/library/incoming.ts.
 * @module
 */
import { addedSince, defaultIncomingSince, isIsoDay } from '../core/library/incoming';
import type { TrackView } from '../core/library/trackView';
import { fail, ok, type Result } from '../core/errors';
import type { RbassistDb } from '../storage/db';
import type { CrateService } from './crates/crateService';
import type { JobQueue } from './ingest/jobQueue';
import type { LibraryController } from './libraryController';
import { Store } from './store';

const SETTINGS_KEY = 'incoming';

export interface IncomingState {
  /** First day listed (yyyy-mm-dd). */
  since: string;
  /** When the DJ opened the app before this visit (epoch ms), if ever. */
  previousVisit?: number;
}

export class IncomingService {
  readonly store: Store<IncomingState>;

  constructor(
    private readonly db: RbassistDb,
    private readonly library: LibraryController,
    private readonly crates: CrateService,
    private readonly analysis: { queue: JobQueue; start: () => void },
    private readonly now: () => number = Date.now,
  ) {
    this.store = new Store<IncomingState>({ since: defaultIncomingSince(now()) });
  }

  /** Read the previous visit (the default first day) and record this one. */
  async load(): Promise<void> {
    const saved = (await this.db.settings.get(SETTINGS_KEY))?.value as { lastVisit?: number } | undefined;
    const previousVisit = typeof saved?.lastVisit === 'number' ? saved.lastVisit : undefined;
    this.store.set({ previousVisit, since: defaultIncomingSince(this.now(), previousVisit) });
    await this.db.settings.put({ key: SETTINGS_KEY, value: { lastVisit: this.now() } });
  }

  setSince(day: string): Result<string> {
    if (!isIsoDay(day)) return fail(`“${day}” is not a date (use the date picker, or yyyy-mm-dd)`);
    this.store.set({ since: day });
    return ok(day);
  }

  /** Library rows added on or after the chosen day. */
  tracks(rows: readonly TrackView[] = this.library.store.get().tracks, since = this.store.get().since): TrackView[] {
    return addedSince(rows, since);
  }

  /** Listed tracks that are readable but have no vector yet ("Analyse these" queues them). */
  notAnalyzed(rows: readonly TrackView[] = this.tracks()): TrackView[] {
    return rows.filter((v) => v.track.status === 'ready' && v.vectorRow === undefined);
  }

  /** Queue the listed tracks that have no vector yet and start the analysis; returns how many were queued. */
  async analyze(): Promise<number> {
    const ids = this.notAnalyzed().map((v) => v.track.id);
    if (ids.length) {
      await this.analysis.queue.enqueue(ids);
      this.analysis.start();
    }
    return ids.length;
  }

  /** Every listed track into the current crate (a new one when none is chosen). */
  addToCrate(): Promise<{ crateId: string; name: string; added: number }> {
    return this.crates.addToTarget(this.tracks().map((v) => v.track.id));
  }
}
