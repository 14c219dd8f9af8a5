import { describe, expect, it } from 'vitest';
import type { AnalysisRecord, TrackRecord } from '../core/library/records';
import { viewOf } from '../core/library/trackView';
import {
  DEFAULT_COLUMN_LAYOUT,
  gridTemplate,
  LIBRARY_COLUMNS,
  MIN_COLUMN_WIDTH,
  parseColumnLayout,
  resetColumnWidths,
  resizeColumn,
  setColumnVisible,
  sortRows,
  visibleColumns,
  type DisplayOptions,
} from './libraryColumns';

const display: DisplayOptions = { notation: 'camelot', preference: 'analysed' };
const column = (id: string) => LIBRARY_COLUMNS.find((c) => c.id === id)!;

function view(id: string, bpm?: number, title?: string, more: Partial<TrackRecord> = {}) {
  const track: TrackRecord = {
    id,
    relativePath: `${id}.mp3`,
    fileName: `${id}.mp3`,
    size: 1,
    lastModified: 1,
    dateAdded: '2026-01-01',
    status: 'ready',
    scanState: 'unchanged',
    tags: { title },
    ...more,
  };
  const analyses: AnalysisRecord[] =
    bpm === undefined ? [] : [{ trackId: id, analyzerId: 'bpm', version: 1, at: 1, result: { analyzerId: 'bpm', version: 1, fields: { bpm } } as never }];
  return viewOf(track, analyses, undefined, undefined);
}

describe('library sort', () => {
  it('puts empty values last in both directions', () => {
    const views = [view('a'), view('b', 128), view('c', 90), view('d')];
    expect(sortRows(views, column('bpm'), false, display).map((v) => v.track.id)).toEqual(['c', 'b', 'a', 'd']);
    expect(sortRows(views, column('bpm'), true, display).map((v) => v.track.id)).toEqual(['b', 'c', 'a', 'd']);
    const titled = [view('x', undefined, ''), view('y', undefined, 'Zed'), view('z', undefined, 'Alpha')];
    expect(sortRows(titled, column('title'), true, display).map((v) => v.track.id)).toEqual(['y', 'z', 'x']);
  });
});

describe('the new columns', () => {
  const ids = (views: ReturnType<typeof view>[], id: string, descending: boolean, options = display) =>
    sortRows(views, column(id), descending, options).map((v) => v.track.id);

  it('sorts date added, bitrate, format, comment and label with empty values last', () => {
    const views = [
      view('a', undefined, 'A', { dateAdded: '2025-03-01', tags: { bitrateKbps: 320, comment: 'peak', label: 'Kompakt' } }),
      view('b', undefined, 'B', { dateAdded: '', fileName: 'b.flac', tags: { bitrateKbps: 900 } }),
      view('c', undefined, 'C', { dateAdded: '2024-01-09', fileName: 'c', tags: { comment: 'Warm-up' } }),
      view('d', undefined, 'D', { tags: {}, bandcamp: { source: 'bandcamp', evidence: ['csv'], label: 'Dial' } }),
    ];
    expect(ids(views, 'dateAdded', false)).toEqual(['c', 'a', 'd', 'b']);
    expect(ids(views, 'dateAdded', true)).toEqual(['d', 'a', 'c', 'b']);
    expect(ids(views, 'bitrate', true)).toEqual(['b', 'a', 'c', 'd']);
    expect(ids(views, 'bitrate', false)).toEqual(['a', 'b', 'c', 'd']);
    expect(views.map((v) => column('format').value(v, display))).toEqual(['MP3', 'FLAC', '', 'MP3']);
    expect(ids(views, 'format', true)).toEqual(['a', 'd', 'b', 'c']);
    expect(ids(views, 'comment', false)).toEqual(['a', 'c', 'b', 'd']);
    // A Bandcamp purchase's label stands in for a missing tag, as in the rekordbox export.
    expect(ids(views, 'label', false)).toEqual(['d', 'a', 'b', 'c']);
  });

  it("rates by the file's stars, else rekordbox's from an imported collection; unrated sorts last", () => {
    const views = [view('a', undefined, 'A', { tags: { rating: 2 } }), view('b'), view('c'), view('d', undefined, 'D', { tags: { rating: 5 } })];
    const withImported: DisplayOptions = { ...display, importedRatings: new Map([['c', 4]]) };
    expect(ids(views, 'rating', true, withImported)).toEqual(['d', 'c', 'a', 'b']);
    expect(ids(views, 'rating', false, withImported)).toEqual(['a', 'c', 'd', 'b']);
    expect(column('rating').value(views[2], withImported)).toBe('★★★★');
    expect(column('rating').note!(views[2], withImported)).toBe('4 of 5 stars (from rekordbox)');
    expect(column('rating').value(views[1], withImported)).toBe('');
  });
});

describe('column layout', () => {
  const shown = (layout = DEFAULT_COLUMN_LAYOUT) => visibleColumns(layout).map((c) => c.id);

  it('shows the everyday columns by default; the chooser turns the others on and off, never Title', () => {
    expect(shown()).toEqual(['title', 'artist', 'album', 'genre', 'bpm', 'key', 'energy', 'time', 'state']);
    let layout = setColumnVisible(DEFAULT_COLUMN_LAYOUT, 'rating', true);
    layout = setColumnVisible(layout, 'album', false);
    layout = setColumnVisible(layout, 'title', false);
    expect(shown(layout)).toEqual(['title', 'artist', 'genre', 'bpm', 'key', 'energy', 'time', 'state', 'rating']);
  });

  it('keeps dragged widths within bounds and lays them out exactly; others keep their share of the room', () => {
    let layout = resizeColumn(DEFAULT_COLUMN_LAYOUT, 'artist', 251.6);
    layout = resizeColumn(layout, 'bpm', 3);
    expect(layout.widths).toEqual({ artist: 252, bpm: MIN_COLUMN_WIDTH });
    const template = gridTemplate(visibleColumns(layout), layout).split(' ');
    expect(template.slice(0, 2)).toEqual(['minmax(130px,', '3fr)']);
    expect(template).toContain('252px');
    expect(resetColumnWidths(layout).widths).toEqual({});
  });

  it('survives a reload through its JSON, and drops what no longer makes sense', () => {
    const layout = resizeColumn(setColumnVisible(DEFAULT_COLUMN_LAYOUT, 'label', true), 'label', 150);
    expect(parseColumnLayout(JSON.stringify(layout))).toEqual(layout);
    expect(parseColumnLayout('{"visible":{"gone":true,"title":false,"bpm":"no","key":false},"widths":{"album":1e9,"x":5,"time":null}}')).toEqual({
      visible: { key: false },
      widths: { album: 640 },
    });
    expect(parseColumnLayout('not json')).toEqual(DEFAULT_COLUMN_LAYOUT);
    expect(parseColumnLayout(null)).toEqual(DEFAULT_COLUMN_LAYOUT);
  });
});
