/**
 * The IndexedDB schema (dexie). Versions are listed in order; a new version adds an entry with its
 * stores and, when records change shape, an `upgrade` that rewrites them. Never edit a shipped entry.
 * @module
 */
import Dexie, { type EntityTable } from 'dexie';
import type {
  AnalysisRecord,
  CrateRecord,
  EmbeddingRecord,
  JobRecord,
  SettingRecord,
  TrackRecord,
  WaveformRecord,
  WindowsRecord,
} from '../core/library/records';

export type {
  AnalysisRecord,
  CrateRecord,
  EmbeddingRecord,
  JobRecord,
  JobState,
  ScanState,
  SettingRecord,
  TrackRecord,
  TrackStatus,
  WaveformRecord,
  WindowsRecord,
} from '../core/library/records';

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
  waveforms: EntityTable<WaveformRecord, 'trackId'>;
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
  // The detail waveform, per track; indexed by version so the plan reads which are current without loading them.
  { version: 3, stores: { waveforms: 'trackId, version' } },
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
