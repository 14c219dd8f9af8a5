import type { TrackView } from '../core/library/trackView';
import { bpmOf, durationOf, keyOf } from '../core/library/trackView';
import { camelotNumber, formatKey, keyIndex, type KeyNotation } from '../core/music/keys';
import { cssOf, keyTextColour } from './map/mapColours';
import type { TagPreference } from '../core/analyzers';
import { formatDuration } from './format';

/** How values are shown: the DJ's key notation and whether tags or analysis win. */
export interface DisplayOptions {
  notation: KeyNotation;
  preference: TagPreference;
}

/** Table columns as data: header, width, how to show a value, and how to sort by it. */
export interface Column {
  id: string;
  header: string;
  width: string;
  value: (view: TrackView, options: DisplayOptions) => string;
  /** undefined (or '') for an empty value: empty values sort last in both directions. */
  sortValue: (view: TrackView, options: DisplayOptions) => string | number | undefined;
  /** Shown as a tooltip, e.g. analyzed vs tagged values when they disagree. */
  note?: (view: TrackView, options: DisplayOptions) => string | undefined;
  numeric?: boolean;
  /** Text colour of the value (the key in the colours DJs know from the Camelot wheel). */
  colour?: (view: TrackView, options: DisplayOptions) => string | undefined;
}

const text = (pick: (v: TrackView) => string | undefined) => (v: TrackView) => pick(v) ?? '';
const lower = (pick: (v: TrackView) => string | undefined) => (v: TrackView) => (pick(v) ?? '').toLocaleLowerCase();

export function trackStateLabel(view: TrackView): string {
  const { track, job } = view;
  // One word for every track rbassist could not use, at scan or at analysis (the reason is in the tooltip).
  if (track.status === 'error') return 'failed';
  if (track.status === 'pending') return 'reading';
  if (job?.state === 'failed') return 'failed';
  if (job?.state === 'indexed') return 'analysed';
  if (job) return 'queued';
  return track.scanState === 'unchanged' ? 'ok' : track.scanState;
}

function bpmText(view: TrackView, o: DisplayOptions): string {
  const bpm = bpmOf(view, o.preference);
  if (bpm.chosen == null) return '';
  return `${bpm.chosen.toFixed(1)}${bpm.agree === false ? ' ≠' : ''}`;
}

function keyText(view: TrackView, o: DisplayOptions): string {
  const key = keyOf(view, o.preference);
  if (key.chosen) return `${formatKey(key.chosen, o.notation)}${key.agree === false ? ' ≠' : ''}`;
  return key.taggedText ?? '';
}

export const LIBRARY_COLUMNS: Column[] = [
  { id: 'title', header: 'Title', width: 'minmax(140px, 3fr)', value: text((v) => v.track.tags.title), sortValue: lower((v) => v.track.tags.title) },
  { id: 'artist', header: 'Artist', width: 'minmax(100px, 2fr)', value: text((v) => v.track.tags.artist), sortValue: lower((v) => v.track.tags.artist) },
  { id: 'album', header: 'Album', width: 'minmax(80px, 2fr)', value: text((v) => v.track.tags.album), sortValue: lower((v) => v.track.tags.album) },
  { id: 'genre', header: 'Genre', width: 'minmax(64px, 1fr)', value: text((v) => v.track.tags.genre), sortValue: lower((v) => v.track.tags.genre) },
  {
    id: 'bpm',
    header: 'BPM',
    width: '72px',
    numeric: true,
    value: bpmText,
    sortValue: (v, o) => bpmOf(v, o.preference).chosen ?? undefined,
    note: (v, o) => {
      const bpm = bpmOf(v, o.preference);
      return bpm.agree === false ? `Analysed ${bpm.analyzed?.toFixed(1)} BPM, tagged ${bpm.tagged} BPM${bpm.octaveRelated ? ' (half/double)' : ''}` : undefined;
    },
  },
  {
    id: 'key',
    header: 'Key',
    width: '64px',
    value: keyText,
    sortValue: (v, o) => {
      const key = keyOf(v, o.preference).chosen;
      return key ? keyIndex(key) : undefined;
    },
    colour: (v, o) => {
      const key = keyOf(v, o.preference).chosen;
      return key ? cssOf(keyTextColour(camelotNumber(key), key.mode === 'minor')) : undefined;
    },
    note: (v, o) => {
      const key = keyOf(v, o.preference);
      return key.agree === false ? `Analysed ${key.analyzed ? formatKey(key.analyzed, o.notation) : '?'}, tagged ${key.taggedText}` : undefined;
    },
  },
  {
    id: 'energy',
    header: 'Energy',
    width: '76px',
    numeric: true,
    value: (v) => (v.energy?.energy != null ? String(v.energy.energy) : ''),
    sortValue: (v) => v.energy?.energy ?? undefined,
  },
  { id: 'time', header: 'Time', width: '60px', numeric: true, value: (v) => formatDuration(durationOf(v)), sortValue: (v) => durationOf(v) },
  { id: 'state', header: 'State', width: '80px', value: trackStateLabel, sortValue: trackStateLabel },
];

/** Why a row is in trouble (file problem or failed analysis), for its tooltip and the detail view. */
export function problemOf(view: TrackView): string | undefined {
  return view.track.error ?? (view.job?.state === 'failed' ? view.job.error : undefined);
}

/**
 * Rows sorted by a column: ties by path (stable across reloads), empty values last whichever the
 * direction (as in rekordbox: unanalyzed tracks never crowd the top of a BPM sort).
 */
export function sortRows(views: readonly TrackView[], column: Column, descending: boolean, display: DisplayOptions): TrackView[] {
  const keyed = views.map((view) => {
    const key = column.sortValue(view, display);
    return { view, key, empty: key === undefined || key === '' };
  });
  keyed.sort((a, b) => {
    if (a.empty !== b.empty) return a.empty ? 1 : -1;
    const order = a.empty || a.key === b.key ? 0 : a.key! < b.key! ? -1 : 1;
    if (order !== 0) return descending ? -order : order;
    return a.view.track.relativePath < b.view.track.relativePath ? -1 : a.view.track.relativePath > b.view.track.relativePath ? 1 : 0;
  });
  return keyed.map(({ view }) => view);
}
