/**
 * Library → rekordbox.xml. Identical library state gives byte-identical XML: tracks sorted by
 * Location, TrackIDs hashed from library ids, crates sorted by position/name/id, fixed formats.
 * Data only rekordbox knows (cues, hand-fixed grids, ratings, colours, playlists) is carried over
 * from an imported collection, matched by path, so an export never loses a DJ's cues.
 * @module
 */
import { fail, ok, type Result } from '../problem';
import { CommentTemplate } from './comments';
import { formatColour, kindFromPath, ratingFromStars } from './fields';
import { locationInFolder, parseMusicFolder, pathFromLocation, pathMatchKey, type MusicFolder } from './location';
import { formatTonality } from './tonality';
import { assignTrackIds } from './trackIds';
import type { ExportCrate, ExportOptions, ExportReport, ExportTrack, PlaylistNode, PositionMark, RekordboxTrack, TempoMarker } from './types';
import { writeCollectionXml, type WritableTrack } from './writer';
import { errorMessage } from '../../errors';

export const SIMILAR_FOLDER_NAME = 'Similar tracks';
export const PREVIOUS_FOLDER_NAME = 'From rekordbox';
/** Folder of the crates (hand-made and smart) in the whole-library export. */
export const CRATES_FOLDER_NAME = 'rbassist';

interface Placed {
  track: ExportTrack;
  location: string;
  previous?: RekordboxTrack;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function markKey(mark: PositionMark): string {
  return `${mark.type}|${mark.num}|${mark.startSec.toFixed(3)}|${mark.endSec?.toFixed(3) ?? ''}`;
}

/**
 * rekordbox's marks first, then rbassist's that add something: same spot twice is dropped, and a
 * hot-cue slot already used in rekordbox stays rekordbox's. Loops without length become cues.
 */
function mergeMarks(previous: readonly PositionMark[], own: readonly PositionMark[]): PositionMark[] {
  const seen = new Set<string>();
  const hotSlots = new Set(previous.filter((mark) => mark.num >= 0).map((mark) => mark.num));
  const merged: PositionMark[] = [];
  for (const [index, mark] of [...previous, ...own].entries()) {
    const fromOwn = index >= previous.length;
    if (fromOwn && mark.num >= 0 && hotSlots.has(mark.num)) continue;
    const isLoop = mark.type === 4 && mark.endSec !== undefined && mark.endSec > mark.startSec;
    const clean: PositionMark = { name: mark.name, type: isLoop ? 4 : mark.type === 4 ? 0 : mark.type, startSec: mark.startSec, num: mark.num };
    if (isLoop) clean.endSec = mark.endSec;
    if (mark.colour && mark.num >= 0) clean.colour = mark.colour;
    const key = markKey(clean);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(clean);
  }
  return merged.sort((a, b) => a.startSec - b.startSec || a.num - b.num || a.type - b.type);
}

/** rbassist's own positions move onto rekordbox's timeline; imported ones already are on it. */
function timelineOffset(track: ExportTrack): number {
  const offset = track.timelineOffsetSec ?? 0;
  return Number.isFinite(offset) ? offset : 0;
}

function ownMarksOnRekordboxTimeline(track: ExportTrack): PositionMark[] {
  const offset = timelineOffset(track);
  return (track.cues ?? []).map((mark) => ({
    ...mark,
    startSec: mark.startSec + offset,
    ...(mark.endSec !== undefined ? { endSec: mark.endSec + offset } : {}),
  }));
}

/** The POSITION_MARKs for a track under the export's cue mode: the DJ's imported cues are never moved or dropped by 'auto' or 'keep'. */
function marksFor(placed: Placed, mode: NonNullable<ExportOptions['cues']>): PositionMark[] {
  if (mode === 'off') return [];
  return mergeMarks(placed.previous?.marks ?? [], mode === 'auto' ? ownMarksOnRekordboxTimeline(placed.track) : []);
}

function tempoRows(placed: Placed, keepPreviousGrid: boolean): TempoMarker[] {
  const previous = placed.previous?.tempo ?? [];
  if (keepPreviousGrid && previous.length > 0) return previous;
  const grid = placed.track.beatGrid;
  if (grid && Number.isFinite(grid.anchorSec) && grid.bpm > 0) {
    const offset = timelineOffset(placed.track);
    const rows = grid.rows?.filter((row) => Number.isFinite(row.startSec) && row.bpm > 0) ?? [];
    if (rows.length > 1) return rows.map((row) => ({ startSec: row.startSec + offset, bpm: row.bpm, metre: grid.metre ?? '4/4', beat: row.beat }));
    return [{ startSec: grid.anchorSec + offset, bpm: grid.bpm, metre: grid.metre ?? '4/4', beat: grid.beat ?? 1 }];
  }
  return previous;
}

function toWritable(placed: Placed, trackId: number, options: ExportOptions, template: CommentTemplate | undefined): WritableTrack {
  const { track, previous } = placed;
  const keepGrid = options.keepPreviousGrid ?? true;
  const tempo = tempoRows(placed, keepGrid);
  const bpm = track.bpm ?? track.beatGrid?.bpm ?? previous?.bpm ?? 0;
  // The comment a DJ typed in rekordbox is the one they see; fall back to the file's tag.
  const userComment = previous?.comments || track.comment || '';
  const comments = template ? template.apply(userComment, { key: track.key ?? previous?.key, energy: track.energy, bpm }) : userComment;
  const colour = track.colour !== undefined ? formatColour(track.colour) : previous?.colour;
  const writable: WritableTrack = {
    trackId,
    name: track.title ?? previous?.name ?? '',
    artist: track.artist ?? previous?.artist ?? '',
    composer: track.composer ?? previous?.composer ?? '',
    album: track.album ?? previous?.album ?? '',
    grouping: track.grouping ?? previous?.grouping ?? '',
    genre: track.genre ?? previous?.genre ?? '',
    kind: kindFromPath(track.relativePath),
    sizeBytes: track.sizeBytes ?? previous?.sizeBytes ?? 0,
    durationSec: track.durationSec ?? previous?.durationSec ?? 0,
    discNumber: track.discNumber ?? previous?.discNumber ?? 0,
    trackNumber: track.trackNumber ?? previous?.trackNumber ?? 0,
    year: track.year ?? previous?.year ?? 0,
    bpm,
    dateAdded: track.dateAdded ?? previous?.dateAdded ?? '',
    bitrateKbps: track.bitrateKbps ?? previous?.bitrateKbps ?? 0,
    sampleRate: track.sampleRate ?? previous?.sampleRate ?? 0,
    comments,
    playCount: previous?.playCount || track.playCount || 0,
    rating: track.rating !== undefined ? ratingFromStars(track.rating) : (previous?.rating ?? 0),
    location: placed.location,
    remixer: track.remixer ?? previous?.remixer ?? '',
    tonality: formatTonality(track.key ?? previous?.key, options.tonality),
    label: track.label ?? previous?.label ?? '',
    mix: track.mix ?? previous?.mix ?? '',
    tempo,
    marks: marksFor(placed, options.cues ?? 'auto'),
  };
  if (colour) writable.colour = colour;
  return writable;
}

function sortedCrates(crates: readonly ExportCrate[]): ExportCrate[] {
  return [...crates].sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || compareText(a.name, b.name) || compareText(a.id, b.id));
}

function displayName(track: ExportTrack): string {
  const title = track.title?.trim() || track.relativePath.replace(/^.*\//, '');
  return track.artist?.trim() ? `${track.artist.trim()} - ${title}` : title;
}

/** A moved track's entry in the previous collection, at the newest of its former paths there. */
function previousAtFormerPath(track: ExportTrack, folder: MusicFolder, previousByPath: ReadonlyMap<string, RekordboxTrack>): RekordboxTrack | undefined {
  for (const path of [...(track.formerPaths ?? [])].reverse()) {
    const location = locationInFolder(folder, path);
    const previous = location.ok ? previousByPath.get(pathMatchKey(pathFromLocation(location.value))) : undefined;
    if (previous) return previous;
  }
  return undefined;
}

/** Previous playlists re-pointed at this export's TrackIDs; entries for tracks not exported are dropped. */
function remapPlaylists(nodes: readonly PlaylistNode[], newIdByOldId: Map<number, number>, dropped: { count: number }): PlaylistNode[] {
  return nodes.map((node) => {
    if (node.kind === 'folder') return { kind: 'folder', name: node.name, children: remapPlaylists(node.children, newIdByOldId, dropped) };
    const trackIds: number[] = [];
    for (const oldId of node.trackIds) {
      const newId = newIdByOldId.get(oldId);
      if (newId === undefined) dropped.count++;
      else trackIds.push(newId);
    }
    return { kind: 'playlist', name: node.name, trackIds };
  });
}

export function exportRekordboxXml(tracks: readonly ExportTrack[], crates: readonly ExportCrate[], options: ExportOptions): Result<ExportReport> {
  const folder = parseMusicFolder(options.musicFolderPath);
  if (!folder.ok) return folder;
  let template: CommentTemplate | undefined;
  if (options.commentTemplate) {
    try {
      template = new CommentTemplate(options.commentTemplate);
    } catch (error) {
      return fail(errorMessage(error));
    }
  }

  const previousByPath = new Map<string, RekordboxTrack>();
  for (const track of options.previous?.tracks ?? []) previousByPath.set(pathMatchKey(track.path), track);

  const skipped: ExportReport['skipped'] = [];
  const warnings: string[] = [];
  const placedById = new Map<string, Placed>();
  for (const track of tracks) {
    if (placedById.has(track.id)) continue;
    const location = locationInFolder(folder.value, track.relativePath);
    if (!location.ok) {
      skipped.push({ trackId: track.id, reason: location.reason.message });
      continue;
    }
    const previous = previousByPath.get(pathMatchKey(pathFromLocation(location.value))) ?? previousAtFormerPath(track, folder.value, previousByPath);
    placedById.set(track.id, { track, location: location.value, previous });
  }
  skipped.sort((a, b) => compareText(a.trackId, b.trackId));

  const placed = [...placedById.values()].sort((a, b) => compareText(a.location, b.location) || compareText(a.track.id, b.track.id));
  const trackIds = assignTrackIds(placed.map((entry) => entry.track.id));
  const writable = placed.map((entry) => toWritable(entry, trackIds.get(entry.track.id)!, options, template));

  const toTrackIds = (ids: readonly string[], playlist: string): number[] => {
    const result: number[] = [];
    let missing = 0;
    for (const id of ids) {
      const trackId = trackIds.get(id);
      if (trackId === undefined) missing++;
      else result.push(trackId);
    }
    if (missing > 0) warnings.push(`Playlist "${playlist}": ${missing} track(s) not in this export were left out.`);
    return result;
  };

  const cratePlaylists: PlaylistNode[] = sortedCrates(crates).map((crate) => ({
    kind: 'playlist',
    name: crate.name,
    trackIds: toTrackIds(crate.trackIds, crate.name),
  }));
  const playlists: PlaylistNode[] =
    options.crateFolder && cratePlaylists.length > 0 ? [{ kind: 'folder', name: options.crateFolder, children: cratePlaylists }] : cratePlaylists;

  if (options.similar && options.similar.length > 0) {
    const children: PlaylistNode[] = [];
    for (const similar of options.similar) {
      const seed = placedById.get(similar.seedTrackId);
      if (!seed) {
        warnings.push(`"Similar to" playlist skipped: its seed track ${similar.seedTrackId} is not in this export.`);
        continue;
      }
      const name = `Similar to ${displayName(seed.track)}`;
      const ids = [similar.seedTrackId, ...similar.trackIds.filter((id) => id !== similar.seedTrackId)];
      children.push({ kind: 'playlist', name, trackIds: toTrackIds(ids, name) });
    }
    if (children.length > 0) playlists.push({ kind: 'folder', name: SIMILAR_FOLDER_NAME, children });
  }

  if (options.previous && (options.keepPreviousPlaylists ?? true) && options.previous.playlists.length > 0) {
    const newIdByOldId = new Map<number, number>();
    for (const entry of placed) if (entry.previous) newIdByOldId.set(entry.previous.trackId, trackIds.get(entry.track.id)!);
    const dropped = { count: 0 };
    const children = remapPlaylists(options.previous.playlists, newIdByOldId, dropped);
    if (dropped.count > 0) warnings.push(`${dropped.count} rekordbox playlist entries point at files outside this export and were left out.`);
    playlists.push({ kind: 'folder', name: PREVIOUS_FOLDER_NAME, children });
  }

  const xml = writeCollectionXml({
    product: { name: 'rbassist', version: options.appVersion, company: 'rbassist' },
    tracks: writable,
    playlists,
  });
  return ok({ xml, trackCount: writable.length, skipped, warnings, sampleLocation: placed[0]?.location });
}
