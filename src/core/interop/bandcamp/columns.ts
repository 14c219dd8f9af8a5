/**
 * Bandcamp has no official purchases CSV for fans; third-party exporters name columns differently,
 * and labels/artists have the official sales report. Columns are found by header aliases, and
 * the DJ can override any of them by header name or 0-based index.
 */
export type BandcampField = 'artist' | 'title' | 'album' | 'url' | 'date' | 'type' | 'label' | 'catalogNumber' | 'isrc';

export type ColumnMapping = Partial<Record<BandcampField, string | number>>;
export type ResolvedColumns = Partial<Record<BandcampField, number>>;
export type CsvFormat = 'collection' | 'sales-report';

/** Header spellings, compared after lower-casing and turning `_`/`-` into spaces. Earlier aliases win. */
const ALIASES: Record<BandcampField, string[]> = {
  artist: ['artist', 'band name', 'band', 'artist name', 'item artist'],
  title: ['title', 'item title', 'item name', 'track title', 'track', 'track name', 'name', 'album title'],
  album: ['album', 'album title', 'release', 'release title'],
  url: ['url', 'item url', 'link', 'item link', 'tralbum url'],
  date: ['date', 'purchase date', 'purchased', 'date purchased', 'purchase time', 'added'],
  type: ['type', 'item type', 'format', 'kind'],
  label: ['label', 'label name', 'record label'],
  catalogNumber: ['catalog number', 'catalogue number', 'cat no', 'catno'],
  isrc: ['isrc'],
};

const FIELDS = Object.keys(ALIASES) as BandcampField[];

export function headerKey(header: string): string {
  return header.trim().toLowerCase().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
}

/** The official sales report has these columns; fan-side exporters do not. */
function isSalesReport(keys: string[]): boolean {
  return keys.includes('paid to') && keys.includes('item type') && keys.includes('item name');
}

export interface DetectedColumns {
  columns: ResolvedColumns;
  format: CsvFormat;
}

/** Columns of a header row; undefined unless both artist and title are found. */
export function detectColumns(headers: readonly string[]): DetectedColumns | undefined {
  const keys = headers.map(headerKey);
  const used = new Set<number>();
  const columns: ResolvedColumns = {};
  for (const field of FIELDS) {
    for (const alias of ALIASES[field]) {
      const index = keys.findIndex((key, i) => key === alias && !used.has(i));
      if (index !== -1) {
        columns[field] = index;
        used.add(index);
        break;
      }
    }
  }
  if (columns.artist === undefined || columns.title === undefined) return undefined;
  return { columns, format: isSalesReport(keys) ? 'sales-report' : 'collection' };
}

/**
 * Apply the DJ's overrides on top of detected columns. A header name must exist, an index must be
 * inside the row; otherwise the reason is returned as a string.
 */
export function applyMapping(headers: readonly string[], detected: ResolvedColumns, mapping: ColumnMapping): ResolvedColumns | string {
  const keys = headers.map(headerKey);
  const columns: ResolvedColumns = { ...detected };
  for (const field of Object.keys(mapping) as BandcampField[]) {
    const wanted = mapping[field];
    if (wanted === undefined) continue;
    const index = typeof wanted === 'number' ? wanted : keys.indexOf(headerKey(wanted));
    if (index < 0 || index >= headers.length || !Number.isInteger(index)) {
      return `Column "${wanted}" chosen for ${field} is not in the file (columns: ${headers.join(', ')})`;
    }
    columns[field] = index;
  }
  if (columns.artist === undefined || columns.title === undefined) {
    return `Choose the artist and title columns (columns: ${headers.join(', ')})`;
  }
  return columns;
}
