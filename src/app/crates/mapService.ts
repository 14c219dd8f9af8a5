import { proxy } from 'comlink';
import { fnv1a32, fnv1a64Hex } from '../../core/hash';
import type { LayoutMethod } from '../../core/map';
import type { RbassistDb } from '../../storage/db';
import { Store } from '../store';
import type { MapWorkerApi } from '../../../workers/map.worker';
import type { VectorRows } from './similarityScores';
import type { WorkerHost } from '../workerHost';
import { errorMessage } from '../../core/errors';

/**
 * The library map: a 2-D layout of every embedded track, computed in the map worker and cached in
 * IndexedDB (`settings`, one entry per model). A cached layout is shown at once; when the library's
 * vectors changed since, it is marked stale and recomputed in the background.
 */
export interface MapLayout {
  trackIds: string[];
  /** Interleaved x, y in [0, 1]², in `trackIds` order. */
  xy: Float32Array;
  method: LayoutMethod | 'given';
  /** The library changed since this layout was computed (a fresh one is on its way). */
  stale: boolean;
  /** Read back from the cache, computed in the worker this session, or handed in. */
  source: 'cache' | 'worker' | 'given';
}

export interface MapState {
  status: 'idle' | 'computing' | 'ready' | 'error';
  /** Share of the computation done, 0–1. */
  progress: number;
  layout: MapLayout | null;
  message: string | null;
}

interface CachedLayout {
  version: number;
  signature: string;
  trackIds: string[];
  xy: Float32Array;
  method: LayoutMethod;
}

/** Bump when the layout algorithm or its parameters change: old caches are then recomputed. */
const LAYOUT_VERSION = 1;

export class MapService {
  readonly store = new Store<MapState>({ status: 'idle', progress: 0, layout: null, message: null });
  private computing: Promise<void> | null = null;
  /** Signature of the library the shown layout was computed from. */
  private lastSignature: string | null = null;

  constructor(
    private readonly db: RbassistDb,
    private readonly worker: WorkerHost<MapWorkerApi>,
    private readonly vectors: VectorRows,
    private readonly modelId: () => string,
    private readonly dims: number,
    private readonly umapLimit?: number,
  ) {}

  private cacheKey(): string {
    return `map-layout:${this.modelId()}`;
  }

  /** The embedded tracks (sorted by id, so the layout and its seed do not depend on ingest order) and their signature. */
  private current(): { trackIds: string[]; rows: Uint32Array; signature: string } {
    const trackIds = [...this.vectors.rowOf.keys()].sort();
    const rows = Uint32Array.from(trackIds, (id) => this.vectors.rowOf.get(id)!);
    const signature = `${LAYOUT_VERSION}:${this.modelId()}:${trackIds.length}:${fnv1a64Hex(trackIds.map((id, i) => `${id}@${rows[i]}`).join('\n'))}`;
    return { trackIds, rows, signature };
  }

  /** Show the map: the cached layout if any, recomputed in the background when the library changed since. */
  async ensure(): Promise<void> {
    const { signature } = this.current();
    const shown = this.store.get().layout;
    if (shown && shown.method !== 'given' && this.lastSignature === signature) return;
    if (this.computing) return this.computing;
    if (shown && shown.method !== 'given') {
      this.store.set({ layout: { ...shown, stale: true } });
    } else {
      const cached = (await this.db.settings.get(this.cacheKey()))?.value as CachedLayout | undefined;
      if (cached && cached.version === LAYOUT_VERSION) {
        const stale = cached.signature !== signature;
        this.lastSignature = cached.signature;
        this.store.set({ layout: { trackIds: cached.trackIds, xy: cached.xy, method: cached.method, stale, source: 'cache' }, status: 'ready', message: null });
        if (!stale) return;
      }
    }
    await this.recompute();
  }

  /** Compute the layout of the current library in the worker and cache it. */
  recompute(): Promise<void> {
    if (this.computing) return this.computing;
    this.computing = (async () => {
      const { trackIds, rows, signature } = this.current();
      if (trackIds.length === 0) {
        this.store.set({ status: 'idle', layout: null, message: 'Analyse some tracks to see the map' });
        return;
      }
      this.store.set({ status: 'computing', progress: 0, message: null });
      try {
        const seed = fnv1a32(`map:${this.modelId()}`);
        const modelId = this.modelId();
        const onProgress = proxy((progress: number) => this.store.set({ progress }));
        // Not repeated when the worker is lost: the map shows the error and Recompute tries again.
        const { method, xy } = await this.worker.run((api) => api.layout(modelId, this.dims, rows, { seed, umapLimit: this.umapLimit }, onProgress), {
          label: 'Drawing the map',
        });
        const cached: CachedLayout = { version: LAYOUT_VERSION, signature, trackIds, xy, method };
        await this.db.settings.put({ key: this.cacheKey(), value: cached });
        this.lastSignature = signature;
        this.store.set({ status: 'ready', progress: 1, layout: { trackIds, xy, method, stale: false, source: 'worker' } });
      } catch (error) {
        this.store.set({ status: 'error', message: `The map could not be drawn: ${errorMessage(error)}` });
      } finally {
        this.computing = null;
      }
    })();
    return this.computing;
  }

  /** Show a layout computed elsewhere (e.g. generated points when checking drawing speed). */
  display(trackIds: string[], xy: Float32Array): void {
    if (xy.length !== trackIds.length * 2) throw new RangeError(`${trackIds.length} tracks need ${trackIds.length * 2} coordinates, got ${xy.length}`);
    this.lastSignature = null;
    this.store.set({ status: 'ready', progress: 1, message: null, layout: { trackIds, xy, method: 'given', stale: false, source: 'given' } });
  }
}
