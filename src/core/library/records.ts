/**
 * The library's records: what the browser keeps in IndexedDB (src/storage/db.ts) and the CLI in its
 * state folder, one shape for both hosts. Persisted: change a shape only with a schema upgrade.
 * @module
 */
import type { AnalyzerResult } from '../analyzers/types';
import type { BandcampTag } from '../interop/bandcamp/tags';
import type { SampleWindow } from '../sampling';
import type { TrackTags } from './tags';

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

/**
 * A track's detail waveform (src/core/waveform): kept apart from WindowsRecord because it is large
 * (600 bytes a second) and read only when the track detail is open.
 */
export interface WaveformRecord {
  trackId: string;
  /** WAVEFORM_VERSION that made it: an older one is recomputed by the next analysis. */
  version: number;
  frameRate: number;
  data: Uint8Array;
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

/** Open jobs are 'pending' or 'analyzed' (decoded and analyzed, not yet indexed); 'indexed' and 'failed' end a job. */
export type JobState = 'pending' | 'analysed' | 'indexed' | 'failed';
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
