import { bandcampPageFromComment } from './comment';
import type { RowMatch } from './match';

/**
 * What rbassist stores on a track after a Bandcamp import. Merging is idempotent and
 * order-independent, so importing the same file twice (or overlapping files) changes nothing.
 */
export interface BandcampTag {
  source: 'bandcamp';
  /** How the purchase is known: a CSV row, the file's "Visit …bandcamp.com" comment, or both. */
  evidence: ('csv' | 'comment')[];
  /** Label or artist page sub-domain. */
  page?: string;
  url?: string;
  label?: string;
  /** Earliest known purchase, yyyy-mm-dd. */
  purchaseDate?: string;
  /** Best match score of the CSV rows that named this track. */
  matchScore?: number;
}

export interface TrackWithComment {
  id: string;
  comment?: string;
}

function minDefined(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

type TextField = 'page' | 'url' | 'label';

/** A CSV row's value beats one read from a comment (it names the item, not just the page); else the smaller text, for order independence. */
function pick(a: BandcampTag, b: BandcampTag, field: TextField): string | undefined {
  const aCsv = a.evidence.includes('csv');
  const bCsv = b.evidence.includes('csv');
  if (aCsv !== bCsv) {
    const [preferred, other] = aCsv ? [a, b] : [b, a];
    return preferred[field] ?? other[field];
  }
  return minDefined(a[field], b[field]);
}

/** Combine two tags for the same track; merge(x, x) = x and the order of arguments does not matter. */
export function mergeTags(a: BandcampTag, b: BandcampTag): BandcampTag {
  const merged: BandcampTag = { source: 'bandcamp', evidence: [...new Set([...a.evidence, ...b.evidence])].sort() };
  const page = pick(a, b, 'page');
  const url = pick(a, b, 'url');
  const label = pick(a, b, 'label');
  const purchaseDate = minDefined(a.purchaseDate, b.purchaseDate);
  const scores = [a.matchScore, b.matchScore].filter((score): score is number => score !== undefined);
  if (page !== undefined) merged.page = page;
  if (url !== undefined) merged.url = url;
  if (label !== undefined) merged.label = label;
  if (purchaseDate !== undefined) merged.purchaseDate = purchaseDate;
  if (scores.length > 0) merged.matchScore = Math.max(...scores);
  return merged;
}

function tagFromMatch(match: RowMatch): BandcampTag {
  const { row } = match;
  const tag: BandcampTag = { source: 'bandcamp', evidence: ['csv'], matchScore: match.score };
  if (row.page) tag.page = row.page;
  if (row.url) tag.url = row.url;
  if (row.label) tag.label = row.label;
  if (row.purchaseDate) tag.purchaseDate = row.purchaseDate;
  return tag;
}

function addTag(tags: Map<string, BandcampTag>, trackId: string, tag: BandcampTag): void {
  const existing = tags.get(trackId);
  tags.set(trackId, existing ? mergeTags(existing, tag) : tag);
}

/** Tags for matched CSV rows, one per track, sorted by track id. */
export function tagsFromMatches(matches: readonly RowMatch[]): Map<string, BandcampTag> {
  const tags = new Map<string, BandcampTag>();
  for (const match of matches) for (const trackId of match.trackIds) addTag(tags, trackId, tagFromMatch(match));
  return sortById(tags);
}

/** Tags for tracks whose comment says "Visit http://<name>.bandcamp.com". */
export function tagsFromComments(tracks: readonly TrackWithComment[]): Map<string, BandcampTag> {
  const tags = new Map<string, BandcampTag>();
  for (const track of tracks) {
    const page = bandcampPageFromComment(track.comment);
    if (page) addTag(tags, track.id, { source: 'bandcamp', evidence: ['comment'], page: page.page, url: page.url });
  }
  return sortById(tags);
}

function sortById(tags: Map<string, BandcampTag>): Map<string, BandcampTag> {
  return new Map([...tags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sameTag(a: BandcampTag, b: BandcampTag): boolean {
  return JSON.stringify(mergeTags(a, a)) === JSON.stringify(mergeTags(b, b));
}

/**
 * Merge imported tags into what the library already has. Returns the new tags of changed tracks
 * only: importing the same file again returns nothing to write.
 */
export function mergeIntoLibrary(existing: ReadonlyMap<string, BandcampTag>, incoming: ReadonlyMap<string, BandcampTag>): Map<string, BandcampTag> {
  const changed = new Map<string, BandcampTag>();
  for (const [trackId, tag] of incoming) {
    const before = existing.get(trackId);
    const after = before ? mergeTags(before, tag) : mergeTags(tag, tag);
    if (!before || !sameTag(before, after)) changed.set(trackId, after);
  }
  return changed;
}
