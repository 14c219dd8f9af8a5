import { useState, type KeyboardEvent } from 'react';
import type { RbassistApp } from '../../app/createApp';
import type { ExportFile } from '../../app/crates/crateExport';
import { downloadText } from '../../app/interopService';
import { bpmOf, durationOf, keyOf } from '../../core/library/trackView';
import { formatKey } from '../../core/music/keys';
import { formatDuration, formatTotalLength } from '../format';
import type { DisplayOptions } from '../libraryColumns';
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

/**
 * One crate: its tracks in play order (hand-made) or as its rules select them (smart), with
 * export to M3U8 and rekordbox. In the list: Delete removes a track, Alt+↑/↓ moves it.
 */
export function CrateView({ app, crateId, display, selectedId, onSelect, onEditRules }: Props) {
  const state = useStore(app.crates.store);
  useStore(app.library.store);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
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

  const onRowKey = (event: KeyboardEvent, index: number, trackId: string) => {
    if (event.key === 'Enter') onSelect(trackId);
    else if (!smart && event.key === 'Delete') void run(() => app.crates.removeTracks(crateId, [trackId]));
    else if (!smart && event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
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
          <div className="crate-row crate-header" role="row">
            <span role="columnheader">#</span>
            <span role="columnheader">Title</span>
            <span role="columnheader">Artist</span>
            <span role="columnheader" className="numeric">
              BPM
            </span>
            <span role="columnheader">Key</span>
            <span role="columnheader" className="numeric">
              Energy
            </span>
            <span role="columnheader" className="numeric">
              Time
            </span>
            <span role="columnheader">
              <span className="visually-hidden">Actions</span>
            </span>
          </div>
          {trackIds.slice(0, SHOWN).map((id, index) => {
            const view = app.library.view(id);
            const bpm = view ? bpmOf(view, display.preference).chosen : null;
            const key = view ? keyOf(view, display.preference).chosen : null;
            return (
              <div
                key={id}
                role="row"
                tabIndex={0}
                className={`crate-row${id === selectedId ? ' selected' : ''}`}
                aria-selected={id === selectedId}
                data-testid="crate-track"
                data-track-id={id}
                data-index={index}
                onClick={() => onSelect(id)}
                onKeyDown={(e) => onRowKey(e, index, id)}
              >
                <span role="cell" className="numeric muted">
                  {index + 1}
                </span>
                <span role="cell">{view?.track.tags.title ?? '(no longer in the library)'}</span>
                <span role="cell">{view?.track.tags.artist ?? ''}</span>
                <span role="cell" className="numeric">
                  {bpm != null ? bpm.toFixed(1) : ''}
                </span>
                <span role="cell">{key ? formatKey(key, display.notation) : ''}</span>
                <span role="cell" className="numeric">
                  {view?.energy?.energy ?? ''}
                </span>
                <span role="cell" className="numeric">
                  {formatDuration(view && durationOf(view))}
                </span>
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
            );
          })}
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
