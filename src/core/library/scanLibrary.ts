/**
 * Scan stage: walk the music source, diff against the library by path id + size + mtime, pair
 * removed files with new ones by content key (a move or rename keeps the track's id and so all its
 * data), store new/changed/moved/removed state, then read tags of new and changed files only. A
 * scan that cannot finish (permission withdrawn, cancelled) never marks unseen tracks as removed.
 * The browser (src/app/libraryController.ts) and the CLI (cli/library/scan.ts) both scan with it.
 * @module
 */
import { diffScan, type FileStamp } from './scanDiff';
import { withFileNameFallback } from './tags';
import type { TagResult } from './tagMapping';
import { trackIdAt } from './trackId';
import { CONTENT_KEY_VERSION, contentKey, matchMoves } from './contentKey';
import { FolderAccessLostError, type MusicSource } from './musicSource';
import type { TrackRecord } from './records';
import { errorMessage } from '../errors';

export interface ScanProgress {
  phase: 'walking' | 'saving' | 'tags' | 'done';
  filesSeen: number;
  tagsDone: number;
  tagsTotal: number;
  problems: number;
}

/** A file found again at another path: the track keeps its id, analyses, vectors, crates and cues. */
export interface TrackMove {
  id: string;
  from: string;
  to: string;
  /** The file's stamp at the old path and now (a copy-then-delete move changes the mtime). */
  before: { size: number; lastModified: number };
  after: { size: number; lastModified: number };
  /** Set when the bytes changed too (re-tagged) and the analysis confirmed the move by the audio fingerprint. */
  confirmedBy?: 'audio';
}

export interface ScanReport {
  added: string[];
  changed: string[];
  removed: string[];
  /** Files moved or renamed since the last scan, old → new path (not in added/removed). */
  moved: TrackMove[];
  /** Track ids of the added, changed and removed files, in the same order as the paths. */
  ids: { added: string[]; changed: string[]; removed: string[] };
  unchanged: number;
  /** Files that could not be read or are not audio, with the reason. */
  problems: { relativePath: string; reason: string }[];
  /** Set when the scan stopped early; the library keeps everything it had. */
  stoppedEarly?: string;
  durationMs: number;
}

/** The track table operations a scan needs (dexie's table in the app, a JSON-backed map in the CLI). */
export interface ScanTracks {
  toArray(): Promise<TrackRecord[]>;
  bulkPut(records: TrackRecord[]): Promise<unknown>;
  bulkUpdate(changes: { key: string; changes: Partial<TrackRecord> }[]): Promise<unknown>;
}

export interface ScanOptions {
  /** Forget tracks for good (removed for longer than the retention period). */
  forget?: (trackIds: string[]) => Promise<void>;
  /** Drop what was computed from a file's old content (its size or mtime changed). */
  invalidate?: (trackIds: string[]) => Promise<void>;
  /** Tracks found at a new path (the CLI re-stamps what it computed when the mtime changed). */
  relocated?: (moves: TrackMove[]) => Promise<void>;
  /** Reads tags of a batch of files; one result per file, in order. */
  readTags: (files: File[]) => Promise<TagResult[]>;
  signal?: AbortSignal;
  onProgress?: (progress: ScanProgress) => void;
  /** Tag batches in flight (the worker pool queues beyond its size). */
  tagConcurrency?: number;
  tagBatchSize?: number;
  now?: () => number;
}

const PROGRESS_EVERY = 250;
export const REMOVED_RETENTION_MS = 30 * 24 * 3600 * 1000;
const WRITE_BATCH = 500;
/** Files whose head and tail are read at once for their content key. */
const KEY_CONCURRENCY = 8;

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

interface SeenFile extends FileStamp {
  file: File;
}

export async function scanLibrary(tracks: ScanTracks, source: MusicSource, options: ScanOptions): Promise<ScanReport> {
  const now = options.now ?? Date.now;
  const started = now();
  const progress: ScanProgress = { phase: 'walking', filesSeen: 0, tagsDone: 0, tagsTotal: 0, problems: 0 };
  const emit = () => options.onProgress?.({ ...progress });
  const seen: SeenFile[] = [];
  const problems: ScanReport['problems'] = [];
  let stoppedEarly: string | undefined;

  try {
    for await (const entry of source.walk(options.signal)) {
      if (entry.kind === 'file') {
        seen.push({ id: '', relativePath: entry.relativePath, size: entry.file.size, lastModified: entry.file.lastModified, file: entry.file });
      } else {
        problems.push({ relativePath: entry.relativePath, reason: entry.reason });
        progress.problems++;
      }
      progress.filesSeen++;
      if (progress.filesSeen % PROGRESS_EVERY === 0) emit();
    }
  } catch (error) {
    if (error instanceof FolderAccessLostError) stoppedEarly = error.message;
    else if ((error as Error)?.name === 'AbortError') stoppedEarly = 'Scan cancelled; nothing was removed from the library.';
    else throw error;
  }
  progress.phase = 'saving';
  emit();

  const existing = await tracks.toArray();
  const existingById = new Map(existing.map((t) => [t.id, t]));
  // Ids follow the track, not the path: a moved track keeps the id of its first path.
  const idAtPath = new Map<string, string>();
  for (const t of existing) if (t.status === 'removed') idAtPath.set(t.relativePath, t.id);
  for (const t of existing) if (t.status !== 'removed') idAtPath.set(t.relativePath, t.id);
  const assigned = new Set<string>();
  const idFor = (relativePath: string) => {
    const id = trackIdAt(relativePath, idAtPath, (candidate) => existingById.has(candidate) || assigned.has(candidate));
    assigned.add(id);
    return id;
  };
  for (const file of seen) file.id = idFor(file.relativePath);
  const problemIds = new Map(problems.map((p) => [p.relativePath, idFor(p.relativePath)]));
  // A folder that suddenly holds nothing is an unplugged drive or an unmounted share, not a DJ who
  // deleted the whole library: keep everything and say so.
  if (!stoppedEarly && seen.length === 0 && problems.length === 0 && existing.some((t) => t.status !== 'removed')) {
    stoppedEarly = `"${source.name}" looks empty or offline (drive unplugged?). Nothing was removed from the library; rescan when it is back.`;
  }
  const diff = diffScan(
    existing.filter((t) => t.status !== 'removed'),
    seen,
  );
  const today = isoDate(now());

  // Content keys of new and changed files, and of tracks scanned before keys existed.
  const keyOf = new Map<string, string>();
  const needKey = [
    ...diff.added,
    ...diff.changed,
    ...diff.unchanged.filter((f) => !existingById.get(f.id)?.contentKey?.startsWith(`v${CONTENT_KEY_VERSION}:`)),
  ];
  await mapLimit(needKey, KEY_CONCURRENCY, async (file) => {
    try {
      keyOf.set(file.id, await contentKey(file.file));
    } catch {
      // Unreadable now: the tag reader reports it; without a key the file simply cannot pair as a move.
    }
  });

  // A removed file whose bytes reappear at a new path was moved or renamed (so was a track removed
  // by an earlier scan, within its retention period).
  const stillThere = new Set([...seen.map((f) => f.id), ...problemIds.values()]);
  const gone = stoppedEarly ? [] : existing.filter((t) => !stillThere.has(t.id));
  const moves = matchMoves(
    gone,
    diff.added.map((f) => ({ ...f, contentKey: keyOf.get(f.id) })),
  );
  const movedTo = new Map(moves.map((m) => [m.to.id, m]));
  const movedFrom = new Set(moves.map((m) => m.from.id));
  const added = diff.added.filter((f) => !movedTo.has(f.id));
  const movedFiles: SeenFile[] = [];
  const moveReport: TrackMove[] = [];

  const toWrite: TrackRecord[] = [];
  for (const file of added) {
    const previous = existingById.get(file.id); // a removed track that came back keeps its history
    toWrite.push({
      id: file.id,
      relativePath: file.relativePath,
      fileName: file.relativePath.split('/').pop()!,
      size: file.size,
      lastModified: file.lastModified,
      dateAdded: previous?.dateAdded ?? today,
      status: 'pending',
      scanState: 'new',
      tags: previous?.tags ?? withFileNameFallback({}, file.relativePath),
      contentKey: keyOf.get(file.id),
    });
  }
  for (const { from, to } of moves) {
    const track = from;
    const cameBack = track.status === 'removed';
    toWrite.push({
      ...track,
      relativePath: to.relativePath,
      fileName: to.relativePath.split('/').pop()!,
      size: to.size,
      lastModified: to.lastModified,
      contentKey: to.contentKey,
      formerPaths: [...(track.formerPaths ?? []).filter((p) => p !== to.relativePath), track.relativePath],
      scanState: 'moved',
      status: cameBack ? 'pending' : track.status,
      removedAt: undefined,
    });
    moveReport.push({
      id: track.id,
      from: track.relativePath,
      to: to.relativePath,
      before: { size: track.size, lastModified: track.lastModified },
      after: { size: to.size, lastModified: to.lastModified },
    });
    // A track removed by an earlier scan reads its tags again like any file that came back.
    if (cameBack) movedFiles.push({ ...to, id: track.id });
  }
  for (const file of diff.changed) {
    const previous = existingById.get(file.id)!;
    toWrite.push({
      ...previous,
      size: file.size,
      lastModified: file.lastModified,
      status: 'pending',
      scanState: 'changed',
      error: undefined,
      removedAt: undefined,
      contentKey: keyOf.get(file.id),
      decodedDurationSec: undefined,
    });
  }
  for (const problem of problems) {
    const id = problemIds.get(problem.relativePath)!;
    const previous = existingById.get(id);
    toWrite.push({
      id,
      relativePath: problem.relativePath,
      fileName: problem.relativePath.split('/').pop()!,
      size: previous?.size ?? 0,
      lastModified: previous?.lastModified ?? 0,
      dateAdded: previous?.dateAdded ?? today,
      status: 'error',
      scanState: previous ? 'changed' : 'new',
      error: problem.reason,
      tags: previous?.tags ?? withFileNameFallback({}, problem.relativePath),
    });
  }
  const problemIdSet = new Set(problemIds.values());
  const removed = stoppedEarly ? [] : diff.removed.filter((r) => !problemIdSet.has(r.id) && !movedFrom.has(r.id));
  const removedAt = now();
  for (const gone of removed) toWrite.push({ ...existingById.get(gone.id)!, status: 'removed', removedAt });
  // Removed tracks keep their data for REMOVED_RETENTION_MS in case the files come back.
  const expired = existing
    .filter((t) => t.status === 'removed' && !movedFrom.has(t.id) && t.removedAt !== undefined && removedAt - t.removedAt > REMOVED_RETENTION_MS)
    .map((t) => t.id);
  // Unchanged tracks drop their new/changed/moved badge from the previous scan (and get a key if they had none).
  for (const file of diff.unchanged) {
    const previous = existingById.get(file.id)!;
    const key = keyOf.get(file.id);
    if (previous.scanState !== 'unchanged' || key) toWrite.push({ ...previous, scanState: 'unchanged', ...(key ? { contentKey: key } : {}) });
  }
  for (let i = 0; i < toWrite.length; i += WRITE_BATCH) await tracks.bulkPut(toWrite.slice(i, i + WRITE_BATCH));
  // A changed file is different audio: what was computed from it no longer describes it.
  if (diff.changed.length) await options.invalidate?.(diff.changed.map((f) => f.id));
  if (moveReport.length) await options.relocated?.(moveReport);
  if (expired.length) await options.forget?.(expired);

  const needTags = [...added, ...movedFiles, ...diff.changed];
  progress.phase = 'tags';
  progress.tagsTotal = needTags.length;
  emit();
  await readAllTags(tracks, needTags, options, progress, emit);

  progress.phase = 'done';
  emit();
  return {
    added: added.map((f) => f.relativePath),
    changed: diff.changed.map((f) => f.relativePath),
    removed: removed.map((f) => f.relativePath),
    moved: moveReport,
    ids: { added: added.map((f) => f.id), changed: diff.changed.map((f) => f.id), removed: removed.map((f) => f.id) },
    unchanged: diff.unchanged.length,
    problems: [...problems],
    stoppedEarly,
    durationMs: now() - started,
  };
}

/** Run `task` over `items`, at most `limit` at a time. */
async function mapLimit<T>(items: readonly T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

async function readAllTags(tracks: ScanTracks, files: SeenFile[], options: ScanOptions, progress: ScanProgress, emit: () => void): Promise<void> {
  const concurrency = Math.max(1, options.tagConcurrency ?? 4);
  let next = 0;
  let pendingWrites: { id: string; changes: Partial<TrackRecord> }[] = [];
  const flush = async () => {
    const batch = pendingWrites;
    pendingWrites = [];
    if (batch.length) await tracks.bulkUpdate(batch.map(({ id, changes }) => ({ key: id, changes })));
  };
  const batchSize = Math.max(1, options.tagBatchSize ?? 32);
  const worker = async () => {
    while (next < files.length) {
      if (options.signal?.aborted) return;
      const batch = files.slice(next, next + batchSize);
      next += batch.length;
      let results: TagResult[];
      try {
        results = await options.readTags(batch.map((f) => f.file));
      } catch (error) {
        // A crashed or hung worker fails its whole batch; each file gets the reason.
        results = batch.map(() => ({ ok: false, reason: `Cannot read tags: ${errorMessage(error)}` }));
      }
      batch.forEach((file, i) => {
        const result = results[i];
        const fileName = file.relativePath.split('/').pop()!;
        pendingWrites.push(
          result.ok
            ? { id: file.id, changes: { tags: withFileNameFallback(result.value, fileName), status: 'ready', error: undefined } }
            : { id: file.id, changes: { tags: withFileNameFallback({}, fileName), status: 'error', error: result.reason } },
        );
        if (!result.ok) progress.problems++;
      });
      progress.tagsDone += batch.length;
      if (pendingWrites.length >= WRITE_BATCH) await flush();
      emit();
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await flush();
}
