import { ok, type Result } from '../problem';
import type { ColumnMapping, CsvFormat } from './columns';
import { parseBandcampCsv, type BandcampRow, type IgnoredRow } from './csv';
import { BandcampMatcher, type MatchableTrack, type MatchOptions, type RowMatch } from './match';
import { normalizeArtist, normalizeTitle } from './normalize';
import { mergeTags, tagsFromComments, tagsFromMatches, type BandcampTag, type TrackWithComment } from './tags';

export interface BandcampImport {
  format: CsvFormat;
  /** Tags to store, one per matched track (CSV rows and "Visit …bandcamp.com" comments), by track id. */
  tags: Map<string, BandcampTag>;
  matches: RowMatch[];
  /** Rows no library track matched, for the DJ to look at. */
  unmatched: BandcampRow[];
  /** Rows that are not music (merch) or lack artist/title. */
  ignored: IgnoredRow[];
  /** Rows dropped because an earlier row had the same artist, title and URL. */
  duplicateRows: number;
}

export interface BandcampImportOptions extends MatchOptions {
  mapping?: ColumnMapping;
}

/**
 * CSV text + library → tags. Pure: the same file and library always give the same result; the
 * app writes `mergeIntoLibrary(existing, result.tags)`, which is empty the second time.
 */
export function importBandcampCsv(
  csv: string,
  library: readonly (MatchableTrack & TrackWithComment)[],
  options: BandcampImportOptions = {},
): Result<BandcampImport> {
  const parsed = parseBandcampCsv(csv, options.mapping);
  if (!parsed.ok) return parsed;
  const matcher = new BandcampMatcher(library, options);
  const seen = new Set<string>();
  const matches: RowMatch[] = [];
  const unmatched: BandcampRow[] = [];
  let duplicateRows = 0;
  for (const row of parsed.value.rows) {
    const key = `${normalizeArtist(row.artist)}\u0000${normalizeTitle(row.title)}\u0000${row.url ?? ''}`;
    if (seen.has(key)) {
      duplicateRows++;
      continue;
    }
    seen.add(key);
    const match = matcher.match(row);
    if (match) matches.push(match);
    else unmatched.push(row);
  }
  const tags = tagsFromMatches(matches);
  for (const [trackId, tag] of tagsFromComments(library)) {
    const fromCsv = tags.get(trackId);
    tags.set(trackId, fromCsv ? mergeTags(fromCsv, tag) : tag);
  }
  return ok({
    format: parsed.value.format,
    tags: new Map([...tags].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    matches,
    unmatched,
    ignored: parsed.value.ignored,
    duplicateRows,
  });
}
