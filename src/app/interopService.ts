import { importBandcampCsv, type BandcampImport } from '../core/interop/bandcamp/importCsv';
import { mergeIntoLibrary, type BandcampTag } from '../core/interop/bandcamp/tags';
import type { ColumnMapping } from '../core/interop/bandcamp/columns';
import { buildM3u8 } from '../core/interop/m3u8';
import { describeProblem, type Result } from '../core/interop/problem';
import { CRATES_FOLDER_NAME, exportRekordboxXml } from '../core/interop/rekordbox/exporter';
import { locationFromPath, parseMusicFolder } from '../core/interop/rekordbox/location';
import { matchCollectionToLibrary } from '../core/interop/rekordbox/libraryMatch';
import type { MusicalKey } from '../core/music/keys';
import { Store } from './store';
import { readCollectionXml } from '../core/interop/rekordbox/reader';
import { starsFromRating } from '../core/interop/rekordbox/fields';
import type { ExportCrate, ExportReport, ExportTrack, PlaylistNode, PositionMark, RekordboxCollection, SimilarPlaylist } from '../core/interop/rekordbox/types';
import type { RbassistDb } from '../storage/db';
import packageJson from '../../package.json';
import { readFileAt, opfsRoot, writeFileAt } from '../storage/opfs';
import type { LibraryController } from './libraryController';
import type { SettingsService } from './settings';
import { autoCuesOf, durationOf, exportTrackOf, type TrackView } from '../core/library/trackView';
import { autoCueMarks, type AutoCue } from '../core/cues';

/**
 * Rekordbox XML export/import, Bandcamp CSV import and M3U8 for the app: fills the pure writers'
 * inputs from the library and settings, keeps the last imported rekordbox collection (in OPFS) so
 * that re-exporting never loses the DJ's cues, grids or playlists.
 */
const PREVIOUS_COLLECTION = 'interop/rekordbox-imported.xml';
/** Written into the XML's PRODUCT element (the CLI writes the same). */
export const APP_VERSION: string = packageJson.version;

export interface RekordboxImportSummary {
  tracks: number;
  playlists: number;
  /** Collection tracks that are also in the library (matched by path). */
  matched: number;
  warnings: string[];
}

/** What the DJ's own rekordbox collection says about a track, shown beside rbassist's values. */
export interface RekordboxValues {
  bpm: number;
  key?: MusicalKey;
  tonality: string;
  /** Hot cues, memory cues and loops. */
  cues: number;
  /** Stars 0–5. */
  stars: number;
  /** The cues themselves, on rekordbox's timeline (drawn on the track detail's waveform). */
  marks: PositionMark[];
}

export class InteropService {
  /**
   * Every crate as the whole-library export writes it: hand-made ones in play order, smart ones with
   * their current members (set by the app once crates are loaded).
   */
  crates: (() => Promise<ExportCrate[]>) | null = null;

  /** rekordbox values by library track id, from the last imported collection. */
  readonly rekordbox = new Store<{ byTrack: ReadonlyMap<string, RekordboxValues> }>({ byTrack: new Map() });
  /** Tracks the library exports leave out (duplicates, when the DJ asks for it). */
  leaveOut: () => ReadonlySet<string> = () => new Set();

  constructor(
    private readonly db: RbassistDb,
    private readonly library: LibraryController,
    private readonly settings: SettingsService,
  ) {}

  /** The library track as the exporters see it: the values the DJ sees in the table. */
  exportTrack(view: TrackView): ExportTrack {
    const { preferTaggedValues, cueTemplate } = this.settings.store.get();
    return exportTrackOf(view, preferTaggedValues ? 'tagged' : 'analysed', { cueTemplate });
  }

  /** The auto cues the DJ's cue template gives a track (for the track detail and its waveform overlay). */
  autoCues(view: TrackView): AutoCue[] {
    return autoCuesOf(view, this.settings.store.get().cueTemplate);
  }

  /**
   * The auto cues the next export adds for a track (rbassist's timeline), as marks for the waveform:
   * none unless the cue mode is 'auto', and no hot cue in a slot the imported rekordbox cues use
   * (the exporter's rule: the DJ's cues win).
   */
  exportedAutoCueMarks(view: TrackView): PositionMark[] {
    if (this.settings.store.get().cueMode !== 'auto') return [];
    const taken = new Set((this.rekordbox.get().byTrack.get(view.track.id)?.marks ?? []).filter((m) => m.num >= 0).map((m) => m.num));
    return autoCueMarks(this.autoCues(view)).filter((m) => m.num < 0 || !taken.has(m.num));
  }

  /** Preview of one Location for the settings page, or the reason the folder path is not usable. */
  previewLocation(): string {
    const folder = this.settings.store.get().musicFolderPath;
    const first = this.library.store.get().tracks[0];
    if (!folder) return 'Set the music folder’s full path first.';
    const result = locationFromPath(folder, first?.track.relativePath ?? 'Artist - Title.mp3');
    return result.ok ? result.value : describeProblem(result.reason);
  }

  /** Match the kept rekordbox collection to the library (after an import, a scan, or a folder-path change). */
  async refreshRekordboxValues(collection?: RekordboxCollection): Promise<number> {
    const previous = collection ?? (await this.previousCollection());
    const folder = parseMusicFolder(this.settings.store.get().musicFolderPath);
    if (!previous || !folder.ok) {
      this.rekordbox.set({ byTrack: new Map() });
      return 0;
    }
    const library = this.library.store.get().tracks.map((v) => ({ id: v.track.id, relativePath: v.track.relativePath }));
    const { byTrackId } = matchCollectionToLibrary(previous.tracks, folder.value, library);
    const values = new Map<string, RekordboxValues>();
    for (const [id, t] of byTrackId)
      values.set(id, { bpm: t.bpm, key: t.key, tonality: t.tonality, cues: t.marks.length, stars: starsFromRating(t.rating), marks: t.marks });
    this.rekordbox.set({ byTrack: values });
    return values.size;
  }

  async previousCollection(): Promise<RekordboxCollection | undefined> {
    const file = await readFileAt(await opfsRoot(), PREVIOUS_COLLECTION);
    if (!file) return undefined;
    const parsed = readCollectionXml(await file.text());
    return parsed.ok ? parsed.value : undefined;
  }

  /**
   * The whole library as a rekordbox collection, with every crate as a playlist in an "rbassist"
   * folder (beside the playlists kept from an imported rekordbox.xml), so crates reach rekordbox in
   * one import.
   */
  async exportRekordbox(crates?: ExportCrate[], similar: SimilarPlaylist[] = []): Promise<Result<ExportReport>> {
    crates ??= (await this.crates?.()) ?? [];
    const { musicFolderPath, keyNotation, commentTemplate, cueMode } = this.settings.store.get();
    const leaveOut = this.leaveOut();
    const views = this.library.store.get().tracks.filter((v) => v.track.status !== 'error' && !leaveOut.has(v.track.id));
    return exportRekordboxXml(
      views.map((v) => this.exportTrack(v)),
      crates,
      {
        musicFolderPath,
        tonality: keyNotation === 'camelot' ? 'camelot' : 'rekordbox',
        commentTemplate,
        appVersion: APP_VERSION,
        previous: await this.previousCollection(),
        similar,
        crateFolder: CRATES_FOLDER_NAME,
        cues: cueMode,
      },
    );
  }

  /** Read an existing rekordbox.xml; keep it so its cues and playlists survive the next export. */
  async importRekordbox(file: File): Promise<Result<RekordboxImportSummary>> {
    const text = await file.text();
    const parsed = readCollectionXml(text);
    if (!parsed.ok) return parsed;
    await writeFileAt(await opfsRoot(), PREVIOUS_COLLECTION, text);
    const collection = parsed.value;
    const matched = await this.refreshRekordboxValues(collection);
    return {
      ok: true,
      value: {
        tracks: collection.tracks.length,
        playlists: countPlaylists(collection),
        matched,
        warnings: collection.warnings,
      },
    };
  }

  /** Bandcamp purchases: tag matched tracks (idempotent) and report what did not match. */
  async importBandcamp(csv: string, mapping?: ColumnMapping): Promise<Result<BandcampImport & { updated: number }>> {
    const views = this.library.store.get().tracks;
    const result = importBandcampCsv(
      csv,
      views.map((v) => ({ id: v.track.id, artist: v.track.tags.artist, title: v.track.tags.title, album: v.track.tags.album, comment: v.track.tags.comment })),
      { mapping },
    );
    if (!result.ok) return result;
    const existing = new Map<string, BandcampTag>();
    for (const v of views) if (v.track.bandcamp) existing.set(v.track.id, v.track.bandcamp);
    const changed = mergeIntoLibrary(existing, result.value.tags);
    if (changed.size) {
      await this.db.tracks.bulkUpdate([...changed].map(([key, bandcamp]) => ({ key, changes: { bandcamp } })));
      await this.library.refreshSome([...changed.keys()]);
    }
    return { ok: true, value: { ...result.value, updated: changed.size } };
  }

  /** A crate (ordered track ids) as an M3U8 playlist with paths relative to the music folder. */
  m3u8(trackIds: readonly string[]): Result<string> {
    const leaveOut = this.leaveOut();
    const entries = trackIds
      .filter((id) => !leaveOut.has(id))
      .map((id) => this.library.view(id))
      .filter((v): v is TrackView => !!v)
      .map((v) => ({ relativePath: v.track.relativePath, durationSec: durationOf(v), artist: v.track.tags.artist, title: v.track.tags.title }));
    return buildM3u8(entries, { kind: 'relative' });
  }
}

function countPlaylists(collection: RekordboxCollection): number {
  const count = (nodes: readonly PlaylistNode[]): number => nodes.reduce((n, node) => n + (node.kind === 'folder' ? count(node.children) : 1), 0);
  return count(collection.playlists);
}

/** Offer a text file for download. */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
