/**
 * Scan a folder into the CLI library with the browser's scan stage (src/app/scanStage.ts): the same
 * diff by path id + size + mtime, the same moves found by content, the same new/changed/removed/problem records, the same tag
 * fallbacks. The stage talks to a `tracks` table; here that table is the in-memory map of
 * tracks.json, saved once the scan is done.
 * @module
 */
import { scanLibrary, type ScanProgress, type ScanReport } from '../../src/core/library/scanLibrary';
import type { TagResult } from '../../src/core/library/tagMapping';
import type { TrackRecord } from '../../src/core/library/records';
import { restampMoved, type LibraryState } from '../state/libraryState';
import { DiskFile, FolderSource } from './folderSource';
import { readTagsFromDisk } from './readTags';

/** The three table operations scanLibrary uses, over the state's track map. */
function tracksTable(state: LibraryState) {
  return {
    async toArray(): Promise<TrackRecord[]> {
      return [...state.tracks.values()];
    },
    async bulkPut(records: TrackRecord[]): Promise<void> {
      for (const record of records) state.tracks.set(record.id, structuredClone(record));
    },
    async bulkUpdate(updates: { key: string; changes: Partial<TrackRecord> }[]): Promise<void> {
      for (const { key, changes } of updates) {
        const track = state.tracks.get(key);
        if (track) state.tracks.set(key, { ...track, ...changes });
      }
    },
  };
}

async function readTags(files: File[]): Promise<TagResult[]> {
  return Promise.all(
    files.map((file) =>
      file instanceof DiskFile
        ? readTagsFromDisk(file.absolutePath, file.name, file.size)
        : Promise.resolve<TagResult>({ ok: false, reason: 'Not a file on disk' }),
    ),
  );
}

export async function scanFolder(
  state: LibraryState,
  source: FolderSource,
  options: { signal?: AbortSignal; onProgress?: (progress: ScanProgress) => void } = {},
): Promise<ScanReport> {
  const report = await scanLibrary(tracksTable(state), source, {
    readTags,
    signal: options.signal,
    onProgress: options.onProgress,
    tagConcurrency: 4,
    tagBatchSize: 16,
    relocated: async (moves) => restampMoved(state, moves),
  });
  state.saveTracks();
  return report;
}
