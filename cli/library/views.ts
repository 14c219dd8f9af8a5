/**
 * The library as the app's track views (src/app/trackView.ts: analysis results per track, BPM and
 * key chosen between analysis and tags the same way), and what recommendations and the rekordbox
 * export need from them.
 * @module
 */
import { buildTrackViews, exportTrackOf as exportTrackFromView, recommendFactsOf, type TrackView } from '../../src/core/library/trackView';
import type { ExportTrack } from '../../src/core/interop/rekordbox';
import type { CueTemplate } from '../../src/core/cues';
import type { TrackFacts } from '../../src/core/recommend';
import type { AnalysisRecord } from '../../src/core/library/records';
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
  return { label, ...recommendFactsOf(view, 'analysed') };
}

/** A library track as the rekordbox exporter takes it (the same mapping as the app's export). */
export function exportTrackOf(view: TrackView, state: LibraryState, cueTemplate?: CueTemplate): ExportTrack {
  // Bandcamp purchases live beside the tracks in the CLI's state, on the track record in the app.
  const track = { ...view.track, bandcamp: view.track.bandcamp ?? state.bandcamp.get(view.track.id) };
  return exportTrackFromView({ ...view, track }, 'analysed', { durationSec: state.analyses.get(view.track.id)?.durationSec, cueTemplate });
}
