import type { TrackRecord } from '../storage/db';
import { formatDuration } from './format';

/** Table columns as data: header, width, how to show a value, and how to sort by it. */
export interface Column {
  id: string;
  header: string;
  width: string;
  value: (track: TrackRecord) => string;
  sortValue: (track: TrackRecord) => string | number;
  numeric?: boolean;
}

const text = (pick: (t: TrackRecord) => string | undefined) => (t: TrackRecord) => pick(t) ?? '';
const lower = (pick: (t: TrackRecord) => string | undefined) => (t: TrackRecord) => (pick(t) ?? '').toLocaleLowerCase();

export function trackStateLabel(track: TrackRecord): string {
  if (track.status === 'error') return 'error';
  if (track.status === 'pending') return 'reading';
  return track.scanState === 'unchanged' ? 'ok' : track.scanState;
}

export const LIBRARY_COLUMNS: Column[] = [
  { id: 'title', header: 'Title', width: 'minmax(160px, 3fr)', value: text((t) => t.tags.title), sortValue: lower((t) => t.tags.title) },
  { id: 'artist', header: 'Artist', width: 'minmax(120px, 2fr)', value: text((t) => t.tags.artist), sortValue: lower((t) => t.tags.artist) },
  { id: 'album', header: 'Album', width: 'minmax(100px, 2fr)', value: text((t) => t.tags.album), sortValue: lower((t) => t.tags.album) },
  { id: 'genre', header: 'Genre', width: 'minmax(80px, 1fr)', value: text((t) => t.tags.genre), sortValue: lower((t) => t.tags.genre) },
  { id: 'bpm', header: 'BPM', width: '64px', numeric: true, value: (t) => (t.tags.taggedBpm ? t.tags.taggedBpm.toFixed(1) : ''), sortValue: (t) => t.tags.taggedBpm ?? 0 },
  { id: 'key', header: 'Key', width: '56px', value: text((t) => t.tags.taggedKey), sortValue: lower((t) => t.tags.taggedKey) },
  { id: 'year', header: 'Year', width: '56px', numeric: true, value: (t) => (t.tags.year ? String(t.tags.year) : ''), sortValue: (t) => t.tags.year ?? 0 },
  { id: 'time', header: 'Time', width: '60px', numeric: true, value: (t) => formatDuration(t.tags.durationSec), sortValue: (t) => t.tags.durationSec ?? 0 },
  { id: 'state', header: 'State', width: '84px', value: trackStateLabel, sortValue: trackStateLabel },
];

/** Lower-cased text the filter box matches: title, artist, album and genre. */
export function searchText(track: TrackRecord): string {
  const { title, artist, album, genre } = track.tags;
  return [title, artist, album, genre].filter(Boolean).join('\u0001').toLocaleLowerCase();
}
