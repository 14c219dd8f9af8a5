import type { MusicalKey } from '../music/keys';

/**
 * What the recommender needs to know about a track, supplied by the app from its database (tags and
 * analysis results). `label` is the track's label in the vector index (its vector row). Values that
 * are not known yet are left out; a filter that needs a missing value leaves that track out.
 */
export interface TrackFacts {
  label: number;
  bpm?: number;
  key?: MusicalKey;
  /** 1–10. */
  energy?: number;
  artist?: string;
  album?: string;
  genre?: string;
  tags?: readonly string[];
}

/** Looks up a track by its index label; undefined for labels the app no longer knows. */
export type TrackFactsLookup<T extends TrackFacts = TrackFacts> = (label: number) => T | undefined;
