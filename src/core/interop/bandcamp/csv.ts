import Papa from 'papaparse';
import { LineIndex, fail, ok, stripBom, type Result } from '../problem';
import { bandcampPageFromUrl } from './comment';
import { applyMapping, detectColumns, headerKey, type ColumnMapping, type CsvFormat, type ResolvedColumns } from './columns';
import { parsePurchaseDate } from './dates';

/** One purchase row, trimmed, with the line it starts on. */
export interface BandcampRow {
  line: number;
  artist: string;
  title: string;
  album?: string;
  url?: string;
  /** Sub-domain of the item URL (label or artist page). */
  page?: string;
  /** yyyy-mm-dd when readable. */
  purchaseDate?: string;
  /** The date cell as written. */
  dateText?: string;
  itemType: 'track' | 'album' | 'unknown';
  label?: string;
  catalogNumber?: string;
  isrc?: string;
}

export interface IgnoredRow {
  line: number;
  reason: string;
}

export interface ParsedBandcampCsv {
  format: CsvFormat;
  headers: string[];
  headerLine: number;
  columns: ResolvedColumns;
  rows: BandcampRow[];
  ignored: IgnoredRow[];
}

/** Header rows may follow a few lines of preamble. */
const HEADER_SEARCH_ROWS = 10;

interface RawRow {
  cells: string[];
  line: number;
}

function itemType(text: string | undefined, url: string | undefined): BandcampRow['itemType'] | 'merch' {
  const type = (text ?? '').trim().toLowerCase();
  if (/\btrack\b/.test(type)) return 'track';
  if (/\balbum\b|\bbundle\b|\bep\b|\brelease\b/.test(type)) return 'album';
  if (/\bpackage\b|\bmerch\b|\bvinyl\b|\bcassette\b|\bcd\b|\blp\b|\bshirt\b/.test(type)) return 'merch';
  if (/\/track\//.test(url ?? '')) return 'track';
  if (/\/album\//.test(url ?? '')) return 'album';
  return 'unknown';
}

/** Split CSV into rows with line numbers; a broken quote is reported at the line it opens. */
function readRows(text: string): Result<RawRow[]> {
  const lines = new LineIndex(text);
  const rows: RawRow[] = [];
  let problem: { message: string; line: number } | undefined;
  let rowStart = 0;
  Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    step: (result, parser) => {
      const start = text.slice(rowStart).search(/[^\r\n]/);
      const line = lines.lineAt(rowStart + Math.max(0, start));
      const quoteError = result.errors.find((error) => error.type === 'Quotes');
      if (quoteError && !problem) {
        const at = typeof quoteError.index === 'number' ? lines.lineAt(quoteError.index) : line;
        problem = {
          message: `Broken quotes in the CSV (${quoteError.message.toLowerCase()}): a field opened with " is never closed or is followed by stray text`,
          line: at,
        };
        parser.abort();
        return;
      }
      rows.push({ cells: result.data, line });
      rowStart = result.meta.cursor;
    },
  });
  return problem ? fail(problem.message, problem.line) : ok(rows);
}

function cell(row: RawRow, index: number | undefined): string | undefined {
  if (index === undefined) return undefined;
  const value = row.cells[index]?.trim();
  return value ? value : undefined;
}

/**
 * Parse a Bandcamp purchases/collection CSV or sales report. Handles BOM, CRLF, quoted commas and
 * newlines. A malformed file is refused whole, with the line, so nothing is half-imported.
 */
export function parseBandcampCsv(input: string, mapping: ColumnMapping = {}): Result<ParsedBandcampCsv> {
  const text = stripBom(input);
  if (text.trim() === '') return fail('The CSV file is empty');
  const read = readRows(text);
  if (!read.ok) return read;
  const raw = read.value;

  const hasOverride = Object.keys(mapping).length > 0;
  let headerIndex = -1;
  let detected: ReturnType<typeof detectColumns>;
  for (let i = 0; i < Math.min(HEADER_SEARCH_ROWS, raw.length) && headerIndex === -1; i++) {
    detected = detectColumns(raw[i].cells);
    if (detected) headerIndex = i;
  }
  if (headerIndex === -1 && hasOverride) headerIndex = 0;
  if (headerIndex === -1) {
    return fail(
      `No header row with artist and title columns in the first ${HEADER_SEARCH_ROWS} lines (first row: ${raw[0].cells.join(', ')}); choose the columns by hand`,
      raw[0].line,
    );
  }
  const header = raw[headerIndex];
  const columns = applyMapping(header.cells, detected?.columns ?? {}, mapping);
  if (typeof columns === 'string') return fail(columns, header.line);

  // An "album_title" column used as the title means every row is an album.
  const titleIsAlbum = headerKey(header.cells[columns.title!] ?? '') === 'album title';
  const rows: BandcampRow[] = [];
  const ignored: IgnoredRow[] = [];
  for (const row of raw.slice(headerIndex + 1)) {
    if (row.cells.length > header.cells.length) {
      return fail(`Row has ${row.cells.length} fields but the header has ${header.cells.length}: an unquoted comma or a broken quote?`, row.line);
    }
    const artist = cell(row, columns.artist);
    const title = cell(row, columns.title);
    const url = cell(row, columns.url);
    const detectedType = itemType(cell(row, columns.type), url);
    const type = detectedType === 'unknown' && titleIsAlbum ? 'album' : detectedType;
    if (type === 'merch') {
      ignored.push({ line: row.line, reason: `Not music: ${cell(row, columns.type)}` });
      continue;
    }
    if (!artist || !title) {
      ignored.push({ line: row.line, reason: `No ${!artist ? 'artist' : 'title'} in this row` });
      continue;
    }
    const dateText = cell(row, columns.date);
    const parsed: BandcampRow = { line: row.line, artist, title, itemType: type };
    const optional: Partial<BandcampRow> = {
      album: cell(row, columns.album),
      url,
      page: bandcampPageFromUrl(url)?.page,
      purchaseDate: parsePurchaseDate(dateText),
      dateText,
      label: cell(row, columns.label),
      catalogNumber: cell(row, columns.catalogNumber),
      isrc: cell(row, columns.isrc),
    };
    for (const [key, value] of Object.entries(optional)) if (value !== undefined) (parsed as unknown as Record<string, unknown>)[key] = value;
    rows.push(parsed);
  }
  return ok({ format: detected?.format ?? 'collection', headers: header.cells, headerLine: header.line, columns, rows, ignored });
}
