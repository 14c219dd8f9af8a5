/**
 * Incoming: tracks added since a day (the previous visit by default), in the library's own table
 * (same columns, sort and filter), with "Analyse these" and "Add to crate".
 * @module
 */
import { useMemo, useState } from 'react';
import type { RbassistApp } from '../../app/createApp';
import { errorMessage } from '../../core/errors';
import { LibraryTable } from '../LibraryTable';
import type { DisplayOptions } from '../libraryColumns';
import { useStore } from '../useStore';

interface Props {
  app: RbassistApp;
  display: DisplayOptions;
  selectedId: string | null;
  onSelect: (trackId: string) => void;
}

export function IncomingView({ app, display, selectedId, onSelect }: Props) {
  const { tracks } = useStore(app.library.store);
  const { since, previousVisit } = useStore(app.incoming.store);
  const { target } = useStore(app.crates.store);
  const [notice, setNotice] = useState<{ text: string; error: boolean } | null>(null);
  const rows = useMemo(() => app.incoming.tracks(tracks, since), [app, tracks, since]);
  const waiting = app.incoming.notAnalyzed(rows).length;
  const targetName = target ? app.crates.get(target)?.name : undefined;

  const run = async (work: () => Promise<string>) => {
    try {
      setNotice({ text: await work(), error: false });
    } catch (e) {
      setNotice({ text: errorMessage(e), error: true });
    }
  };

  return (
    <section className="incoming-view" aria-labelledby="incoming-title" data-testid="incoming-view">
      <header className="duplicates-header">
        <h2 id="incoming-title">Incoming</h2>
        <label>
          Added since{' '}
          <input
            type="date"
            value={since}
            onChange={(e) => {
              const result = app.incoming.setSince(e.target.value);
              setNotice(result.ok ? null : { text: result.reason, error: true });
            }}
            data-testid="incoming-since"
          />
        </label>
        <span className="muted" data-testid="incoming-count">
          {rows.length} track{rows.length === 1 ? '' : 's'}
          {previousVisit !== undefined ? ` · last visit ${new Date(previousVisit).toLocaleDateString()}` : ''}
          {waiting ? ` · ${waiting} not analysed yet` : ''}
        </span>
        <button
          disabled={!waiting}
          onClick={() =>
            void run(async () => {
              const queued = await app.incoming.analyze();
              return `${queued} track${queued === 1 ? '' : 's'} queued for analysis.`;
            })
          }
          data-testid="incoming-analyse"
        >
          Analyse these
        </button>
        <button
          disabled={!rows.length}
          title={targetName ? `Add every listed track to “${targetName}”` : 'Add every listed track to a new crate'}
          onClick={() =>
            void run(async () => {
              const { name, added } = await app.incoming.addToCrate();
              return `Added ${added} track${added === 1 ? '' : 's'} to “${name}”.`;
            })
          }
          data-testid="incoming-add-to-crate"
        >
          Add to crate
        </button>
      </header>
      {notice && (
        <p role={notice.error ? 'alert' : 'status'} data-testid="incoming-notice">
          {notice.text}
        </p>
      )}
      <LibraryTable tracks={rows} search={app.library.search} display={display} selectedId={selectedId} onSelect={(v) => onSelect(v.track.id)} />
    </section>
  );
}
