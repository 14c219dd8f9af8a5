import {
  compareBpm,
  compareKey,
  type BpmComparison,
  type BpmFields,
  type EnergyFields,
  type KeyComparison,
  type KeyFields,
  type TagPreference,
} from '../analyzers';
import type { AnalysisRecord, JobRecord, TrackRecord } from './records';
import { STRUCTURE_ANALYZER_ID, type StructureFields } from '../analyzers/structure/structureAnalyzer';
import { autoCueMarks, autoCues, type AutoCue } from '../cues/autoCues';
import { DEFAULT_CUE_TEMPLATE, type CueTemplate } from '../cues/cueTemplates';
import type { ExportTrack } from '../interop/rekordbox/types';
import { TIMELINE_RESULT_ID, type TimelineFields } from '../interop/rekordbox/timeline';
import type { TrackFacts } from '../recommend/trackFacts';

/**
 * A library row as the UI and recommendations see it: the scanned track, its analysis results,
 * the ingest job, and whether it has a vector for the active model.
 */
export interface TrackView {
  track: TrackRecord;
  bpm?: BpmFields;
  key?: KeyFields;
  energy?: EnergyFields;
  /** Sections and phrase boundaries on the bar grid (the auto cues come from them). */
  structure?: StructureFields;
  /** Offset from the analysis timeline to rekordbox's for this file (MP3 priming). */
  timeline?: TimelineFields;
  /** Analyzer versions behind the results (shown in the track detail). */
  versions: Record<string, number>;
  job?: Pick<JobRecord, 'state' | 'error' | 'attempts'>;
  /** Row in the active model's vector file, when embedded. */
  vectorRow?: number;
}

export function buildTrackViews(
  tracks: readonly TrackRecord[],
  analyses: readonly AnalysisRecord[],
  jobs: readonly JobRecord[],
  rows: ReadonlyMap<string, number>,
): TrackView[] {
  const byTrack = new Map<string, AnalysisRecord[]>();
  for (const a of analyses) {
    const list = byTrack.get(a.trackId);
    if (list) list.push(a);
    else byTrack.set(a.trackId, [a]);
  }
  const jobOf = new Map(jobs.map((j) => [j.trackId, j]));
  return tracks.map((track) => viewOf(track, byTrack.get(track.id) ?? [], jobOf.get(track.id), rows.get(track.id)));
}

export function viewOf(track: TrackRecord, analyses: readonly AnalysisRecord[], job: JobRecord | undefined, vectorRow: number | undefined): TrackView {
  const view: TrackView = { track, versions: {}, vectorRow };
  for (const a of analyses) {
    // Several versions may be stored while a re-analysis is under way: keep the newest.
    if ((view.versions[a.analyzerId] ?? 0) > a.version || !a.result.fields) continue;
    view.versions[a.analyzerId] = a.version;
    if (a.analyzerId === 'bpm') view.bpm = a.result.fields as unknown as BpmFields;
    else if (a.analyzerId === 'key') view.key = a.result.fields as unknown as KeyFields;
    else if (a.analyzerId === 'energy') view.energy = a.result.fields as unknown as EnergyFields;
    else if (a.analyzerId === STRUCTURE_ANALYZER_ID) view.structure = a.result.fields as unknown as StructureFields;
    else if (a.analyzerId === TIMELINE_RESULT_ID) view.timeline = a.result.fields as unknown as TimelineFields;
  }
  if (job) view.job = { state: job.state, error: job.error, attempts: job.attempts };
  return view;
}

export function bpmOf(view: TrackView, preference: TagPreference): BpmComparison {
  return compareBpm(view.bpm?.bpm ?? null, view.track.tags.taggedBpm, preference);
}

export function keyOf(view: TrackView, preference: TagPreference): KeyComparison {
  return compareKey(view.key?.key ?? null, view.track.tags.taggedKey, preference);
}

/** The track's length: its tags', else the length of the decoded audio (Ogg tags often have none). */
export function durationOf(view: TrackView): number | undefined {
  const { tags, decodedDurationSec } = view.track;
  return tags.durationSec ?? decodedDurationSec;
}

/** What recommendation filters know of a track: the values the DJ sees in the table. */
export function recommendFactsOf(view: TrackView, preference: TagPreference): Omit<TrackFacts, 'label'> {
  const { tags } = view.track;
  return {
    bpm: bpmOf(view, preference).chosen ?? undefined,
    key: keyOf(view, preference).chosen ?? undefined,
    energy: view.energy?.energy ?? undefined,
    artist: tags.artist,
    album: tags.album,
    genre: tags.genre,
  };
}

/** The auto cues a template gives this track (empty before its structure is analyzed). */
export function autoCuesOf(view: TrackView, template: CueTemplate = DEFAULT_CUE_TEMPLATE): AutoCue[] {
  return autoCues(view.structure, template);
}

/**
 * A library track as the rekordbox exporter takes it (shared by the app and the CLI so both write
 * the same XML). The beat grid uses the analyzed tempo: the anchor was measured with it.
 */
export function exportTrackOf(view: TrackView, preference: TagPreference, extra: { durationSec?: number; cueTemplate?: CueTemplate } = {}): ExportTrack {
  const { track } = view;
  const { tags } = track;
  const analyzed = view.bpm;
  return {
    id: track.id,
    relativePath: track.relativePath,
    formerPaths: track.formerPaths,
    title: tags.title,
    artist: tags.artist,
    album: tags.album,
    genre: tags.genre,
    label: tags.label ?? track.bandcamp?.label,
    comment: tags.comment,
    // The file's own stars; without them the export keeps rekordbox's from an imported collection.
    rating: tags.rating,
    sizeBytes: track.size,
    durationSec: durationOf(view) ?? extra.durationSec,
    trackNumber: tags.trackNumber,
    year: tags.year,
    bpm: bpmOf(view, preference).chosen ?? undefined,
    key: keyOf(view, preference).chosen ?? undefined,
    energy: view.energy?.energy ?? undefined,
    dateAdded: track.dateAdded,
    bitrateKbps: tags.bitrateKbps,
    sampleRate: tags.sampleRate,
    // The unrounded grid tempo: a 0.05 BPM rounding would drift the grid off the music.
    beatGrid:
      analyzed?.bpm && analyzed.anchorSec != null
        ? { anchorSec: analyzed.anchorSec, bpm: analyzed.gridBpm ?? analyzed.bpm, ...(analyzed.tempoRows ? { rows: analyzed.tempoRows } : {}) }
        : undefined,
    // On the same grid as TEMPO: the structure was found on this analysis' downbeats.
    cues: autoCueMarks(autoCuesOf(view, extra.cueTemplate)),
    timelineOffsetSec: view.timeline?.offsetSec,
  };
}
