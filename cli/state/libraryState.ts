/**
 * The CLI's library, in plain files below the state folder (see cli/README.md for the layout):
 *   tracks.json        every scanned file (the browser's TrackRecord shape), rewritten after a scan
 *   analyses.ndjson    one line per analysis pass: windows + analyzer results, with the file stamp
 *   jobs.ndjson        last outcome per track and model (indexed, or failed with the reason)
 *   bandcamp.json      Bandcamp purchase tags per track
 *   vectors/, index/   see vectorStore.ts and the index store
 * @module
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalyzerResult } from '../../src/core/analyzers/types';
import type { BandcampTag } from '../../src/core/interop/bandcamp';
import type { SampleWindow } from '../../src/core/sampling';
import type { TrackRecord } from '../../src/core/library/records';
import { NdjsonTable, readJson, writeJsonAtomic } from './files';
import type { SourceStamp, VectorRowRecord } from './vectorStore';

export interface AnalysisPassRecord {
  trackId: string;
  /** Size and mtime of the file this pass read: a changed file is analyzed from scratch. */
  source: SourceStamp;
  windowsCacheKey: string;
  windows: SampleWindow[];
  durationSec: number;
  analyses: AnalyzerResult[];
  at: number;
}

export interface JobOutcomeRecord {
  trackId: string;
  modelId: string;
  state: 'indexed' | 'failed';
  error?: string;
  attempts: number;
  source: SourceStamp;
  windowsCacheKey: string;
  updatedAt: number;
}

const jobKey = (trackId: string, modelId: string) => `${trackId}|${modelId}`;
const byPath = (a: TrackRecord, b: TrackRecord) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0);

export class LibraryState {
  readonly tracks = new Map<string, TrackRecord>();
  readonly analyses: NdjsonTable<AnalysisPassRecord>;
  readonly jobs: NdjsonTable<JobOutcomeRecord>;
  readonly bandcamp = new Map<string, BandcampTag>();

  constructor(readonly dir: string) {
    for (const track of readJson<{ tracks: TrackRecord[] }>(this.tracksPath)?.tracks ?? []) this.tracks.set(track.id, track);
    for (const [id, tag] of Object.entries(readJson<{ tags: Record<string, BandcampTag> }>(this.bandcampPath)?.tags ?? {})) this.bandcamp.set(id, tag);
    this.analyses = new NdjsonTable(join(dir, 'analyses.ndjson'), (r) => r.trackId);
    this.jobs = new NdjsonTable(join(dir, 'jobs.ndjson'), (r) => jobKey(r.trackId, r.modelId));
  }

  private get tracksPath(): string {
    return join(this.dir, 'tracks.json');
  }

  private get bandcampPath(): string {
    return join(this.dir, 'bandcamp.json');
  }

  /** Tracks still in the folder (removed ones keep their data but leave listings and the index). */
  presentTracks(): TrackRecord[] {
    return [...this.tracks.values()].filter((t) => t.status !== 'removed').sort(byPath);
  }

  job(trackId: string, modelId: string): JobOutcomeRecord | undefined {
    return this.jobs.get(jobKey(trackId, modelId));
  }

  saveTracks(): void {
    writeJsonAtomic(this.tracksPath, { tracks: [...this.tracks.values()].sort(byPath) });
  }

  saveBandcamp(): void {
    const ids = [...this.bandcamp.keys()].sort();
    writeJsonAtomic(this.bandcampPath, { tags: Object.fromEntries(ids.map((id) => [id, this.bandcamp.get(id)])) });
  }
}

export function stampOf(track: Pick<TrackRecord, 'size' | 'lastModified'>): SourceStamp {
  return { size: track.size, lastModified: track.lastModified };
}

export function sameStamp(a: SourceStamp | undefined, b: SourceStamp): boolean {
  return !!a && a.size === b.size && a.lastModified === b.lastModified;
}

/**
 * A moved file whose mtime changed (copied, then the original deleted) is still the same bytes:
 * what was computed from it at the old stamp is re-stamped, so `analyze` does not redo it.
 */
export function restampMoved(state: LibraryState, moves: readonly { id: string; before: SourceStamp; after: SourceStamp }[]): void {
  const restamped = moves.filter((m) => !sameStamp(m.before, m.after));
  if (!restamped.length) return;
  const moveOf = new Map(restamped.map((m) => [m.id, m]));
  const pass = (trackId: string, source: SourceStamp) => {
    const move = moveOf.get(trackId);
    return move && sameStamp(source, move.before) ? move.after : undefined;
  };
  for (const record of [...state.analyses.values()]) {
    const after = pass(record.trackId, record.source);
    if (after) state.analyses.put({ ...record, source: after });
  }
  for (const record of [...state.jobs.values()]) {
    const after = pass(record.trackId, record.source);
    if (after) state.jobs.put({ ...record, source: after });
  }
  const vectorsDir = join(state.dir, 'vectors');
  if (!existsSync(vectorsDir)) return;
  for (const name of readdirSync(vectorsDir).filter((n) => n.endsWith('.rows.ndjson'))) {
    const rows = new NdjsonTable<VectorRowRecord>(join(vectorsDir, name), (r) => r.trackId);
    for (const record of [...rows.values()]) {
      const after = pass(record.trackId, record.source);
      if (after) rows.put({ ...record, source: after });
    }
  }
}
