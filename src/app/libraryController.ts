import type { RbassistDb, TrackRecord } from '../storage/db';
import { loadMusicFolder, readPermission, saveMusicFolder } from '../storage/handles';
import { DirectoryHandleSource, FileListSource, type MusicSource } from './musicSource';
import { scanLibrary, type ScanProgress, type ScanReport, type TrackMove } from '../core/library/scanLibrary';
import { dropComputed, purgeTracks } from './scanStage';
import { Store } from './store';
import type { TagResult } from '../core/library/tagMapping';
import { buildTrackViews, type TrackView } from '../core/library/trackView';
import { TrackTextSearch, type SearchableTrack } from '../core/search';
import { errorMessage } from '../core/errors';

function searchable({ track }: TrackView): SearchableTrack {
  const { title, artist, album, genre, comment, label } = track.tags;
  return { id: track.id, title, artist, album, genre, comment, recordLabel: label ?? track.bandcamp?.label };
}

export type FolderState =
  { kind: 'none' } | { kind: 'needs-permission'; name: string } | { kind: 'connected'; name: string; via: 'folder-handle' | 'file-list' };

export interface LibraryState {
  folder: FolderState;
  /** showDirectoryPicker exists (Chrome/Edge); otherwise the webkitdirectory fallback is offered. */
  canPickFolder: boolean;
  scan: ScanProgress | null;
  lastReport: ScanReport | null;
  /** Tracks present in the folder with their analysis (removed ones stay in the database, unlisted). */
  tracks: TrackView[];
  message: string | null;
}

/**
 * Owns the connection to the music folder and the library list: choose/reconnect the folder,
 * scan, and keep the in-memory track list the UI renders in sync with IndexedDB.
 */
export class LibraryController {
  readonly store: Store<LibraryState>;
  private source: MusicSource | null = null;
  private scanAbort: AbortController | null = null;
  private rememberedHandle: FileSystemDirectoryHandle | undefined;

  private readonly byId = new Map<string, TrackView>();
  /**
   * Reads of the library are numbered as they start. A read applies only if no whole-library read
   * that started after it has been applied already: a few tracks re-read as the pipeline finished
   * them must not put back their old paths over a rescan's rows (seen under load: a moved track
   * showing its old path until the next refresh).
   */
  private readsStarted = 0;
  private newestWholeReadApplied = 0;
  /** Full-text search over title/artist/album/genre/comment/label, kept up to date with the list. */
  private readonly textSearch = new TrackTextSearch();
  /** Called after every completed scan (the ingest queue subscribes). */
  onScanned: ((report: ScanReport) => Promise<void>) | null = null;
  /** Vector rows of the active model, by track id (from the vector service). */
  vectorRows: ReadonlyMap<string, number> = new Map();

  constructor(
    private readonly db: RbassistDb,
    private readonly readTags: (files: File[]) => Promise<TagResult[]>,
    private readonly tagConcurrency = 4,
  ) {
    this.store = new Store<LibraryState>({
      folder: { kind: 'none' },
      canPickFolder: typeof window !== 'undefined' && 'showDirectoryPicker' in window,
      scan: null,
      lastReport: null,
      tracks: [],
      message: null,
    });
  }

  get musicSource(): MusicSource | null {
    return this.source;
  }

  /** On start: list what the database has and offer to reconnect the remembered folder. */
  async init(): Promise<void> {
    await this.refreshTracks();
    this.rememberedHandle = await loadMusicFolder(this.db);
    if (!this.rememberedHandle) return;
    const permission = await readPermission(this.rememberedHandle);
    if (permission === 'granted') this.useSource(new DirectoryHandleSource(this.rememberedHandle), 'folder-handle');
    else this.store.set({ folder: { kind: 'needs-permission', name: this.rememberedHandle.name } });
  }

  /** "Choose music folder": read-only picker, remembered for next time, then a scan. */
  async chooseFolder(): Promise<void> {
    let handle: FileSystemDirectoryHandle;
    try {
      handle = await window.showDirectoryPicker({ id: 'rbassist-music', mode: 'read' });
    } catch (error) {
      if ((error as Error).name === 'AbortError') return; // the DJ closed the picker
      this.store.set({ message: `Could not open the folder picker: ${errorMessage(error)}` });
      return;
    }
    await this.connectDirectory(handle);
  }

  /** "Reconnect": ask again for read access to the remembered folder (needs a user gesture). */
  async reconnect(): Promise<void> {
    if (!this.rememberedHandle) return;
    const permission = await readPermission(this.rememberedHandle, true);
    if (permission !== 'granted') {
      this.store.set({
        message: `Read access to "${this.rememberedHandle.name}" was not granted. rbassist only reads your music; it never writes to the folder.`,
      });
      return;
    }
    this.useSource(new DirectoryHandleSource(this.rememberedHandle), 'folder-handle');
    await this.rescan();
  }

  /** Connect any directory handle (picked folder, or an OPFS directory in tests) and scan it. */
  async connectDirectory(handle: FileSystemDirectoryHandle, { remember = true } = {}): Promise<ScanReport | null> {
    if (remember) {
      this.rememberedHandle = handle;
      await saveMusicFolder(this.db, handle);
    }
    this.useSource(new DirectoryHandleSource(handle), 'folder-handle');
    return this.rescan();
  }

  /** Fallback for browsers without the File System Access API. */
  async connectFileList(files: Iterable<File>): Promise<ScanReport | null> {
    this.useSource(new FileListSource(files), 'file-list');
    return this.rescan();
  }

  async rescan(): Promise<ScanReport | null> {
    if (!this.source || this.scanAbort) return null;
    const abort = new AbortController();
    this.scanAbort = abort;
    this.store.set({ message: null, scan: { phase: 'walking', filesSeen: 0, tagsDone: 0, tagsTotal: 0, problems: 0 } });
    try {
      const report = await scanLibrary(this.db.tracks, this.source, {
        forget: (ids) => purgeTracks(this.db, ids),
        invalidate: (ids) => dropComputed(this.db, ids),
        readTags: this.readTags,
        signal: abort.signal,
        tagConcurrency: this.tagConcurrency,
        onProgress: (scan) => {
          this.store.set({ scan });
          // Show the new rows (file-name titles, "reading" state) as soon as they are saved.
          if (scan.phase === 'tags' && scan.tagsDone === 0) void this.refreshTracks();
        },
      });
      await this.onScanned?.(report);
      await this.refreshTracks();
      this.store.set({ lastReport: report, message: report.stoppedEarly ?? null });
      return report;
    } catch (error) {
      this.store.set({ message: `Scan failed: ${errorMessage(error)}` });
      return null;
    } finally {
      this.scanAbort = null;
      this.store.set({ scan: null });
    }
  }

  cancelScan(): void {
    this.scanAbort?.abort(new DOMException('Scan cancelled', 'AbortError'));
  }

  /**
   * Moves found after the scan (a re-tagged file, confirmed by its audio fingerprint once analyzed):
   * the last scan report lists them as moved instead of added and removed, and the table reloads.
   */
  async recordMoves(moves: readonly TrackMove[]): Promise<void> {
    const report = this.store.get().lastReport;
    if (report) {
      const to = new Set(moves.map((m) => m.to));
      const from = new Set(moves.map((m) => m.from));
      const added = report.added.map((path, i) => [path, report.ids.added[i]] as const).filter(([path]) => !to.has(path));
      const removed = report.removed.map((path, i) => [path, report.ids.removed[i]] as const).filter(([path]) => !from.has(path));
      this.store.set({
        lastReport: {
          ...report,
          added: added.map(([path]) => path),
          removed: removed.map(([path]) => path),
          ids: { ...report.ids, added: added.map(([, id]) => id), removed: removed.map(([, id]) => id) },
          moved: [...report.moved, ...moves],
        },
      });
    }
    await this.refreshTracks();
  }

  /** Reload the whole list (start, after a scan). */
  async refreshTracks(): Promise<void> {
    const read = ++this.readsStarted;
    const [tracks, analyses, jobs] = await Promise.all([
      this.db.tracks.where('status').anyOf('pending', 'ready', 'error').toArray(),
      this.db.analyses.toArray(),
      this.db.jobs.toArray(),
    ]);
    if (read < this.newestWholeReadApplied) return; // a newer whole read is showing already
    this.newestWholeReadApplied = read;
    const views = buildTrackViews(tracks, analyses, jobs, this.vectorRows);
    const present = new Set(views.map((v) => v.track.id));
    for (const id of this.byId.keys()) if (!present.has(id)) this.textSearch.remove(id);
    this.byId.clear();
    for (const view of views) this.byId.set(view.track.id, view);
    this.textSearch.upsertAll(views.map(searchable));
    this.store.set({ tracks: views });
  }

  /** Reload a few tracks (as the pipeline finishes them) without re-reading the library. */
  async refreshSome(trackIds: readonly string[]): Promise<void> {
    const ids = [...new Set(trackIds)];
    const read = ++this.readsStarted;
    const [tracks, analyses, jobs] = await Promise.all([
      this.db.tracks.bulkGet(ids),
      this.db.analyses.where('trackId').anyOf(ids).toArray(),
      this.db.jobs.bulkGet(ids),
    ]);
    // A whole read that started later is showing: these records may be older than its rows, read again.
    if (read < this.newestWholeReadApplied) return this.refreshSome(ids);
    const fresh = buildTrackViews(
      tracks.filter((t): t is TrackRecord => !!t && t.status !== 'removed'),
      analyses,
      jobs.filter((j): j is NonNullable<typeof j> => !!j),
      this.vectorRows,
    );
    for (const view of fresh) {
      this.byId.set(view.track.id, view);
      this.textSearch.upsert(searchable(view));
    }
    const changed = new Map(fresh.map((v) => [v.track.id, v]));
    this.store.set((state) => ({ tracks: state.tracks.map((v) => changed.get(v.track.id) ?? v) }));
  }

  /** Ids of the tracks matching a typed query (every word, prefixes, a typo allowed, accents ignored). */
  readonly search = (query: string): Set<string> => new Set(this.textSearch.search(query, Number.MAX_SAFE_INTEGER).map((hit) => hit.id));

  view(trackId: string): TrackView | undefined {
    return this.byId.get(trackId);
  }

  private useSource(source: MusicSource, via: 'folder-handle' | 'file-list'): void {
    this.source = source;
    this.store.set({ folder: { kind: 'connected', name: source.name, via } });
  }
}
