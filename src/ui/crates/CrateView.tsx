import { useState, type KeyboardEvent } from 'react';
import type { RbassistApp } from '../../app/createApp';
import type { ExportFile } from '../../app/crates/crateExport';
import { downloadText } from '../../app/interopService';
import { durationOf, type TrackView } from '../../core/library/trackView';
import { formatTotalLength } from '../format';
import { columnsById, DEFAULT_COLUMN_LAYOUT, gridTemplate, LIBRARY_COLUMNS, sortRows, type DisplayOptions } from '../libraryColumns';
import { ColumnHeader } from '../ColumnHeader';
import { useStore } from '../useStore';
import { errorMessage } from '../../core/errors';

interface Props {
  app: RbassistApp;
  crateId: string;
  display: DisplayOptions;
  selectedId: string | null;
  onSelect: (trackId: string) => void;
  onEditRules: (crateId: string) => void;
}

/** Tracks shown at once: smart crates can match most of a 50k library. */
const SHOWN = 1000;
/** The library's own columns (same values, colours and sort), a few of them. */
const CRATE_COLUMNS = columnsById(['title', 'artist', 'bpm', 'key', 'energy', 'time']);
const CRATE_TEMPLATE = `36px ${gridTemplate(CRATE_COLUMNS, DEFAULT_COLUMN_LAYOUT)} 28px`;
const SORT_KEY = 'rbassist.crateSort';

/** Sorted by a library column, or (no column) in the crate's own order: play order, or the rules' order. */
interface CrateSort {
  columnId: string | null;
  descending: boolean;
}

function rememberedSort(): CrateSort {
  try {
    const saved = JSON.parse(localStorage.getItem(SORT_KEY) ?? 'null') as Partial<CrateSort> | null;
    if (saved && LIBRARY_COLUMNS.some((c) => c.id === saved.columnId)) return { columnId: saved.columnId!, descending: !!saved.descending };
  } catch {
    // An unreadable saved sort falls back to the crate's own order.
  }
  return { columnId: null, descending: false };
}

interface CrateEntry {
  id: string;
  /** Place in the crate's own order. */
  position: number;
  view: TrackView | undefined;
}

/** The crate's tracks as shown: sorted like the library (empty values last); tracks no longer in the library at the end. */
function sortedEntries(entries: CrateEntry[], sort: CrateSort, display: DisplayOptions): CrateEntry[] {
  const column = CRATE_COLUMNS.find((c) => c.id === sort.columnId);
  if (!column) return entries;
  const byId = new Map(entries.map((e) => [e.id, e]));
  const known = entries.flatMap((e) => (e.view ? [e.view] : []));
  return [...sortRows(known, column, sort.descending, display).map((v) => byId.get(v.track.id)!), ...entries.filter((e) => !e.view)];
}

/**
 * One crate: its tracks in play order (hand-made) or as its rules select them (smart), with
 * export to M3U8 and rekordbox. In the list: Delete removes a track, Alt+↑/↓ moves it.
 */
export function CrateView({ app, crateId, display, selectedId, onSelect, onEditRules }: Props) {
  const state = useStore(app.crates.store);
  useStore(app.library.store);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const [sort, setSort] = useState(rememberedSort);
  const changeSort = (columnId: string | null) =>
    setSort((current) => {
      const next = { columnId, descending: columnId !== null && current.columnId === columnId ? !current.descending : false };
      localStorage.setItem(SORT_KEY, JSON.stringify(next));
      return next;
    });
  const crate = state.crates.find((c) => c.id === crateId);
  if (!crate)
    return (
      <section className="crate-view">
        <p className="muted">This crate was deleted.</p>
      </section>
    );
  const smart = crate.rules !== undefined;
  const trackIds = app.crates.trackIdsOf(crateId);
  const durationOfId = (id: string) => {
    const view = app.library.view(id);
    return view && durationOf(view);
  };
  const summary = app.crates.summary(crate, { notation: display.notation });
  const problem = state.problems[crateId];

  const run = async (work: () => Promise<string | void>) => {
    try {
      const text = await work();
      setNotice(text ? { text, error: false } : null);
    } catch (e) {
      setNotice({ text: errorMessage(e), error: true });
    }
  };

  const download = (make: () => ExportFile) =>
    run(async () => {
      const file = make();
      downloadText(file.text, file.fileName, file.mimeType);
      return [`Saved ${file.fileName}`, ...file.warnings].join('. ');
    });

  // Alt+↑/↓ moves a track in the play order, which only makes sense while the crate shows that order.
  const inPlayOrder = !smart && sort.columnId === null;
  const onRowKey = (event: KeyboardEvent, index: number, trackId: string) => {
    if (event.key === 'Enter') onSelect(trackId);
    else if (!smart && event.key === 'Delete') void run(() => app.crates.removeTracks(crateId, [trackId]));
    else if (inPlayOrder && event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      const to = index + (event.key === 'ArrowUp' ? -1 : 1);
      void run(async () => {
        await app.crates.moveTrack(crateId, index, to);
        requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid=crate-track][data-index="${to}"]`)?.focus());
      });
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      const to = index + (event.key === 'ArrowUp' ? -1 : 1);
      document.querySelector<HTMLElement>(`[data-testid=crate-track][data-index="${to}"]`)?.focus();
    } else return;
    event.preventDefault();
  };

  const selectedInLibrary = selectedId && app.library.view(selectedId);
  return (
    <section className="crate-view" aria-labelledby="crate-title" data-testid="crate-view" data-crate-id={crateId}>
      <header className="crate-view-head">
        <h2 id="crate-title">
          {smart && (
            <span className="crate-icon" aria-label="smart crate">
              ✦{' '}
            </span>
          )}
          {crate.name}
        </h2>
        <span className="muted" data-testid="crate-count">
          {trackIds.length} tracks · {formatTotalLength(trackIds.reduce((sum, id) => sum + (durationOfId(id) ?? 0), 0))}
        </span>
      </header>
      {smart && (
        <p className="rule-summary" data-testid="rule-summary">
          {summary}
        </p>
      )}
      <div className="crate-toolbar" role="toolbar" aria-label="Crate actions">
        {!smart && (
          <button
            onClick={() =>
              selectedId && void run(async () => ((await app.crates.addTracks(crateId, [selectedId])) ? undefined : 'That track is already in the crate'))
            }
            disabled={!selectedInLibrary}
            aria-keyshortcuts="A"
            title="Add the selected track (A)"
            data-testid="crate-add-selected"
          >
            + Add selected track
          </button>
        )}
        {smart && (
          <button onClick={() => onEditRules(crateId)} data-testid="edit-rules">
            Edit rules
          </button>
        )}
        <button onClick={() => void download(() => app.crateExport.m3u8(crateId))} disabled={trackIds.length === 0} data-testid="export-m3u8">
          Export M3U8
        </button>
        <button onClick={() => void download(() => app.crateExport.rekordbox(crateId))} disabled={trackIds.length === 0} data-testid="export-rekordbox">
          Export rekordbox XML
        </button>
      </div>
      <p className={`crate-notice${notice?.error || problem ? ' message' : ' muted'}`} role="status" data-testid="crate-notice">
        {problem ?? notice?.text ?? ''}
      </p>
      {trackIds.length === 0 ? (
        <p className="muted empty">
          {smart ? 'No track matches these rules yet.' : 'Empty crate. Select a track and press A (or “Add to crate” in Similar) to add it.'}
        </p>
      ) : (
        <div className="crate-table" role="table" aria-label={`Tracks in ${crate.name}`}>
          <div className="crate-row crate-header" role="row" style={{ gridTemplateColumns: CRATE_TEMPLATE }}>
            <div role="columnheader" className="column-header numeric" aria-sort={sort.columnId === null ? 'ascending' : 'none'}>
              <button onClick={() => changeSort(null)} title={smart ? 'Back to the order of the rules' : 'Back to the play order'}>
                #
              </button>
            </div>
            {CRATE_COLUMNS.map((column) => (
              <ColumnHeader
                key={column.id}
                column={column}
                sort={sort.columnId === column.id ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                onSort={() => changeSort(column.id)}
              />
            ))}
            <span role="columnheader">
              <span className="visually-hidden">Actions</span>
            </span>
          </div>
          {sortedEntries(
            trackIds.map((id, position) => ({ id, position, view: app.library.view(id) })),
            sort,
            display,
          )
            .slice(0, SHOWN)
            .map(({ id, position, view }, index) => (
              <div
                key={id}
                role="row"
                tabIndex={0}
                className={`crate-row${id === selectedId ? ' selected' : ''}`}
                style={{ gridTemplateColumns: CRATE_TEMPLATE }}
                aria-selected={id === selectedId}
                data-testid="crate-track"
                data-track-id={id}
                data-index={index}
                onClick={() => onSelect(id)}
                onKeyDown={(e) => onRowKey(e, index, id)}
              >
                <span role="cell" className="numeric muted">
                  {position + 1}
                </span>
                {CRATE_COLUMNS.map((column) => (
                  <span
                    key={column.id}
                    role="cell"
                    data-col={column.id}
                    className={column.numeric ? 'numeric' : undefined}
                    style={view ? { color: column.colour?.(view, display) } : undefined}
                  >
                    {view ? column.value(view, display) : column.id === 'title' ? '(no longer in the library)' : ''}
                  </span>
                ))}
                <span role="cell">
                  {!smart && (
                    <button
                      className="link"
                      onClick={(e) => {
                        e.stopPropagation();
                        void run(() => app.crates.removeTracks(crateId, [id]));
                      }}
                      aria-label={`Remove ${view?.track.tags.title ?? id} from the crate`}
                    >
                      ✕
                    </button>
                  )}
                </span>
              </div>
            ))}
          {trackIds.length > SHOWN && (
            <p className="muted">
              Showing the first {SHOWN} of {trackIds.length} tracks (exports include all).
            </p>
          )}
        </div>
      )}
    </section>
  );
}
