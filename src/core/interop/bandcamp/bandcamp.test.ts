import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LIBRARY } from './__fixtures__/library';
import {
  BandcampMatcher,
  bandcampPageFromComment,
  importBandcampCsv,
  mergeIntoLibrary,
  normalizeArtist,
  normalizeTitle,
  parseBandcampCsv,
  parsePurchaseDate,
  type BandcampRow,
  type BandcampTag,
} from './index';

const fixture = (name: string) => readFileSync(fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url)), 'utf8');

function parsed(text: string, mapping = {}) {
  const result = parseBandcampCsv(text, mapping);
  if (!result.ok) throw new Error(`line ${result.reason.line}: ${result.reason.message}`);
  return result.value;
}

function imported(text: string) {
  const result = importBandcampCsv(text, LIBRARY);
  if (!result.ok) throw new Error(`line ${result.reason.line}: ${result.reason.message}`);
  return result.value;
}

describe('parseBandcampCsv', () => {
  it('reads BOM, CRLF, quoted commas, escaped quotes and newlines inside quotes, with row lines', () => {
    const csv = parsed(fixture('collection-export.csv'));
    expect(csv.format).toBe('collection');
    expect(csv.headers[0]).toBe('band_name');
    expect(csv.rows[1]).toMatchObject({ line: 3, artist: 'Floating Points, Pharoah Sanders', title: 'Movement 1', label: 'Luaka Bop' });
    expect(csv.rows[4].label).toBe('Monkeytown, Berlin');
    expect(csv.rows[6]).toMatchObject({ line: 8, artist: 'Unknown Producer', title: 'A track "nobody" has,\nwith a newline' });
    expect(csv.rows[7].line).toBe(10); // after the two-line field
    expect(csv.ignored).toEqual([{ line: 11, reason: 'Not music: package' }]);
  });

  it('reads dates, pages and item types', () => {
    const rows = parsed(fixture('collection-export.csv')).rows;
    expect(rows.map((row) => row.purchaseDate)).toEqual([
      '2020-03-24',
      '2021-03-26',
      '2021-03-04',
      '2021-03-04',
      '2019-01-02',
      '2018-07-01',
      '2022-01-01',
      '2020-03-24',
    ]);
    expect(rows[0]).toMatchObject({ page: 'bjork', itemType: 'track' });
    expect(rows[5]).toMatchObject({ page: 'burial', itemType: 'album' });
  });

  it('detects the official sales report', () => {
    const csv = parsed(fixture('sales-report.csv'));
    expect(csv.format).toBe('sales-report');
    expect(csv.rows.map((row) => [row.artist, row.title, row.itemType, row.purchaseDate, row.catalogNumber ?? ''])).toEqual([
      ['Our Artist', 'Anthem (Original Mix)', 'track', '2021-01-22', 'OL001'],
      ['Our Artist', 'First EP', 'album', '2021-02-03', 'OL001'],
    ]);
    expect(csv.rows[0].isrc).toBe('GBABC2100001');
    expect(csv.ignored).toEqual([{ line: 4, reason: 'Not music: package' }]);
  });

  it('finds a header below a preamble, with another delimiter', () => {
    const csv = parsed(fixture('alt-headers.csv'));
    expect(csv.headerLine).toBe(3);
    expect(csv.rows).toEqual([
      expect.objectContaining({ line: 4, artist: 'Ólafur Arnalds', title: 'Saman', purchaseDate: '2020-05-05', itemType: 'track' }), // "Digital" says nothing; the URL does
    ]);
  });

  it('lets the DJ map columns by header name or index', () => {
    const text = 'Band,Song,Bought\nBurial,Archangel,2020-01-01\n';
    expect(parseBandcampCsv(text).ok).toBe(false);
    expect(parsed(text, { artist: 'band', title: 'Song', date: 2 }).rows).toEqual([
      { line: 2, artist: 'Burial', title: 'Archangel', purchaseDate: '2020-01-01', dateText: '2020-01-01', itemType: 'unknown' },
    ]);
    const wrong = parseBandcampCsv(text, { artist: 'Band', title: 'Track name' });
    expect(wrong).toEqual({ ok: false, reason: { message: 'Column "Track name" chosen for title is not in the file (columns: Band, Song, Bought)', line: 1 } });
  });

  it('refuses malformed CSV whole, naming the line', () => {
    expect(parseBandcampCsv(fixture('broken-quote.csv'))).toEqual({
      ok: false,
      reason: { message: expect.stringMatching(/^Broken quotes in the CSV/), line: 3 },
    });
    expect(parseBandcampCsv('artist,title\nA,B\nC,D,E,F\n')).toEqual({
      ok: false,
      reason: { message: 'Row has 4 fields but the header has 2: an unquoted comma or a broken quote?', line: 3 },
    });
    expect(parseBandcampCsv('')).toMatchObject({ ok: false, reason: { message: 'The CSV file is empty' } });
    expect(parseBandcampCsv('foo,bar\n1,2\n')).toMatchObject({ ok: false, reason: { line: 1, message: expect.stringMatching(/No header row/) } });
  });
});

describe('normalisation', () => {
  it('folds accents, case, punctuation, "(Original Mix)" and featured artists', () => {
    const table: [string, string][] = [
      ['Jóga (Original Mix)', 'joga'],
      ['Jóga - Original Mix', 'joga'],
      ['Bad Kingdom (feat. Someone)', 'bad kingdom'],
      ['Track feat. X (Extended Mix)', 'track extended mix'],
      ["Don't Stop — Ø Remix", 'dont stop o remix'],
      ['Rock & Roll', 'rock and roll'],
      ['Straße', 'strasse'],
    ];
    for (const [title, folded] of table) expect(normalizeTitle(title)).toBe(folded);
    expect(normalizeArtist('Björk ft. Someone')).toBe('bjork');
    expect(normalizeTitle('Joga (Remix)')).not.toBe(normalizeTitle('Joga'));
  });

  it('reads purchase dates in the formats exporters write', () => {
    expect(parsePurchaseDate('2021-03-04T12:00:00Z')).toBe('2021-03-04');
    expect(parsePurchaseDate('24 Mar 2020 18:02:01 GMT')).toBe('2020-03-24');
    expect(parsePurchaseDate('March 4th, 2021')).toBe('2021-03-04');
    expect(parsePurchaseDate('12/31/2020 11:59pm')).toBe('2020-12-31');
    expect(parsePurchaseDate('yesterday')).toBeUndefined();
    expect(parsePurchaseDate('13/31/2020')).toBeUndefined();
  });
});

describe('matching', () => {
  const matcher = new BandcampMatcher(LIBRARY);
  const row = (artist: string, title: string, itemType: BandcampRow['itemType'] = 'track'): BandcampRow => ({ line: 1, artist, title, itemType });

  it('matches exact folded names, every copy of a track', () => {
    expect(matcher.match(row('BJÖRK', 'Jóga (Original Mix)'))).toMatchObject({ trackIds: ['t01', 't02'], method: 'exact', score: 1 });
  });

  it('matches a shared artist credit, a compilation split and whole albums', () => {
    expect(matcher.match(row('Floating Points, Pharoah Sanders', 'Movement 1'))).toMatchObject({ trackIds: ['t03'], method: 'artist-credit' });
    expect(matcher.match(row('Various Artists', 'DJ Koze - Pick Up'))).toMatchObject({ trackIds: ['t05'], method: 'exact' });
    expect(matcher.match(row('Burial', 'Untrue', 'album'))).toMatchObject({ trackIds: ['t07', 't08'], method: 'album' });
  });

  it('falls back to a scored fuzzy match, and refuses weak ones', () => {
    const fuzzy = matcher.match(row('Aphex Twin', 'Windowlickr'))!;
    expect(fuzzy.method).toBe('fuzzy');
    expect(fuzzy.trackIds).toEqual(['t04']);
    expect(fuzzy.score).toBeGreaterThan(0.9);
    expect(fuzzy.score).toBeLessThan(1);
    expect(matcher.match(row('Aphex Twin', 'Xtal'))).toBeUndefined();
    expect(new BandcampMatcher(LIBRARY, { minScore: 0.99 }).match(row('Aphex Twin', 'Windowlickr'))).toBeUndefined();
  });

  it('detects "Visit http://x.bandcamp.com" comments', () => {
    expect(bandcampPageFromComment('Visit http://ninjatune.bandcamp.com')).toEqual({ page: 'ninjatune', url: 'https://ninjatune.bandcamp.com' });
    expect(bandcampPageFromComment('Great track. visit https://Some-Label.bandcamp.com/album/x')?.page).toBe('some-label');
    expect(bandcampPageFromComment('bandcamp.com rules')).toBeUndefined();
  });
});

describe('importBandcampCsv', () => {
  it('tags matched tracks, lists unmatched rows and drops duplicate rows', () => {
    const result = imported(fixture('collection-export.csv'));
    expect([...result.tags.keys()]).toEqual(['t01', 't02', 't03', 't04', 't05', 't06', 't07', 't08', 't13']);
    expect(result.tags.get('t01')).toEqual({
      source: 'bandcamp',
      evidence: ['comment', 'csv'],
      page: 'bjork',
      url: 'https://bjork.bandcamp.com/track/joga',
      label: 'One Little Independent',
      purchaseDate: '2020-03-24',
      matchScore: 1,
    });
    expect(result.tags.get('t13')).toEqual({ source: 'bandcamp', evidence: ['comment'], page: 'some-label', url: 'https://some-label.bandcamp.com' });
    expect(result.unmatched.map((row) => [row.line, row.artist])).toEqual([[8, 'Unknown Producer']]);
    expect(result.duplicateRows).toBe(1);
    expect(result.ignored).toHaveLength(1);
  });

  it('is idempotent: the same file twice gives the same tags and nothing new to write', () => {
    const text = fixture('collection-export.csv');
    const first = imported(text);
    expect(imported(text)).toEqual(first);
    const library = new Map<string, BandcampTag>();
    for (const [id, tag] of mergeIntoLibrary(library, first.tags)) library.set(id, tag);
    expect(library.size).toBe(9);
    expect(mergeIntoLibrary(library, imported(text).tags).size).toBe(0);
    // A second, different file only changes what it adds.
    const sales = imported(fixture('sales-report.csv'));
    const changed = mergeIntoLibrary(library, sales.tags);
    expect([...changed.keys()]).toEqual(['t09', 't10']);
  });

  it('changes nothing when the file is malformed', () => {
    const result = importBandcampCsv(fixture('broken-quote.csv'), LIBRARY);
    expect(result.ok).toBe(false);
  });
});
