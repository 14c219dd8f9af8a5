/**
 * Plain data crossing the boundary between the app layer (which reads the library) and the
 * rekordbox reader/writer. Nothing here knows about storage.
 * @module
 */
import type { MusicalKey } from '../../music/keys';
import type { TonalityStyle } from './tonality';

/** One TEMPO row: a beat-grid segment starting at `startSec`. */
export interface TempoMarker {
  startSec: number;
  bpm: number;
  /** Time signature as rekordbox writes it, "4/4". */
  metre: string;
  /** Beat of the bar at `startSec`, 1–4. */
  beat: number;
}

export interface MarkColour {
  red: number;
  green: number;
  blue: number;
}

/** One POSITION_MARK: a memory cue (`num` -1), a hot cue (`num` 0–7) or a loop (`type` 4, with `endSec`). */
export interface PositionMark {
  name: string;
  /** 0 cue, 1 fade-in, 2 fade-out, 3 load, 4 loop. */
  type: number;
  startSec: number;
  endSec?: number;
  num: number;
  colour?: MarkColour;
}

/** A library track as the exporter needs it. Unknown fields stay undefined. */
export interface ExportTrack {
  /** Library track id; the rekordbox TrackID is derived from it so it never drifts. */
  id: string;
  /** Path relative to the music folder, as scanned. */
  relativePath: string;
  /** Paths the file had before it was moved or renamed, oldest first: an older collection's cues follow it. */
  formerPaths?: readonly string[];
  title?: string;
  artist?: string;
  composer?: string;
  album?: string;
  grouping?: string;
  genre?: string;
  label?: string;
  remixer?: string;
  mix?: string;
  comment?: string;
  sizeBytes?: number;
  durationSec?: number;
  discNumber?: number;
  trackNumber?: number;
  year?: number;
  bpm?: number;
  key?: MusicalKey;
  /** 1–10. */
  energy?: number;
  /** yyyy-mm-dd. */
  dateAdded?: string;
  bitrateKbps?: number;
  sampleRate?: number;
  playCount?: number;
  /** 0–5 stars. */
  rating?: number;
  /** 0xRRGGBB. */
  colour?: number;
  /**
   * First downbeat and tempo from rbassist's analysis: becomes one TEMPO row, or one per section
   * (`rows`, the first at the anchor) when the tempo really changes.
   */
  beatGrid?: { anchorSec: number; bpm: number; beat?: number; metre?: string; rows?: { startSec: number; bpm: number; beat: number }[] };
  /**
   * Cues rbassist itself made (the auto cues, src/core/cues); rekordbox's own are carried over from
   * an imported collection. They only fill hot-cue slots the imported cues leave empty.
   */
  cues?: PositionMark[];
  /**
   * Seconds from rbassist's timeline (what ffmpeg decodes) to rekordbox's for this file (see
   * timeline.ts): added to `beatGrid` and `cues` on export, never to rows imported from rekordbox.
   */
  timelineOffsetSec?: number;
}

/** A user's crate, exported as a playlist (`NODE Type="1"`). */
export interface ExportCrate {
  id: string;
  name: string;
  /** Library track ids in play order. */
  trackIds: string[];
  /** Display order among crates; ties fall back to name then id. */
  position?: number;
}

/** A generated "Similar to <seed>" playlist. */
export interface SimilarPlaylist {
  seedTrackId: string;
  /** Recommended library track ids, best first (the seed is put first automatically). */
  trackIds: string[];
}

export interface ExportOptions {
  /** Absolute path of the music folder as the DJ's computer sees it: `D:\Music`, `/Volumes/Music`. */
  musicFolderPath: string;
  tonality: TonalityStyle;
  /** e.g. "{camelot} - Energy {energy}"; undefined or '' leaves comments as they are. */
  commentTemplate?: string;
  /** rbassist's version, written in PRODUCT. */
  appVersion: string;
  /** An imported rekordbox collection whose cues, grids and playlists must survive the export. */
  previous?: RekordboxCollection;
  /** Keep the previous collection's playlists (in a "rekordbox" folder). Default true when `previous` is set. */
  keepPreviousPlaylists?: boolean;
  /** Prefer the previous collection's TEMPO rows (often hand-corrected) over rbassist's grid. Default true. */
  keepPreviousGrid?: boolean;
  similar?: SimilarPlaylist[];
  /** Put the crates' playlists in a folder of this name (the whole-library export uses "rbassist"). */
  crateFolder?: string;
  /**
   * Cues written: 'auto' (default) the imported collection's cues plus the tracks' own `cues` in the
   * hot-cue slots left empty; 'keep' the imported cues only; 'off' no POSITION_MARK at all.
   */
  cues?: 'auto' | 'keep' | 'off';
}

export interface ExportReport {
  xml: string;
  trackCount: number;
  /** Tracks left out, with the reason (e.g. a path too long for rekordbox). */
  skipped: { trackId: string; reason: string }[];
  /** Notes about the export a DJ may want to read (e.g. crate entries for tracks not exported). */
  warnings: string[];
  /** One resulting Location, for the settings preview. */
  sampleLocation?: string;
}

/** A track read from a rekordbox.xml. Numbers are parsed; `raw` keeps the attribute text. */
export interface RekordboxTrack {
  trackId: number;
  name: string;
  artist: string;
  composer: string;
  album: string;
  grouping: string;
  genre: string;
  /** As written: may be localised ("Mp3-Datei "). */
  kind: string;
  /** Lower-case extension of the file, which is what the kind really means. */
  fileType: string;
  sizeBytes: number;
  durationSec: number;
  discNumber: number;
  trackNumber: number;
  year: number;
  bpm: number;
  /** yyyy-mm-dd, or '' when absent or unreadable. */
  dateAdded: string;
  bitrateKbps: number;
  sampleRate: number;
  comments: string;
  playCount: number;
  /** 0–255 as written. */
  rating: number;
  location: string;
  /** Decoded absolute path (`C:/Music/x.mp3`, `/Users/me/x.mp3`). */
  path: string;
  remixer: string;
  tonality: string;
  key?: MusicalKey;
  label: string;
  mix: string;
  colour?: string;
  tempo: TempoMarker[];
  marks: PositionMark[];
  /** 1-based line of the TRACK element. */
  line: number;
}

export type PlaylistNode = { kind: 'folder'; name: string; children: PlaylistNode[] } | { kind: 'playlist'; name: string; trackIds: number[] };

export interface RekordboxCollection {
  product: { name: string; version: string; company: string };
  tracks: RekordboxTrack[];
  /** Children of the ROOT node. */
  playlists: PlaylistNode[];
  /** Oddities that did not stop the import (count mismatches, unknown playlist keys). */
  warnings: string[];
}
