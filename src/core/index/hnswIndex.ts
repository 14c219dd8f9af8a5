import type { HierarchicalNSW, HnswlibModule } from 'hnswlib-wasm/dist/hnswlib.js';
import { ExactIndex } from './exactIndex';
import { filteredSearch } from './filteredSearch';
import { exportIndexBytes, importIndexBytes } from './hnswFileBridge';
import { readHnswlibBaseLayer } from './hnswlibFormat';
import { callEngine, loadHnswlibRuntime } from './hnswlibRuntime';
import { decodeIndexFile, encodeIndexFile, IndexFileError, type IndexExpectation } from './indexFile';
import { assertLabel, type LabelFilter, type SearchHit, type VectorIndex } from './vectorIndex';
import { normalized } from './vectorMath';
import { errorMessage } from '../errors';

export interface HnswParams {
  /** Links per node per layer (2·m on the base layer): more = better recall, more memory and build time. */
  m: number;
  /** Candidate list while inserting: more = better graph, slower build. Fixed once built. */
  efConstruction: number;
  /** Candidate list while searching: more = better recall, slower queries. Can change any time. */
  efSearch: number;
  /** Seed of the level generator: same input order + seed = same graph. */
  seed: number;
}

/**
 * Defaults tuned with `npm run bench:index` (256-d clustered vectors, 2 shared cores, Node 20):
 * at 75k, efConstruction 128 reaches the same recall as 200 and builds ~25 % faster; efSearch 64
 * gives recall@10 ≈ 0.992 (too close to the 0.99 floor), 128 gives ≈ 0.9997 for +0.1 ms median.
 */
export const DEFAULT_HNSW_PARAMS: Readonly<HnswParams> = { m: 16, efConstruction: 128, efSearch: 128, seed: 100 };

/** Vectors handed to the engine per call: bounds the JS→wasm copy held in memory at once. */
const ADD_CHUNK = 1024;

/**
 * Approximate k-NN with hnswlib (compiled to wasm) over L2-normalized vectors in inner-product
 * space. Create it with `HnswIndex.create` (the engine loads asynchronously) or `loadIndex`.
 * Capacity grows by doubling when full; deletes are marks (the slot stays until a rebuild).
 *
 * It keeps an exact index of the same vectors beside the graph (one more float per dimension per
 * track, ~75 MB at 75k): selective filters are answered by an exact pre-filtered scan, which is
 * faster and exact where a graph walk would have to visit most of the library (see filteredSearch).
 */
export class HnswIndex implements VectorIndex {
  readonly kind = 'hnsw' as const;
  /** Labels marked deleted: still in the graph, out of results. */
  private readonly deleted = new Set<number>();
  private disposed = false;

  private constructor(
    private readonly lib: HnswlibModule,
    private readonly engine: HierarchicalNSW,
    readonly dims: number,
    private readonly params: HnswParams,
    /** The live vectors, for pre-filtered scans and `vector()`. */
    private readonly mirror: ExactIndex,
  ) {}

  static async create(dims: number, options: { params?: Partial<HnswParams>; capacity?: number } = {}): Promise<HnswIndex> {
    const params = resolveParams(options.params);
    const lib = await loadHnswlibRuntime();
    const engine = newEngine(lib, dims);
    const capacity = Math.max(16, Math.ceil(options.capacity ?? 1024));
    callEngine(lib, 'creating the index', () => engine.initIndex(capacity, params.m, params.efConstruction, params.seed));
    callEngine(lib, 'setting efSearch', () => engine.setEfSearch(params.efSearch));
    return new HnswIndex(lib, engine, dims, params, new ExactIndex(dims, capacity));
  }

  /**
   * Rebuilds an index from `serialize` output. Throws IndexFileError when the bytes are not a usable
   * index for `expected` (wrong model or dims, damaged, truncated); the caller then rebuilds.
   * `efSearch` overrides the saved setting (it is a search-time choice).
   */
  static async deserialize(bytes: Uint8Array, expected: Omit<IndexExpectation, 'kind'>, options: { efSearch?: number } = {}): Promise<HnswIndex> {
    const { header, payload } = decodeIndexFile(bytes, { ...expected, kind: 'hnsw' });
    const params = resolveParams({ ...header.params, efSearch: options.efSearch ?? header.params.efSearch });
    const layer = readHnswlibBaseLayer(payload, header.dims);
    if (layer.count !== header.count + header.deleted) {
      throw new IndexFileError('corrupt', `The saved HNSW graph holds ${layer.count} vectors, its header lists ${header.count + header.deleted}`);
    }
    const mirror = new ExactIndex(header.dims, header.count);
    const deleted = new Set<number>();
    for (let i = 0; i < layer.count; i++) {
      if (layer.deletedMarks[i]) deleted.add(layer.labels[i]);
      else mirror.add(layer.labels[i], layer.vectors.subarray(i * header.dims, (i + 1) * header.dims));
    }
    if (mirror.size !== header.count) {
      throw new IndexFileError('corrupt', `The saved HNSW graph has ${mirror.size} live vectors, its header lists ${header.count}`);
    }
    const lib = await loadHnswlibRuntime();
    const engine = newEngine(lib, header.dims);
    const capacity = Math.max(header.params.capacity ?? 0, layer.count, 16);
    try {
      await importIndexBytes(lib, engine, payload, capacity);
    } catch (error) {
      (engine as unknown as { delete(): void }).delete();
      throw new IndexFileError('corrupt', `The saved HNSW graph could not be loaded: ${errorMessage(error)}`);
    }
    const index = new HnswIndex(lib, engine, header.dims, params, mirror);
    for (const label of deleted) index.deleted.add(label);
    callEngine(lib, 'setting efSearch', () => engine.setEfSearch(params.efSearch));
    return index;
  }

  get size(): number {
    return this.mirror.size;
  }

  /** Slots held by deleted vectors (reclaimed only by a rebuild). */
  get deletedCount(): number {
    return this.deleted.size;
  }

  get settings(): Readonly<HnswParams> {
    return { ...this.params };
  }

  /** Change the search-time candidate list (recall/latency trade-off) without rebuilding. */
  setEfSearch(efSearch: number): void {
    this.params.efSearch = positiveInt(efSearch, 'efSearch');
    callEngine(this.lib, 'setting efSearch', () => this.engine.setEfSearch(this.params.efSearch));
  }

  add(label: number, vector: Float32Array): void {
    this.addBatch([label], vector);
  }

  addBatch(labels: ArrayLike<number>, vectors: Float32Array): void {
    this.assertUsable();
    if (vectors.length !== labels.length * this.dims) {
      throw new RangeError(`addBatch got ${vectors.length} floats for ${labels.length} labels of ${this.dims} dims`);
    }
    for (let i = 0; i < labels.length; i++) assertLabel(labels[i]);
    for (let start = 0; start < labels.length; start += ADD_CHUNK) {
      const end = Math.min(labels.length, start + ADD_CHUNK);
      // The engine wants room for the whole call even when some labels only get updated.
      this.ensureCapacity(this.engineCount() + (end - start));
      const items: Float32Array[] = [];
      const chunkLabels: number[] = [];
      for (let i = start; i < end; i++) {
        items.push(normalized(vectors.subarray(i * this.dims, (i + 1) * this.dims), this.dims));
        chunkLabels.push(labels[i]);
      }
      // An existing label is updated in place. A deleted one is revived first: the engine refuses to
      // update deleted elements (its loaded indexes allow slot reuse), and reviving keeps its slot.
      const revived = chunkLabels.filter((label) => this.deleted.has(label));
      for (const label of revived) callEngine(this.lib, 'reviving a deleted vector', () => this.engine.unmarkDelete(label));
      try {
        callEngine(this.lib, 'adding vectors', () => this.engine.addPoints(items, chunkLabels, false));
      } catch (error) {
        for (const label of revived) this.engine.markDelete(label);
        throw error;
      }
      for (let i = 0; i < chunkLabels.length; i++) {
        this.mirror.add(chunkLabels[i], items[i]);
        this.deleted.delete(chunkLabels[i]);
      }
    }
  }

  markDelete(label: number): boolean {
    this.assertUsable();
    if (!this.mirror.has(label)) return false;
    callEngine(this.lib, 'deleting a vector', () => this.engine.markDelete(label));
    this.mirror.markDelete(label);
    this.deleted.add(label);
    return true;
  }

  has(label: number): boolean {
    return this.mirror.has(label);
  }

  labels(): Uint32Array {
    return this.mirror.labels();
  }

  vector(label: number): Float32Array | undefined {
    return this.mirror.vector(label);
  }

  search(query: Float32Array, k: number, filter?: LabelFilter): SearchHit[] {
    this.assertUsable();
    positiveInt(k, 'k');
    const q = normalized(query, this.dims, 'query');
    if (!filter) return this.knn(q, k);
    return filteredSearch(k, filter, {
      liveCount: this.mirror.size,
      minFetch: this.params.efSearch,
      approximate: (n) => this.knn(q, n),
      exactFiltered: (n, keep) => this.mirror.search(q, n, keep),
    });
  }

  async serialize(modelId: string): Promise<Uint8Array> {
    this.assertUsable();
    // The engine's own bytes are the whole payload: labels, delete marks and vectors are inside.
    const payload = await exportIndexBytes(this.lib, this.engine);
    return encodeIndexFile(
      {
        kind: 'hnsw',
        dims: this.dims,
        modelId,
        count: this.mirror.size,
        deleted: this.deleted.size,
        params: { ...this.params, capacity: this.capacity() },
      },
      payload,
    );
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    (this.engine as unknown as { delete(): void }).delete();
    this.mirror.dispose();
    this.deleted.clear();
  }

  private knn(q: Float32Array, k: number): SearchHit[] {
    const n = Math.min(k, this.engineCount());
    if (n === 0 || this.mirror.size === 0) return [];
    const { neighbors, distances } = callEngine(this.lib, 'searching', () => this.engine.searchKnn(q, n, undefined));
    // Inner-product space reports distance = 1 − dot.
    return neighbors.map((label, i) => ({ label, score: 1 - distances[i] }));
  }

  private engineCount(): number {
    return callEngine(this.lib, 'counting vectors', () => this.engine.getCurrentCount());
  }

  private capacity(): number {
    return callEngine(this.lib, 'reading capacity', () => this.engine.getMaxElements());
  }

  private ensureCapacity(slots: number): void {
    const capacity = this.capacity();
    if (slots <= capacity) return;
    const grown = Math.max(slots, capacity * 2);
    callEngine(this.lib, `growing capacity to ${grown}`, () => this.engine.resizeIndex(grown));
  }

  private assertUsable(): void {
    if (this.disposed) throw new Error('This HNSW index was disposed');
  }
}

function newEngine(lib: HnswlibModule, dims: number): HierarchicalNSW {
  positiveInt(dims, 'dims');
  // 'ip' on vectors we normalize ourselves: the same scores as the exact index, and the engine does
  // not rewrite the caller's arrays in place (its 'cosine' space normalizes its input buffer).
  return callEngine(lib, 'creating the engine', () => new lib.HierarchicalNSW('ip', dims, ''));
}

function resolveParams(overrides: Partial<HnswParams> | Record<string, number> = {}): HnswParams {
  const merged = { ...DEFAULT_HNSW_PARAMS, ...overrides } as HnswParams;
  return {
    m: positiveInt(merged.m, 'm'),
    efConstruction: positiveInt(merged.efConstruction, 'efConstruction'),
    efSearch: positiveInt(merged.efSearch, 'efSearch'),
    seed: Math.floor(merged.seed) >>> 0,
  };
}

function positiveInt(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}
