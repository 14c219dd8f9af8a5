import MiniSearch, { type SearchResult } from 'minisearch';
import { foldText } from './textFold';

/** The text of a track that search looks at (tags; `recordLabel` is the release label). */
export interface SearchableTrack {
  id: string;
  title?: string;
  artist?: string;
  album?: string;
  genre?: string;
  comment?: string;
  recordLabel?: string;
}

export type SearchField = Exclude<keyof SearchableTrack, 'id'>;

export interface TextSearchHit {
  id: string;
  score: number;
  /** Which fields each matched word was found in (for highlighting). */
  matches: Record<string, SearchField[]>;
}

/** Words this long also match as prefixes; the word being typed (last, no space after it) from 2. */
const MIN_PREFIX = 3;
const MIN_TYPING_PREFIX = 2;
const FIELDS: readonly SearchField[] = ['title', 'artist', 'album', 'genre', 'comment', 'recordLabel'];

/** Title and artist are what DJs type most; a comment mentioning a word counts least. */
const BOOST: Partial<Record<SearchField, number>> = { title: 3, artist: 3, album: 1.5, recordLabel: 1.2, genre: 1, comment: 0.5 };

/**
 * Full-text search over the library, as you type: every word must match (AND), words also match
 * as prefixes ("daft pun" finds Daft Punk), words of 4+ letters tolerate a typo (20 % of their
 * letters), and case and accents never matter. An inverted index in memory (MiniSearch) kept up to date one track
 * at a time as the library changes.
 */
export class TrackTextSearch {
  private readonly engine = new MiniSearch<SearchableTrack>({
    idField: 'id',
    fields: [...FIELDS],
    storeFields: [],
    processTerm: (term) => foldText(term) || null,
    searchOptions: {
      combineWith: 'AND',
      // Fuzzy matching of short words mostly adds noise ("dub" ≈ "dab"); from 4 letters, 20 %.
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      boost: BOOST,
    },
  });

  get size(): number {
    return this.engine.documentCount;
  }

  has(id: string): boolean {
    return this.engine.has(id);
  }

  /** Adds a track, or replaces what was indexed for the same id (re-tagged file). */
  upsert(track: SearchableTrack): void {
    const doc = pickFields(track);
    if (this.engine.has(track.id)) this.engine.replace(doc);
    else this.engine.add(doc);
  }

  /** Bulk add for the first load; ids already present are replaced. */
  upsertAll(tracks: Iterable<SearchableTrack>): void {
    const fresh: SearchableTrack[] = [];
    for (const track of tracks) {
      if (this.engine.has(track.id)) this.engine.replace(pickFields(track));
      else fresh.push(pickFields(track));
    }
    this.engine.addAll(fresh);
  }

  /** Forgets a track (removed from the folder). Unknown ids are ignored. */
  remove(id: string): void {
    if (this.engine.has(id)) this.engine.discard(id);
  }

  /** Best matches first; an empty or punctuation-only query finds nothing. */
  search(query: string, limit = 200): TextSearchHit[] {
    if (!query.trim()) return [];
    // Short prefixes match most of the library and cost a full scoring pass for nothing useful:
    // one- and two-letter words match whole, except a two-letter word still being typed.
    const typing = !/\s$/.test(query);
    const prefix = (term: string, index: number, terms: string[]) =>
      term.length >= MIN_PREFIX || (typing && index === terms.length - 1 && term.length >= MIN_TYPING_PREFIX);
    return this.engine
      .search(query, { prefix })
      .slice(0, limit)
      .map((result: SearchResult) => ({ id: String(result.id), score: result.score, matches: result.match as Record<string, SearchField[]> }));
  }
}

/** Only the searchable fields (callers may pass whole track records). */
function pickFields(track: SearchableTrack): SearchableTrack {
  const doc: SearchableTrack = { id: track.id };
  for (const field of FIELDS) if (track[field]) doc[field] = track[field];
  return doc;
}
