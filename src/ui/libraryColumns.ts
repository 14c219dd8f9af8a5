import type { TrackView } from '../core/library/trackView';
import { bpmOf, durationOf, keyOf } from '../core/library/trackView';
import { formatKey, keyIndex, type KeyNotation } from '../core/music/keys';
import { keyCss } from './map/mapColours';
import type { TagPreference } from '../core/analyzers';
import { formatDuration } from './format';

/** How values are shown: the DJ's key notation and whether tags or analysis win. */
export interface DisplayOptions {
  notation: KeyNotation;
  preference: TagPreference;
  /** Star ratings (1–5) from the last imported rekordbox.xml, by library track id. */
  importedRatings?: ReadonlyMap<string, number>;
}

/** Table columns as data: header, width, how to show a value, and how to sort by it. */
export interface Column {
  id: string;
  header: string;
  /** Default width in px; with `grow`, the least width of a column that takes a share of the spare room. */
  width: number;
  /** Share of the spare room (CSS fr) while the DJ has not set a width. */
  grow?: number;
  /** Off until the DJ turns it on in the column chooser. */
  hiddenByDefault?: boolean;
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
  { id: 'title', header: 'Title', width: 130, grow: 3, value: text((v) => v.track.tags.title), sortValue: lower((v) => v.track.tags.title) },
  { id: 'artist', header: 'Artist', width: 100, grow: 2, value: text((v) => v.track.tags.artist), sortValue: lower((v) => v.track.tags.artist) },
  { id: 'album', header: 'Album', width: 80, grow: 2, value: text((v) => v.track.tags.album), sortValue: lower((v) => v.track.tags.album) },
  { id: 'genre', header: 'Genre', width: 72, grow: 1, value: text((v) => v.track.tags.genre), sortValue: lower((v) => v.track.tags.genre) },
  {
    id: 'bpm',
    header: 'BPM',
    width: 72,
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
    width: 60,
    value: keyText,
    sortValue: (v, o) => {
      const key = keyOf(v, o.preference).chosen;
      return key ? keyIndex(key) : undefined;
    },
    colour: (v, o) => {
      const key = keyOf(v, o.preference).chosen;
      return key ? keyCss(key) : undefined;
    },
    note: (v, o) => {
      const key = keyOf(v, o.preference);
      return key.agree === false ? `Analysed ${key.analyzed ? formatKey(key.analyzed, o.notation) : '?'}, tagged ${key.taggedText}` : undefined;
    },
  },
  {
    id: 'energy',
    header: 'Energy',
    width: 80,
    numeric: true,
    value: (v) => (v.energy?.energy != null ? String(v.energy.energy) : ''),
    sortValue: (v) => v.energy?.energy ?? undefined,
  },
  { id: 'time', header: 'Time', width: 60, numeric: true, value: (v) => formatDuration(durationOf(v)), sortValue: (v) => durationOf(v) },
  { id: 'state', header: 'State', width: 80, value: trackStateLabel, sortValue: trackStateLabel },
  {
    id: 'dateAdded',
    header: 'Added',
    width: 100,
    hiddenByDefault: true,
    value: (v) => v.track.dateAdded ?? '',
    sortValue: (v) => v.track.dateAdded || undefined,
  },
  {
    id: 'bitrate',
    header: 'Bitrate',
    width: 76,
    numeric: true,
    hiddenByDefault: true,
    value: (v) => (v.track.tags.bitrateKbps ? String(v.track.tags.bitrateKbps) : ''),
    sortValue: (v) => v.track.tags.bitrateKbps,
    note: (v) => (v.track.tags.bitrateKbps ? `${v.track.tags.bitrateKbps} kbit/s` : undefined),
  },
  { id: 'format', header: 'Format', width: 76, hiddenByDefault: true, value: formatOf, sortValue: (v) => formatOf(v) || undefined },
  {
    id: 'comment',
    header: 'Comment',
    width: 120,
    grow: 2,
    hiddenByDefault: true,
    value: text((v) => v.track.tags.comment),
    sortValue: lower((v) => v.track.tags.comment),
  },
  { id: 'label', header: 'Label', width: 90, grow: 1, hiddenByDefault: true, value: text(labelOf), sortValue: lower(labelOf) },
  {
    id: 'rating',
    header: 'Rating',
    width: 84,
    hiddenByDefault: true,
    value: (v, o) => '★'.repeat(ratingOf(v, o) ?? 0),
    sortValue: ratingOf,
    note: (v, o) => {
      const stars = ratingOf(v, o);
      return stars ? `${stars} of 5 stars${v.track.tags.rating ? '' : ' (from rekordbox)'}` : undefined;
    },
  },
];

/** The file's container, from its extension (MP3, FLAC, M4A…). */
export function formatOf(view: TrackView): string {
  const dot = view.track.fileName.lastIndexOf('.');
  return dot > 0 ? view.track.fileName.slice(dot + 1).toUpperCase() : '';
}

/** The record label: the tag, else what a Bandcamp purchase says (as in the rekordbox export). */
function labelOf(view: TrackView): string | undefined {
  return view.track.tags.label ?? view.track.bandcamp?.label;
}

/** Stars 1–5: the file's own rating tag, else rekordbox's from an imported rekordbox.xml; unrated is empty. */
export function ratingOf(view: TrackView, options: DisplayOptions): number | undefined {
  const stars = view.track.tags.rating || options.importedRatings?.get(view.track.id);
  return stars ? stars : undefined;
}

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

/** Columns the DJ showed or hid and widths they dragged (px), remembered across reloads. */
export interface ColumnLayout {
  /** Only the DJ's choices: a column not named here keeps its default. */
  visible: Readonly<Record<string, boolean>>;
  widths: Readonly<Record<string, number>>;
}

export const DEFAULT_COLUMN_LAYOUT: ColumnLayout = { visible: {}, widths: {} };
/** Narrower than this, a header and its values shrink to a few letters. */
export const MIN_COLUMN_WIDTH = 56;
export const MAX_COLUMN_WIDTH = 640;
/** The one column that cannot be hidden: a row needs something to say which track it is. */
const ALWAYS_SHOWN = 'title';

const clampWidth = (px: number) => Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, px)));
const knownColumn = (id: string) => LIBRARY_COLUMNS.some((c) => c.id === id);

/** The saved layout, keeping only what still makes sense (known columns, finite widths). */
export function parseColumnLayout(saved: string | null): ColumnLayout {
  let raw: unknown;
  try {
    raw = JSON.parse(saved ?? 'null');
  } catch {
    return DEFAULT_COLUMN_LAYOUT;
  }
  if (!raw || typeof raw !== 'object') return DEFAULT_COLUMN_LAYOUT;
  const { visible, widths } = raw as { visible?: unknown; widths?: unknown };
  const entries = (value: unknown) => (value && typeof value === 'object' ? Object.entries(value) : []).filter(([id]) => knownColumn(id));
  return {
    visible: Object.fromEntries(entries(visible).filter(([id, shown]) => typeof shown === 'boolean' && id !== ALWAYS_SHOWN)),
    widths: Object.fromEntries(
      entries(widths)
        .filter(([, px]) => typeof px === 'number' && Number.isFinite(px))
        .map(([id, px]) => [id, clampWidth(px as number)]),
    ),
  };
}

export function isColumnVisible(layout: ColumnLayout, column: Column): boolean {
  return column.id === ALWAYS_SHOWN || (layout.visible[column.id] ?? !column.hiddenByDefault);
}

/** The columns shown, in their fixed order. */
export function visibleColumns(layout: ColumnLayout): Column[] {
  return LIBRARY_COLUMNS.filter((column) => isColumnVisible(layout, column));
}

export function setColumnVisible(layout: ColumnLayout, id: string, visible: boolean): ColumnLayout {
  if (id === ALWAYS_SHOWN || !knownColumn(id)) return layout;
  return { ...layout, visible: { ...layout.visible, [id]: visible } };
}

export function resizeColumn(layout: ColumnLayout, id: string, px: number): ColumnLayout {
  if (!knownColumn(id) || !Number.isFinite(px)) return layout;
  return { ...layout, widths: { ...layout.widths, [id]: clampWidth(px) } };
}

export function resetColumnWidths(layout: ColumnLayout): ColumnLayout {
  return { ...layout, widths: {} };
}

/**
 * CSS grid columns: a width the DJ dragged is kept exactly; otherwise a growing column takes its
 * share of the spare room but never gets narrower than its default width.
 */
export function gridTemplate(columns: readonly Column[], layout: ColumnLayout): string {
  return columns
    .map((column) => {
      const dragged = layout.widths[column.id];
      if (dragged !== undefined) return `${dragged}px`;
      return column.grow ? `minmax(${column.width}px, ${column.grow}fr)` : `${column.width}px`;
    })
    .join(' ');
}

/** Columns by id, in the order given (the crate table shows a few of the library's columns). */
export function columnsById(ids: readonly string[]): Column[] {
  return ids.map((id) => {
    const column = LIBRARY_COLUMNS.find((c) => c.id === id);
    if (!column) throw new Error(`No library column "${id}"`);
    return column;
  });
}
