/**
 * The library as the app's track views (src/app/trackView.ts: analysis results per track, BPM and
 * key chosen between analysis and tags the same way), and what recommendations and the rekordbox
 * export need from them.
 */
import { bpmOf, buildTrackViews, keyOf, type TrackView } from '../../src/app/trackView';
import type { ExportTrack } from '../../src/core/interop/rekordbox';
import type { TrackFacts } from '../../src/core/recommend';
import type { AnalysisRecord } from '../../src/storage/db';
import type { LibraryState } from '../state/libraryState';

/** Views of the tracks still in the folder, sorted by path. */
export function libraryViews(state: LibraryState, vectorRows: ReadonlyMap<string, number> = new Map()): TrackView[] {
  const analyses: AnalysisRecord[] = [];
  for (const pass of state.analyses.values()) {
    for (const result of pass.analyses) analyses.push({ trackId: pass.trackId, analyzerId: result.analyzerId, version: result.version, result, at: pass.at });
  }
  return buildTrackViews(state.presentTracks(), analyses, [], vectorRows);
}

/** The facts recommendation filters use — the ones createApp gives the index worker. */
export function factsOf(view: TrackView, label: number): TrackFacts {
  const { tags } = view.track;
  return {
    label,
    bpm: bpmOf(view, 'analysed').chosen ?? undefined,
    key: keyOf(view, 'analysed').chosen ?? undefined,
    energy: view.energy?.energy ?? undefined,
    artist: tags.artist,
    album: tags.album,
    genre: tags.genre,
  };
}

/** A library track as the rekordbox exporter takes it. */
export function exportTrackOf(view: TrackView, state: LibraryState): ExportTrack {
  const { track } = view;
  const { tags } = track;
  const pass = state.analyses.get(track.id);
  const bpm = bpmOf(view, 'analysed').chosen ?? undefined;
  const grid = view.bpm?.bpm && view.bpm.anchorSec !== null ? { anchorSec: view.bpm.anchorSec, bpm: view.bpm.bpm } : undefined;
  return {
    id: track.id,
    relativePath: track.relativePath,
    title: tags.title,
    artist: tags.artist,
    album: tags.album,
    genre: tags.genre,
    label: tags.label ?? state.bandcamp.get(track.id)?.label,
    comment: tags.comment,
    sizeBytes: track.size,
    durationSec: pass?.durationSec ?? tags.durationSec,
    trackNumber: tags.trackNumber,
    year: tags.year,
    bpm,
    key: keyOf(view, 'analysed').chosen ?? undefined,
    energy: view.energy?.energy ?? undefined,
    dateAdded: track.dateAdded,
    bitrateKbps: tags.bitrateKbps,
    sampleRate: tags.sampleRate,
    beatGrid: grid,
  };
}
