import { fail, ok, type Result } from '../errors';
import { ExactIndex } from './exactIndex';
import { HnswIndex, type HnswParams } from './hnswIndex';
import { IndexFileError, readIndexFileHeader, type IndexFileProblem } from './indexFile';
import type { IndexKind, VectorIndex } from './vectorIndex';

/**
 * Where saved indexes live, as a port: the browser adapter writes OPFS files (src/storage), Node
 * writes to disk, tests keep bytes in memory. Paths are relative, e.g. `index/<modelId>.hnsw`.
 */
export interface IndexStore {
  read(path: string): Promise<Uint8Array | undefined>;
  write(path: string, bytes: Uint8Array): Promise<void>;
  remove(path: string): Promise<void>;
}

export class MemoryIndexStore implements IndexStore {
  readonly files = new Map<string, Uint8Array>();
  async read(path: string): Promise<Uint8Array | undefined> {
    return this.files.get(path);
  }
  async write(path: string, bytes: Uint8Array): Promise<void> {
    this.files.set(path, bytes.slice());
  }
  async remove(path: string): Promise<void> {
    this.files.delete(path);
  }
}

/** The OPFS path of a model's saved index (one per model; the kind is inside the file). */
export function indexPath(modelId: string): string {
  if (!/^[\w.-]+$/.test(modelId)) throw new RangeError(`Model id "${modelId}" cannot be used in a file name`);
  return `index/${modelId}.hnsw`;
}

export async function saveIndex(store: IndexStore, modelId: string, index: VectorIndex): Promise<number> {
  const bytes = await index.serialize(modelId);
  await store.write(indexPath(modelId), bytes);
  return bytes.length;
}

export type LoadProblem = 'missing' | IndexFileProblem;

/** On failure the caller rebuilds from the vector file; `message` says why, for the log/progress line. */
export type LoadResult = Result<VectorIndex, { problem: LoadProblem; message: string }>;

/**
 * Loads the saved index of `modelId`, verified against what the caller expects. Never throws for a
 * bad file: a missing, damaged, foreign or outdated file comes back as a problem to rebuild from.
 * Whether the index is *behind* the vector file is for the caller to check (compare `labels()` with
 * the rows it holds, then add the missing ones and markDelete the retired ones).
 */
export async function loadIndex(store: IndexStore, modelId: string, expected: { dims: number; efSearch?: number }): Promise<LoadResult> {
  const bytes = await store.read(indexPath(modelId));
  if (!bytes) return fail({ problem: 'missing', message: `No saved index for model "${modelId}"` });
  try {
    const { header } = readIndexFileHeader(bytes);
    const expectation = { dims: expected.dims, modelId };
    const index: VectorIndex =
      header.kind === 'exact' ? ExactIndex.deserialize(bytes, expectation) : await HnswIndex.deserialize(bytes, expectation, { efSearch: expected.efSearch });
    return ok(index);
  } catch (error) {
    if (error instanceof IndexFileError) return fail({ problem: error.problem, message: error.message });
    throw error;
  }
}

export interface IndexChoice {
  dims: number;
  /** Expected number of vectors: small libraries get the exact index (a scan is as fast there). */
  expectedCount: number;
  /** Above this many vectors, HNSW (see EXACT_INDEX_LIMIT). */
  exactUpTo?: number;
  hnsw?: Partial<HnswParams>;
}

/**
 * Up to this many vectors the exact scan answers in about a millisecond or two (bench:index measures
 * ~0.27 µs per 256-d vector) and needs no graph build, so small libraries skip HNSW altogether.
 */
export const EXACT_INDEX_LIMIT = 5000;

export function chooseIndexKind(expectedCount: number, exactUpTo = EXACT_INDEX_LIMIT): IndexKind {
  return expectedCount <= exactUpTo ? 'exact' : 'hnsw';
}

export async function createIndex(choice: IndexChoice): Promise<VectorIndex> {
  return chooseIndexKind(choice.expectedCount, choice.exactUpTo) === 'exact'
    ? new ExactIndex(choice.dims, choice.expectedCount)
    : HnswIndex.create(choice.dims, { params: choice.hnsw, capacity: choice.expectedCount });
}
