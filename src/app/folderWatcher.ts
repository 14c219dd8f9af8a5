import type { RbassistDb } from '../storage/db';
import type { LibraryController } from './libraryController';
import { DirectoryHandleSource } from './musicSource';
import type { ScanReport } from '../core/library/scanLibrary';
import { Store } from './store';

/** Chrome's FileSystemObserver (not yet in TypeScript's DOM types). */
interface FileSystemObserverLike {
  observe(handle: FileSystemHandle, options?: { recursive?: boolean }): Promise<void>;
  disconnect(): void;
}
type FileSystemObserverConstructor = new (callback: (records: unknown[]) => void) => FileSystemObserverLike;

export interface WatchSettings {
  /** Keep the library in step with the folder without a manual Rescan (on by default). */
  watch: boolean;
  /** Start the analysis by itself when a watch-triggered scan finds new or changed files. */
  autoAnalyse: boolean;
  /** Without FileSystemObserver: rescan when the window gets the focus back. */
  rescanOnFocus: boolean;
  /** Without FileSystemObserver: rescan every N minutes (0 = off, the default). */
  intervalMinutes: number;
}

export interface WatchState extends WatchSettings {
  /** How the folder is watched now. */
  mode: 'observer' | 'focus-and-interval' | 'off';
  /** Scans the watcher started (not the DJ's Rescan). */
  scans: number;
}

const SETTINGS_KEY = 'watch';
export const DEFAULT_WATCH: WatchSettings = { watch: true, autoAnalyse: false, rescanOnFocus: true, intervalMinutes: 0 };
/** Files being copied change many times; one scan once they have been quiet this long. */
const SETTLE_MS = 1500;
/** Focus changes often; a focus rescan waits at least this long after the previous scan. */
const FOCUS_MIN_GAP_MS = 60_000;

/**
 * Keeps the library in step with the music folder without a manual Rescan: where Chrome offers
 * FileSystemObserver, every change below the folder schedules one (debounced) scan; elsewhere the
 * folder is rescanned on window focus and on an interval the DJ sets. The scan itself is the
 * normal one, so moves keep their data and removed files keep theirs for 30 days.
 */
export class FolderWatcher {
  readonly store = new Store<WatchState>({ ...DEFAULT_WATCH, mode: 'off', scans: 0 });
  private observer: FileSystemObserverLike | null = null;
  private watched: FileSystemDirectoryHandle | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private interval: ReturnType<typeof setInterval> | undefined;
  private pending = false;
  private lastScanAt = 0;
  /** Settings changed before `load` finished win over the saved ones. */
  private explicit: Partial<WatchSettings> = {};
  private readonly onFocus = () => {
    if (Date.now() - this.lastScanAt >= FOCUS_MIN_GAP_MS && this.store.get().rescanOnFocus) this.schedule(0);
  };

  constructor(
    private readonly db: RbassistDb,
    private readonly library: LibraryController,
    private readonly startAnalysis: () => void,
  ) {}

  async load(): Promise<void> {
    const saved = (await this.db.settings.get(SETTINGS_KEY))?.value as Partial<WatchSettings> | undefined;
    this.store.set({ ...DEFAULT_WATCH, ...saved, ...this.explicit });
    this.library.store.subscribe(() => void this.follow());
    await this.follow();
  }

  async configure(patch: Partial<WatchSettings>): Promise<void> {
    this.explicit = { ...this.explicit, ...patch };
    this.store.set(patch);
    const { watch, autoAnalyse, rescanOnFocus, intervalMinutes } = this.store.get();
    await this.db.settings.put({ key: SETTINGS_KEY, value: { watch, autoAnalyse, rescanOnFocus, intervalMinutes } });
    this.stop();
    await this.follow();
  }

  /** Watch whatever folder the library is connected to now. */
  private async follow(): Promise<void> {
    const source = this.library.musicSource;
    const root = source instanceof DirectoryHandleSource && this.store.get().watch ? source.root : null;
    if (root === this.watched) return;
    this.stop();
    this.watched = root;
    if (!root) return;
    const Observer = (globalThis as { FileSystemObserver?: FileSystemObserverConstructor }).FileSystemObserver;
    if (Observer) {
      try {
        const observer = new Observer(() => this.schedule(SETTLE_MS));
        await observer.observe(root, { recursive: true });
        this.observer = observer;
        this.store.set({ mode: 'observer' });
        return;
      } catch {
        // Not allowed for this folder: fall back to focus and interval.
      }
    }
    window.addEventListener('focus', this.onFocus);
    const minutes = this.store.get().intervalMinutes;
    if (minutes > 0) this.interval = setInterval(() => this.schedule(0), minutes * 60_000);
    this.store.set({ mode: 'focus-and-interval' });
  }

  private stop(): void {
    this.watched = null;
    this.observer?.disconnect();
    this.observer = null;
    window.removeEventListener('focus', this.onFocus);
    clearInterval(this.interval);
    clearTimeout(this.timer);
    this.store.set({ mode: 'off' });
  }

  private schedule(delayMs: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.scan(), delayMs);
  }

  private async scan(): Promise<void> {
    if (this.library.store.get().scan) {
      // A scan is running: look again once it is done (it may have missed the latest change).
      this.pending = true;
      this.schedule(SETTLE_MS);
      return;
    }
    this.pending = false;
    this.lastScanAt = Date.now();
    const report: ScanReport | null = await this.library.rescan();
    this.store.set((s) => ({ scans: s.scans + 1 }));
    if (report && this.store.get().autoAnalyse && report.added.length + report.changed.length + report.moved.length > 0) this.startAnalysis();
    if (this.pending) this.schedule(SETTLE_MS);
  }
}
