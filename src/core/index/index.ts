/**
 * Nearest-neighbour indexes over track embeddings: the public surface for workers and the app.
 * @module
 */
export type { IndexKind, LabelFilter, SearchHit, VectorIndex } from './vectorIndex';
export { DEFAULT_DIMS } from './vectorIndex';
export { ExactIndex } from './exactIndex';
export { DEFAULT_HNSW_PARAMS, HnswIndex, type HnswParams } from './hnswIndex';
export { IndexFileError, type IndexFileProblem } from './indexFile';
export {
  chooseIndexKind,
  createIndex,
  EXACT_INDEX_LIMIT,
  indexPath,
  loadIndex,
  MemoryIndexStore,
  saveIndex,
  type IndexChoice,
  type IndexStore,
  type LoadProblem,
  type LoadResult,
} from './indexStore';
export { openSyncedIndex, outgrowExactIndex, type GrowthOptions, type SyncOptions, type SyncResult, type VectorSource } from './indexSync';
export { COMPACT_ABOVE_RETIRED_SHARE, planCompaction, settleCompaction, type CompactedFile, type CompactionPlan, type Settled } from './vectorCompaction';
export { meanDirection, normalized } from './vectorMath';
export { recallAtK } from './recall';
