import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef, useState } from 'react';
import type { TrackView } from '../app/trackView';
import { LIBRARY_COLUMNS, problemOf, type Column, type DisplayOptions } from './libraryColumns';

interface Props {
  tracks: TrackView[];
  /** Full-text search: ids of the tracks that match the query. */
  search: (query: string) => Set<string>;
  display: DisplayOptions;
  selectedId?: string | null;
  onSelect?: (view: TrackView) => void;
}

const ROW_HEIGHT = 30;

/** The library: a virtualised grid (only visible rows are in the DOM) with sort and a text filter. */
export function LibraryTable({ tracks, search, display, selectedId, onSelect }: Props) {
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<{ column: Column; descending: boolean }>({ column: LIBRARY_COLUMNS[1], descending: false });

  const rows = useMemo(() => {
    const hits = filter.trim() ? search(filter) : null;
    const matching = hits ? tracks.filter((view) => hits.has(view.track.id)) : tracks;
    const { column, descending } = sort;
    const keyed = matching.map((view) => ({ view, key: column.sortValue(view, display) }));
    keyed.sort((a, b) => {
      const order = a.key < b.key ? -1 : a.key > b.key ? 1 : a.view.track.relativePath < b.view.track.relativePath ? -1 : 1;
      return descending ? -order : order;
    });
    return keyed.map(({ view }) => view);
  }, [tracks, search, filter, sort, display]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const template = LIBRARY_COLUMNS.map((c) => c.width).join(' ');

  const toggleSort = (column: Column) =>
    setSort((current) => ({ column, descending: current.column.id === column.id ? !current.descending : false }));

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
        </span>
      </div>
      <div className="grid" role="table" aria-rowcount={rows.length + 1} aria-label="Tracks">
        <div className="grid-header" role="row" style={{ gridTemplateColumns: template }}>
          {LIBRARY_COLUMNS.map((column) => (
            <button
              key={column.id}
              role="columnheader"
              aria-sort={sort.column.id === column.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}
              className={column.numeric ? 'numeric' : undefined}
              onClick={() => toggleSort(column)}
            >
              {column.header}
              {sort.column.id === column.id ? (sort.descending ? ' ▾' : ' ▴') : ''}
            </button>
          ))}
        </div>
        <div className="grid-body" ref={scrollRef} data-testid="library-scroll">
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const view = rows[item.index];
              const { track } = view;
              const problem = problemOf(view);
              return (
                <div
                  key={track.id}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={track.id === selectedId}
                  data-track-id={track.id}
                  data-path={track.relativePath}
                  data-scan-state={track.scanState}
                  className={`grid-row${track.id === selectedId ? ' selected' : ''}${problem ? ' has-error' : ''}`}
                  style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                  onClick={() => onSelect?.(view)}
                  title={problem ? `${track.relativePath}: ${problem}` : track.relativePath}
                >
                  {LIBRARY_COLUMNS.map((column) => {
                    const note = column.note?.(view, display);
                    return (
                      <span key={column.id} role="cell" data-col={column.id} className={`${column.numeric ? 'numeric' : ''}${note ? ' disagree' : ''}`} title={note}>
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
