import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { TrackView } from '../core/library/trackView';
import {
  gridTemplate,
  isColumnVisible,
  LIBRARY_COLUMNS,
  parseColumnLayout,
  problemOf,
  resetColumnWidths,
  resizeColumn,
  setColumnVisible,
  sortRows,
  visibleColumns,
  type Column,
  type ColumnLayout,
  type DisplayOptions,
} from './libraryColumns';
import { ColumnHeader } from './ColumnHeader';

interface Props {
  tracks: TrackView[];
  /** Full-text search: ids of the tracks that match the query. */
  search: (query: string) => Set<string>;
  display: DisplayOptions;
  selectedId?: string | null;
  onSelect?: (view: TrackView) => void;
  /** Every selected track (Shift/Ctrl-click, Shift+↑/↓), the focused one included. */
  onSelectionChange?: (trackIds: string[]) => void;
  /** The track the preview plays (its row shows it). */
  playingId?: string | null;
}

const ROW_HEIGHT = 30;
const SORT_KEY = 'rbassist.librarySort';
const COLUMNS_KEY = 'rbassist.libraryColumns';
/** Drag type of selected library tracks (a crate in the sidebar takes them). */
export const TRACKS_DRAG_TYPE = 'application/x-rbassist-tracks';

function rememberedSort(): { column: Column; descending: boolean } {
  try {
    const saved = JSON.parse(localStorage.getItem(SORT_KEY) ?? 'null') as { column?: string; descending?: boolean } | null;
    const column = LIBRARY_COLUMNS.find((c) => c.id === saved?.column);
    if (column) return { column, descending: !!saved?.descending };
  } catch {
    // An unreadable saved sort falls back to the default.
  }
  return { column: LIBRARY_COLUMNS[1], descending: false };
}

const rememberedColumns = (): ColumnLayout => parseColumnLayout(localStorage.getItem(COLUMNS_KEY));
const rememberColumns = (layout: ColumnLayout) => localStorage.setItem(COLUMNS_KEY, JSON.stringify(layout));

/**
 * The library: a virtualised grid (only visible rows are in the DOM) with a text filter and a sort
 * that is remembered across reloads. The rows take the keyboard (↑/↓, Home/End, Shift to extend)
 * and mouse multi-selection (Shift/Ctrl-click); selected rows drag into a crate. Columns can be
 * shown, hidden and resized; the choice is remembered across reloads.
 */
export function LibraryTable({ tracks, search, display, selectedId, onSelect, onSelectionChange, playingId }: Props) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState(rememberedSort);
  const [layout, setLayout] = useState(rememberedColumns);
  const columns = useMemo(() => visibleColumns(layout), [layout]);
  const [selection, setSelection] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);

  const rows = useMemo(() => {
    const hits = filter.trim() ? search(filter) : null;
    const matching = hits ? tracks.filter((view) => hits.has(view.track.id)) : tracks;
    return sortRows(matching, sort.column, sort.descending, display);
  }, [tracks, search, filter, sort, display]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const template = gridTemplate(columns, layout);
  // Narrower than this, the table scrolls sideways rather than squeezing columns to a few letters.
  const minWidth = columns.reduce((sum, c) => sum + (layout.widths[c.id] ?? c.width), 0);
  const headerRef = useRef<HTMLDivElement>(null);

  const changeLayout = (next: ColumnLayout, remember = true) => {
    setLayout(next);
    if (remember) rememberColumns(next);
  };

  // The focused track (detail) is always part of the selection.
  useEffect(() => {
    if (selectedId && !selection.has(selectedId)) {
      setSelection(new Set([selectedId]));
      anchor.current = selectedId;
    }
  }, [selectedId, selection]);
  useEffect(() => onSelectionChange?.([...selection]), [selection, onSelectionChange]);

  const toggleSort = (column: Column) =>
    setSort((current) => {
      const next = { column, descending: current.column.id === column.id ? !current.descending : false };
      localStorage.setItem(SORT_KEY, JSON.stringify({ column: next.column.id, descending: next.descending }));
      return next;
    });

  const rangeIds = (fromId: string | null, toIndex: number): string[] => {
    const from = Math.max(
      0,
      rows.findIndex((v) => v.track.id === fromId),
    );
    const [a, b] = from <= toIndex ? [from, toIndex] : [toIndex, from];
    return rows.slice(a, b + 1).map((v) => v.track.id);
  };

  const focusRow = (index: number, extend: boolean) => {
    const view = rows[index];
    if (!view) return;
    if (extend) setSelection(new Set(rangeIds(anchor.current ?? selectedId ?? view.track.id, index)));
    else {
      setSelection(new Set([view.track.id]));
      anchor.current = view.track.id;
    }
    onSelect?.(view);
    virtualizer.scrollToIndex(index);
  };

  const onRowClick = (event: MouseEvent, view: TrackView, index: number) => {
    if (event.shiftKey) {
      setSelection(new Set(rangeIds(anchor.current ?? selectedId ?? null, index)));
    } else if (event.ctrlKey || event.metaKey) {
      const next = new Set(selection);
      anchor.current = view.track.id;
      if (next.has(view.track.id)) {
        // The focused track is always selected: Ctrl-click on the last selected one changes nothing.
        if (next.size === 1) return;
        next.delete(view.track.id);
        setSelection(next);
        // Ctrl-click on the focused track hands the focus (and the detail) to a track still selected.
        const stay = view.track.id === selectedId ? rows.find((v) => next.has(v.track.id)) : undefined;
        if (stay) onSelect?.(stay);
        return;
      }
      next.add(view.track.id);
      setSelection(next);
    } else {
      setSelection(new Set([view.track.id]));
      anchor.current = view.track.id;
    }
    onSelect?.(view);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    const current = rows.findIndex((v) => v.track.id === selectedId);
    const last = rows.length - 1;
    let next: number | null = null;
    if (event.key === 'ArrowDown') next = Math.min(last, current + 1);
    else if (event.key === 'ArrowUp') next = Math.max(0, current < 0 ? 0 : current - 1);
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = last;
    if (next === null || last < 0) return;
    event.preventDefault();
    focusRow(next, event.shiftKey);
  };

  const onDragStart = (event: React.DragEvent, view: TrackView) => {
    const ids = selection.has(view.track.id) ? rows.filter((v) => selection.has(v.track.id)).map((v) => v.track.id) : [view.track.id];
    event.dataTransfer.setData(TRACKS_DRAG_TYPE, JSON.stringify(ids));
    event.dataTransfer.setData('text/plain', ids.map((id) => rows.find((v) => v.track.id === id)?.track.relativePath ?? id).join('\n'));
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <section className="library" aria-label="Library">
      <div className="library-toolbar">
        <input
          type="search"
          className="filter"
          placeholder="Search title, artist, album, genre, label, comment…"
          aria-label="Filter tracks"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <span className="count" data-testid="track-count">
          {rows.length === tracks.length ? `${tracks.length} tracks` : `${rows.length} of ${tracks.length} tracks`}
          {selection.size > 1 && `, ${selection.size} selected`}
        </span>
        <span className="spacer" />
        <ColumnChooser layout={layout} onChange={changeLayout} />
      </div>
      <div className="grid" role="table" aria-rowcount={rows.length + 1} aria-label="Tracks">
        <div className="grid-header" role="row" ref={headerRef} style={{ gridTemplateColumns: template, minWidth }}>
          {columns.map((column) => (
            <ColumnHeader
              key={column.id}
              column={column}
              sort={sort.column.id === column.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              onSort={() => toggleSort(column)}
              width={layout.widths[column.id]}
              onResize={(px, done) => changeLayout(resizeColumn(layout, column.id, px), done)}
            />
          ))}
        </div>
        <div
          className="grid-body"
          ref={scrollRef}
          data-testid="library-scroll"
          role="rowgroup"
          tabIndex={0}
          aria-label="Track rows: ↑/↓, Home/End move; Shift extends the selection"
          onKeyDown={onKeyDown}
          onScroll={(event) => {
            if (headerRef.current) headerRef.current.scrollLeft = event.currentTarget.scrollLeft;
          }}
        >
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth }}>
            {virtualizer.getVirtualItems().map((item) => {
              const view = rows[item.index];
              const { track } = view;
              const problem = problemOf(view);
              const selected = selection.has(track.id) || track.id === selectedId;
              return (
                <div
                  key={track.id}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  data-track-id={track.id}
                  data-path={track.relativePath}
                  data-scan-state={track.scanState}
                  data-playing={track.id === playingId || undefined}
                  className={`grid-row${track.id === selectedId ? ' selected' : selected ? ' in-selection' : ''}${problem ? ' has-error' : ''}${track.id === playingId ? ' playing' : ''}`}
                  style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={(event) => onRowClick(event, view, item.index)}
                  draggable
                  onDragStart={(event) => onDragStart(event, view)}
                  title={problem ? `${track.relativePath}: ${problem}` : track.relativePath}
                >
                  {columns.map((column) => {
                    const note = column.note?.(view, display);
                    return (
                      <span
                        key={column.id}
                        role="cell"
                        data-col={column.id}
                        className={`${column.numeric ? 'numeric' : ''}${note ? ' disagree' : ''}`}
                        title={note}
                        style={note ? undefined : { color: column.colour?.(view, display) }}
                      >
                        {column.value(view, display)}
                      </span>
                    );
                  })}
                </div>
              );
            })}
          </div>
          {tracks.length === 0 && <p className="empty">No tracks yet. Choose your music folder to build the library.</p>}
        </div>
      </div>
    </section>
  );
}

/** Show or hide columns (Title always stays) and forget dragged widths. */
function ColumnChooser({ layout, onChange }: { layout: ColumnLayout; onChange: (layout: ColumnLayout) => void }) {
  const details = useRef<HTMLDetailsElement>(null);
  // Like a menu: a click anywhere else closes it.
  useEffect(() => {
    const closeOutside = (event: PointerEvent) => {
      if (details.current?.open && !details.current.contains(event.target as Node)) details.current.open = false;
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, []);
  return (
    <details
      className="column-chooser"
      ref={details}
      data-testid="column-chooser"
      onKeyDown={(event) => {
        if (event.key !== 'Escape' || !details.current?.open) return;
        details.current.open = false;
        details.current.querySelector('summary')?.focus();
      }}
    >
      <summary>Columns</summary>
      <fieldset>
        <legend>Columns shown</legend>
        {LIBRARY_COLUMNS.map((column) => (
          <label key={column.id}>
            <input
              type="checkbox"
              checked={isColumnVisible(layout, column)}
              disabled={column.id === 'title'}
              onChange={(event) => onChange(setColumnVisible(layout, column.id, event.target.checked))}
            />{' '}
            {column.header}
          </label>
        ))}
        <button type="button" onClick={() => onChange(resetColumnWidths(layout))} disabled={Object.keys(layout.widths).length === 0}>
          Reset widths
        </button>
      </fieldset>
    </details>
  );
}
