import Dexie, { type EntityTable } from 'dexie';
import type { TrackTags } from '../core/library/tags';
import type { BandcampTag } from '../core/interop/bandcamp/tags';
import type { SampleWindow } from '../core/sampling';
import type { AnalyzerResult } from '../core/analyzers/types';

/**
 * The IndexedDB schema (dexie). Versions are listed in order; a new version adds an entry with its
 * stores and, when records change shape, an `upgrade` that rewrites them. Never edit a shipped entry.
 */

/** Where a track is in its life: scanning/tags, then the ingest pipeline owns `jobs`. */
export type TrackStatus = 'pending' | 'ready' | 'error' | 'removed';
export type ScanState = 'new' | 'changed' | 'unchanged' | 'moved';

export interface TrackRecord {
  id: string;
  relativePath: string;
  fileName: string;
  size: number;
  lastModified: number;
  /** yyyy-mm-dd of the first scan that saw this file (Rekordbox DateAdded). */
  dateAdded: string;
  status: TrackStatus;
  scanState: ScanState;
  /** Why the file could not be read, in words a DJ understands. */
  error?: string;
  /** When a scan stopped seeing the file (data kept 30 days in case the drive was unplugged). */
  removedAt?: number;
  tags: TrackTags;
  /** Length of the decoded audio, from the last analysis (for files whose tags carry none, e.g. Ogg). */
  decodedDurationSec?: number;
  /** Purchase facts from a Bandcamp CSV import or the file's "Visit …bandcamp.com" comment. */
  bandcamp?: BandcampTag;
  /** Size + head/tail bytes fingerprint (src/core/library/contentKey.ts): finds this file again after a move. */
  contentKey?: string;
  /** Paths this track had before it was moved or renamed, oldest first (matches older rekordbox Locations). */
  formerPaths?: string[];
}

export interface AnalysisRecord {
  trackId: string;
  analyzerId: string;
  version: number;
  result: AnalyzerResult;
  at: number;
}

export interface WindowsRecord {
  trackId: string;
  /** Profile name + params hash: a different profile recomputes. */
  cacheKey: string;
  windows: SampleWindow[];
  durationSec: number;
  /** Loudness envelope for the track detail picture. */
  strip?: Float32Array;
  at: number;
}

export interface EmbeddingRecord {
  trackId: string;
  modelId: string;
  /** Row in OPFS `vectors/<modelId>.f32`. */
  row: number;
  /**
   * What the vector was made from (src/core/analysis/plan.ts VectorKey): a vector made from other
   * windows or by another embedder version is re-embedded. Absent in records of older versions (stale).
   */
  windowsCacheKey?: string;
  embedderVersion?: string;
  at: number;
}

export type JobState = 'pending' | 'decoded' | 'analysed' | 'embedded' | 'indexed' | 'failed';
export interface JobRecord {
  trackId: string;
  state: JobState;
  attempts: number;
  error?: string;
  updatedAt: number;
}

export interface CrateRecord {
  id: string;
  name: string;
  trackIds: string[];
  /** Smart crates keep their rules as data. */
  rules?: unknown;
  position: number;
  updatedAt: number;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export interface HandleRecord {
  key: string;
  handle: FileSystemDirectoryHandle;
  name: string;
  savedAt: number;
}

export type RbassistDb = Dexie & {
  tracks: EntityTable<TrackRecord, 'id'>;
  analyses: Dexie.Table<AnalysisRecord, [string, string]>;
  windows: EntityTable<WindowsRecord, 'trackId'>;
  embeddings: Dexie.Table<EmbeddingRecord, [string, string]>;
  jobs: EntityTable<JobRecord, 'trackId'>;
  crates: EntityTable<CrateRecord, 'id'>;
  settings: EntityTable<SettingRecord, 'key'>;
  handles: EntityTable<HandleRecord, 'key'>;
};

interface SchemaVersion {
  version: number;
  stores: Record<string, string>;
  upgrade?: Parameters<ReturnType<Dexie['version']>['upgrade']>[0];
}

export const SCHEMA: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      tracks: 'id, relativePath, status',
      analyses: '[trackId+analyzerId], trackId',
      windows: 'trackId',
      embeddings: '[trackId+modelId], modelId, [modelId+row]',
      jobs: 'trackId, state, updatedAt',
      crates: 'id, name, position',
      settings: 'key',
      handles: 'key',
    },
  },
];

export const DB_NAME = 'rbassist';

export function openDatabase(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]): RbassistDb {
  const db = new Dexie(name, options) as RbassistDb;
  for (const entry of SCHEMA) {
    const version = db.version(entry.version).stores(entry.stores);
    if (entry.upgrade) version.upgrade(entry.upgrade);
  }
  return db;
}

let shared: RbassistDb | undefined;
/** The app's one database connection. */
export function database(): RbassistDb {
  shared ??= openDatabase();
  return shared;
}
