import { describe, expect, it } from 'vitest';
import type { AnalysisRecord, TrackRecord } from '../core/library/records';
import { viewOf } from '../core/library/trackView';
import { LIBRARY_COLUMNS, sortRows, type DisplayOptions } from './libraryColumns';

const display: DisplayOptions = { notation: 'camelot', preference: 'analysed' };
const column = (id: string) => LIBRARY_COLUMNS.find((c) => c.id === id)!;

function view(id: string, bpm?: number, title?: string) {
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
