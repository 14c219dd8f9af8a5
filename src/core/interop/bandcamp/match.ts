import MiniSearch from 'minisearch';
import type { BandcampRow } from './csv';
import { artistNames, foldText, normalizeArtist, normalizeTitle, similarity } from './normalize';

/** What the matcher needs to know about a library track. */
export interface MatchableTrack {
  id: string;
  artist?: string;
  title?: string;
  album?: string;
}

export type MatchMethod = 'exact' | 'artist-credit' | 'album' | 'fuzzy';

export interface RowMatch {
  row: BandcampRow;
  /** Sorted library ids; several when the library holds copies (mp3 + flac) or a whole album. */
  trackIds: string[];
  method: MatchMethod;
  /** 1 for exact matches, the weighted bigram similarity for fuzzy ones. */
  score: number;
}

export interface MatchOptions {
  /** Lowest fuzzy score accepted (0–1). */
  minScore?: number;
}

export const DEFAULT_MIN_SCORE = 0.8;
const VARIOUS = new Set(['various artists', 'various', 'va']);

interface Indexed {
  track: MatchableTrack;
  artist: string;
  title: string;
  names: Set<string>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function sortedIds(entries: readonly Indexed[]): string[] {
  return [...new Set(entries.map((entry) => entry.track.id))].sort();
}

function sharesArtist(a: Set<string>, b: Set<string>): boolean {
  for (const name of a) if (b.has(name)) return true;
  return false;
}

/**
 * Matches purchase rows to library tracks: exact folded artist + title; then same title with one
 * shared credited artist ("A & B" vs "A"); album rows to every track of that album; then a fuzzy
 * candidate search (minisearch) rescored by bigram similarity, accepted above `minScore`.
 * Compilation rows titled "Artist - Title" under "Various Artists" are split first.
 */
export class BandcampMatcher {
  private readonly byExact = new Map<string, Indexed[]>();
  private readonly byTitle = new Map<string, Indexed[]>();
  private readonly byAlbum = new Map<string, Indexed[]>();
  private readonly entries: Indexed[] = [];
  private readonly search: MiniSearch<{ id: number; text: string }>;
  private readonly minScore: number;

  constructor(library: readonly MatchableTrack[], options: MatchOptions = {}) {
    this.minScore = options.minScore ?? DEFAULT_MIN_SCORE;
    this.search = new MiniSearch({ fields: ['text'], idField: 'id' });
    const sorted = [...library].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const documents: { id: number; text: string }[] = [];
    for (const track of sorted) {
      const entry: Indexed = { track, artist: normalizeArtist(track.artist), title: normalizeTitle(track.title), names: artistNames(track.artist) };
      if (!entry.title) continue;
      this.entries.push(entry);
      push(this.byExact, `${entry.artist}\u0000${entry.title}`, entry);
      push(this.byTitle, entry.title, entry);
      const album = normalizeTitle(track.album);
      if (album) push(this.byAlbum, album, entry);
      documents.push({ id: this.entries.length - 1, text: `${entry.artist} ${entry.title}` });
    }
    this.search.addAll(documents);
  }

  /** Artist/title pairs to try for a row: as written, then "Artist - Title" split from the title. */
  private candidates(row: BandcampRow): { artist: string; title: string }[] {
    const pairs = [{ artist: row.artist, title: row.title }];
    const dash = /^(.+?)\s+[-–—]\s+(.+)$/.exec(row.title);
    if (dash) pairs.push({ artist: dash[1], title: dash[2] });
    return VARIOUS.has(foldText(row.artist)) ? pairs.reverse() : pairs;
  }

  match(row: BandcampRow): RowMatch | undefined {
    const pairs = this.candidates(row);
    if (row.itemType !== 'album') {
      for (const pair of pairs) {
        const exact = this.byExact.get(`${normalizeArtist(pair.artist)}\u0000${normalizeTitle(pair.title)}`);
        if (exact) return { row, trackIds: sortedIds(exact), method: 'exact', score: 1 };
      }
      for (const pair of pairs) {
        const names = artistNames(pair.artist);
        const credited = (this.byTitle.get(normalizeTitle(pair.title)) ?? []).filter((entry) => sharesArtist(names, entry.names));
        if (credited.length > 0) return { row, trackIds: sortedIds(credited), method: 'artist-credit', score: 0.95 };
      }
    }
    if (row.itemType !== 'track') {
      const names = artistNames(row.artist);
      const various = VARIOUS.has(foldText(row.artist));
      const album = (this.byAlbum.get(normalizeTitle(row.album ?? row.title)) ?? []).filter((entry) => various || sharesArtist(names, entry.names));
      if (album.length > 0) return { row, trackIds: sortedIds(album), method: 'album', score: 1 };
      if (row.itemType === 'album') return undefined;
    }
    return this.fuzzy(row, pairs);
  }

  private fuzzy(row: BandcampRow, pairs: { artist: string; title: string }[]): RowMatch | undefined {
    let best: { score: number; entries: Indexed[] } = { score: 0, entries: [] };
    for (const pair of pairs) {
      const artist = normalizeArtist(pair.artist);
      const title = normalizeTitle(pair.title);
      const hits = this.search.search(`${artist} ${title}`, { fuzzy: 0.25, combineWith: 'OR' }).slice(0, 20);
      for (const hit of hits) {
        const entry = this.entries[hit.id as number];
        const score = 0.4 * similarity(artist, entry.artist) + 0.6 * similarity(title, entry.title);
        if (score > best.score + 1e-9) best = { score, entries: [entry] };
        else if (Math.abs(score - best.score) <= 1e-9) best.entries.push(entry);
      }
    }
    if (best.score < this.minScore) return undefined;
    return { row, trackIds: sortedIds(best.entries), method: 'fuzzy', score: Math.round(best.score * 1000) / 1000 };
  }
}
