/**
 * The scan every folder command starts with, and its report on the terminal.
 * @module
 */
import type { ScanReport } from '../../src/core/library/scanLibrary';
import { scanFolder } from '../library/scan';
import type { FolderSource } from '../library/folderSource';
import type { LibraryState } from '../state/libraryState';
import { line, problem, type CommandIO } from './io';

/** Longer lists are cut (a big library can hold hundreds of broken files). */
export const MAX_LISTED = 20;

export interface ScanOutcome {
  report: ScanReport;
  /** Files in the library that cannot be read (not audio, empty, unreadable), from this scan or earlier ones. */
  unreadable: { relativePath: string; reason: string }[];
}

export async function scanStep(state: LibraryState, source: FolderSource, io: CommandIO): Promise<ScanOutcome> {
  let lastShown = 0;
  const report = await scanFolder(state, source, {
    signal: io.signal,
    onProgress: (p) => {
      // Only big folders take long enough to need this.
      if (p.phase === 'tags' && p.tagsDone - lastShown >= 1000) {
        lastShown = p.tagsDone;
        problem(io, `Reading tags: ${p.tagsDone}/${p.tagsTotal}`);
      }
    },
  });
  // The scan stage records walk problems and unreadable tags as tracks in error.
  const unreadable = state
    .presentTracks()
    .filter((t) => t.status === 'error')
    .map((t) => ({ relativePath: t.relativePath, reason: t.error ?? 'cannot be read' }));
  line(
    io,
    `Scanned ${source.root}: ${report.added.length} new, ${report.changed.length} changed, ${report.removed.length} removed, ${report.unchanged} unchanged${report.moved.length ? `, ${report.moved.length} moved` : ''} (${(report.durationMs / 1000).toFixed(1)} s)`,
  );
  // A moved track keeps its analyses, vectors and tags; the DJ sees where it went.
  for (const move of report.moved.slice(0, MAX_LISTED)) line(io, `  moved: ${move.from} → ${move.to}`);
  if (report.moved.length > MAX_LISTED) line(io, `  … and ${report.moved.length - MAX_LISTED} more moved`);
  if (unreadable.length) problem(io, `${unreadable.length} file${unreadable.length === 1 ? '' : 's'} cannot be read:`);
  for (const u of unreadable.slice(0, MAX_LISTED)) problem(io, `  ✗ ${u.relativePath}: ${u.reason}`);
  if (unreadable.length > MAX_LISTED) problem(io, `  … and ${unreadable.length - MAX_LISTED} more`);
  if (report.stoppedEarly) problem(io, report.stoppedEarly);
  return { report, unreadable };
}
