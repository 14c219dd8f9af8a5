/**
 * `rbassist import-bandcamp <csv>`: match a Bandcamp collection export or sales report to the
 * library and store label, page and purchase date per track. Importing the same file twice changes
 * nothing.
 * @module
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { importBandcampCsv, mergeIntoLibrary } from '../../src/core/interop/bandcamp';
import { describeProblem } from '../../src/core/interop/problem';
import { CliError, describeFsError, EXIT } from '../errors';
import { LibraryState } from '../state/libraryState';
import { acquireLock, findState } from '../state/stateDir';
import { line, problem, type CommandIO } from './io';
import { MAX_LISTED } from './scanStep';

export interface ImportBandcampOptions {
  csv: string;
  state?: string;
  minScore?: number;
}

export async function importBandcampCommand(options: ImportBandcampOptions, io: CommandIO): Promise<number> {
  const path = resolve(options.csv);
  let csv: string;
  try {
    csv = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${describeFsError(error)}.`);
  }
  const location = findState(options.state);
  const release = acquireLock(location.dir);
  try {
    const state = new LibraryState(location.dir);
    const library = state.presentTracks().map((t) => ({ id: t.id, artist: t.tags.artist, title: t.tags.title, album: t.tags.album, comment: t.tags.comment }));
    const imported = importBandcampCsv(csv, library, { minScore: options.minScore });
    if (!imported.ok) throw new CliError(`Cannot import ${path}: ${describeProblem(imported.reason)}`);
    const result = imported.value;
    const changed = mergeIntoLibrary(state.bandcamp, result.tags);
    for (const [id, tag] of changed) state.bandcamp.set(id, tag);
    if (changed.size) state.saveBandcamp();
    const matchedTracks = new Set(result.matches.flatMap((m) => m.trackIds)).size;
    line(
      io,
      `Bandcamp ${result.format} CSV: ${result.matches.length} rows matched ${matchedTracks} tracks, ${result.unmatched.length} unmatched, ` +
        `${result.ignored.length} ignored, ${result.duplicateRows} duplicate rows; ${changed.size} tracks tagged or updated`,
    );
    if (result.unmatched.length) problem(io, 'Not in the library:');
    for (const row of result.unmatched.slice(0, MAX_LISTED)) problem(io, `  ? line ${row.line}: ${row.artist} – ${row.title}`);
    if (result.unmatched.length > MAX_LISTED) problem(io, `  … and ${result.unmatched.length - MAX_LISTED} more`);
    return EXIT.ok;
  } finally {
    release();
  }
}
