import { buildM3u8, rekordbox, type M3uEntry } from '../../core/interop';
import { durationOf, type TrackView } from '../../core/library/trackView';

/**
 * A crate as files the DJ takes elsewhere: an M3U8 playlist and a rekordbox XML holding just that
 * playlist and its tracks. Built by the pure writers in core/interop from library rows.
 */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  text: string;
  /** Notes for the DJ (tracks left out and why). */
  warnings: string[];
}

export interface CrateForExport {
  id: string;
  name: string;
  position: number;
  trackIds: readonly string[];
  /** Tracks to leave out (duplicates, when the DJ asked for that in the Duplicates view). */
  leaveOut?: ReadonlySet<string>;
}

export class ExportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportRefusedError';
  }
}

/** A file name that every OS accepts, from the crate name. */
export function safeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[\\/:*?"<>|\u0000-\u001f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '');
  return cleaned.slice(0, 120) || 'crate';
}

interface CrateRows {
  rows: TrackView[];
  missing: number;
  duplicates: number;
}

function rowsOf(crate: CrateForExport, view: (id: string) => TrackView | undefined): CrateRows {
  const rows: TrackView[] = [];
  let missing = 0;
  let duplicates = 0;
  for (const id of crate.trackIds) {
    const row = view(id);
    if (!row) missing++;
    else if (crate.leaveOut?.has(id)) duplicates++;
    else rows.push(row);
  }
  return { rows, missing, duplicates };
}

function missingNote({ missing, duplicates }: CrateRows): string[] {
  const notes = missing ? [`${missing} track${missing === 1 ? ' is' : 's are'} no longer in the library and ${missing === 1 ? 'was' : 'were'} left out`] : [];
  if (duplicates) notes.push(`${duplicates} duplicate${duplicates === 1 ? ' was' : 's were'} left out (Duplicates view: “Leave duplicates out of exports”)`);
  return notes;
}

/**
 * M3U8 with paths relative to the music folder (the playlist is meant to be saved there); with a
 * music-folder path in settings, absolute paths instead, so the file works from anywhere.
 */
export function crateToM3u8(crate: CrateForExport, view: (id: string) => TrackView | undefined, musicFolderPath: string): ExportFile {
  const crateRows = rowsOf(crate, view);
  const { rows } = crateRows;
  const entries: M3uEntry[] = rows.map((row) => ({
    relativePath: row.track.relativePath,
    artist: row.track.tags.artist,
    title: row.track.tags.title,
    durationSec: durationOf(row),
  }));
  const folder = musicFolderPath.trim();
  const built = buildM3u8(entries, folder ? { kind: 'absolute', musicFolderPath: folder } : { kind: 'relative' });
  if (!built.ok) throw new ExportRefusedError(`Cannot write the M3U8 playlist: ${built.reason.message}`);
  const warnings = missingNote(crateRows);
  if (!folder) warnings.push('Paths are relative to your music folder: save the playlist there (or set the music folder path in Settings for absolute paths)');
  return { fileName: `${safeFileName(crate.name)}.m3u8`, mimeType: 'audio/x-mpegurl', text: built.value, warnings };
}

export interface RekordboxExportSettings {
  musicFolderPath: string;
  commentTemplate: string;
  /** The library row as the rekordbox exporter sees it (the app's interop service does this). */
  exportTrack: (view: TrackView) => rekordbox.ExportTrack;
  /** How the Tonality attribute is written: Camelot codes or rekordbox's musical spelling. */
  tonality: rekordbox.TonalityStyle;
  appVersion: string;
}

/** rekordbox XML with the crate as a playlist. Refuses, saying why, until the music folder path is set. */
export function crateToRekordbox(crate: CrateForExport, view: (id: string) => TrackView | undefined, settings: RekordboxExportSettings): ExportFile {
  if (!settings.musicFolderPath.trim()) {
    throw new ExportRefusedError(
      'Set the music folder path in Settings first (e.g. D:\\Music or /Volumes/Music): rekordbox needs the full path of every track',
    );
  }
  const crateRows = rowsOf(crate, view);
  const { rows } = crateRows;
  const report = rekordbox.exportRekordboxXml(
    rows.map((row) => settings.exportTrack(row)),
    [{ id: crate.id, name: crate.name, trackIds: rows.map((row) => row.track.id), position: crate.position }],
    {
      musicFolderPath: settings.musicFolderPath.trim(),
      tonality: settings.tonality,
      commentTemplate: settings.commentTemplate,
      appVersion: settings.appVersion,
    },
  );
  if (!report.ok) throw new ExportRefusedError(`Cannot write the rekordbox XML: ${report.reason.message}`);
  const skipped = report.value.skipped.map((s) => `${view(s.trackId)?.track.relativePath ?? s.trackId}: ${s.reason}`);
  return {
    fileName: `${safeFileName(crate.name)} (rekordbox).xml`,
    mimeType: 'application/xml',
    text: report.value.xml,
    warnings: [...missingNote(crateRows), ...skipped, ...report.value.warnings],
  };
}
