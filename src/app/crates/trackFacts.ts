import type { TagPreference } from '../../core/analyzers';
import type { RuleSubject, SetTrackFacts } from '../../core/crates';
import { recommendFactsOf, type TrackView } from '../../core/library/trackView';

/**
 * A library row as crate rules and the set builder see it: the BPM and key the DJ sees in the table
 * (analysis or tags, per the "prefer tagged values" setting), energy, tags and whether it has a
 * vector for the active model.
 */
export function ruleSubjectOf(view: TrackView, preference: TagPreference): RuleSubject {
  const { tags } = view.track;
  const { bpm, key, energy } = recommendFactsOf(view, preference);
  return {
    id: view.track.id,
    bpm,
    key,
    energy,
    title: tags.title,
    artist: tags.artist,
    album: tags.album,
    genre: tags.genre,
    label: tags.label,
    comment: tags.comment,
    dateAdded: view.track.dateAdded,
    hasVector: view.vectorRow !== undefined,
  };
}

export function setTrackFactsOf(view: TrackView, preference: TagPreference): SetTrackFacts {
  const { bpm, key, energy } = recommendFactsOf(view, preference);
  return { id: view.track.id, bpm, key, energy };
}

/** "Artist – Title" for lists and summaries. */
export function trackName(view: TrackView | undefined): string | undefined {
  if (!view) return undefined;
  const { title, artist } = view.track.tags;
  return artist ? `${artist} – ${title ?? view.track.fileName}` : (title ?? view.track.fileName);
}
