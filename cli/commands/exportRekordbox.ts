/**
 * `rbassist export-rekordbox <out.xml>`: the library as a rekordbox collection (BPM, key, energy in
 * the comment, beat-grid anchor), byte-identical for an unchanged library. `--previous` carries
 * over cues, hand-fixed grids and playlists from the DJ's own rekordbox export; `--cues` adds the
 * auto cues into the hot-cue slots those leave empty (auto), keeps only those (keep), or writes none (off).
 * @module
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { DEFAULT_SETTINGS } from '../../src/core/settings';
import { parseCueMode, type CueTemplate } from '../../src/core/cues';
import { describeProblem } from '../../src/core/interop/problem';
import { exportRekordboxXml, readCollectionXml, type RekordboxCollection, type TonalityStyle } from '../../src/core/interop/rekordbox';
import { CliError, describeFsError, EXIT } from '../errors';
import { exportTrackOf, libraryViews } from '../library/views';
import { writeFileAtomic } from '../state/files';
import { LibraryState } from '../state/libraryState';
import { findState } from '../state/stateDir';
import { line, problem, type CommandIO } from './io';
import packageJson from '../../package.json';

export interface ExportOptions {
  out: string;
  /** Absolute music folder path as rekordbox's computer sees it (default: the scanned folder). */
  folderPath?: string;
  state?: string;
  tonality?: string;
  /** '' leaves comments alone. */
  commentTemplate?: string;
  previous?: string;
  /** auto (default): imported cues + auto cues in empty hot-cue slots; keep: imported only; off: none. */
  cues?: string;
  cueTemplate?: CueTemplate;
}

function readPrevious(path: string): RekordboxCollection {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`Cannot read ${path}: ${describeFsError(error)}.`);
  }
  const parsed = readCollectionXml(text);
  if (!parsed.ok) throw new CliError(`${path} is not a readable rekordbox collection: ${describeProblem(parsed.reason)}`);
  return parsed.value;
}

export async function exportRekordboxCommand(options: ExportOptions, io: CommandIO): Promise<number> {
  const location = findState(options.state);
  const out = resolve(options.out);
  const inside = relative(location.musicFolder, out);
  if (!inside.startsWith('..') && !isAbsolute(inside)) {
    throw new CliError(`${out} is inside the music folder; rbassist never writes there. Write the XML somewhere else.`, 2);
  }
  const tonality = (options.tonality ?? 'rekordbox') as TonalityStyle;
  if (tonality !== 'rekordbox' && tonality !== 'camelot') throw new CliError(`--tonality must be rekordbox or camelot, not "${options.tonality}".`, 2);

  const cues = parseCueMode(options.cues ?? 'auto');
  if (!cues) throw new CliError(`--cues must be auto, keep or off, not "${options.cues}".`, 2);

  const state = new LibraryState(location.dir);
  const views = libraryViews(state).filter((v) => v.track.status !== 'error');
  const report = exportRekordboxXml(
    views.map((v) => exportTrackOf(v, state, options.cueTemplate)),
    [],
    {
      musicFolderPath: options.folderPath ?? location.musicFolder,
      tonality,
      commentTemplate: options.commentTemplate ?? DEFAULT_SETTINGS.commentTemplate,
      appVersion: packageJson.version,
      previous: options.previous ? readPrevious(resolve(options.previous)) : undefined,
      cues,
    },
  );
  if (!report.ok) throw new CliError(`Cannot export: ${describeProblem(report.reason)}`, 2);
  const { xml, trackCount, skipped, warnings, sampleLocation } = report.value;
  try {
    writeFileAtomic(out, xml);
  } catch (error) {
    throw new CliError(`Cannot write ${out}: ${describeFsError(error)}.`);
  }
  line(io, `Exported ${trackCount} tracks to ${out}${sampleLocation ? ` (locations like ${sampleLocation})` : ''}`);
  for (const warning of warnings) problem(io, `  ! ${warning}`);
  for (const s of skipped) problem(io, `  ✗ ${state.tracks.get(s.trackId)?.relativePath ?? s.trackId}: ${s.reason}`);
  return skipped.length ? EXIT.someTracksFailed : EXIT.ok;
}
