import { useLayoutEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import type { RbassistApp } from '../../app/createApp';
import type { CrateRecord } from '../../core/library/records';
import { useStore } from '../useStore';
import type { WorkspaceMode } from './workspaceMode';
import { TRACKS_DRAG_TYPE } from '../LibraryTable';
import { errorMessage } from '../../core/errors';

interface Props {
  app: RbassistApp;
  mode: WorkspaceMode;
  onMode: (mode: WorkspaceMode) => void;
  onNewSmartCrate: () => void;
  /** Id of a crate to open in rename mode (a new crate). */
  renaming: string | null;
  onRenaming: (id: string | null) => void;
}

const VIEWS: { mode: WorkspaceMode; label: string; key: string }[] = [
  { mode: { kind: 'library' }, label: 'Library', key: '1' },
  { mode: { kind: 'map' }, label: 'Map', key: '2' },
  { mode: { kind: 'set' }, label: 'Set builder', key: '3' },
  { mode: { kind: 'duplicates' }, label: 'Duplicates', key: '4' },
  { mode: { kind: 'incoming' }, label: 'Incoming', key: '5' },
];

const DRAG_TYPE = 'application/x-rbassist-crate';

/**
 * Left sidebar: the views (library, map, set builder) and the crates. Crates reorder by drag and
 * drop or Alt+↑/↓; F2 renames, Delete asks before deleting, ↑/↓ move between crates.
 */
export function CrateSidebar({ app, mode, onMode, onNewSmartCrate, renaming, onRenaming }: Props) {
  const { crates, live, problems } = useStore(app.crates.store);
  const [dropAt, setDropAt] = useState<number | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const list = useRef<HTMLOListElement>(null);

  const focusCrate = (index: number) => {
    const buttons = list.current?.querySelectorAll<HTMLButtonElement>('button.crate-name');
    buttons?.[Math.max(0, Math.min(buttons.length - 1, index))]?.focus();
  };

  // A finished rename unmounts its field, and a move can re-insert the focused button: either drops
  // the focus. It goes back to that crate (by id: positions change) once the list has re-rendered,
  // and only if it is still lost, so a DJ who has already moved on to another crate keeps it there.
  const [refocus, setRefocus] = useState<{ crateId: string } | null>(null);
  useLayoutEffect(() => {
    if (!refocus) return;
    const button = list.current?.querySelector<HTMLButtonElement>(`[data-crate-id="${CSS.escape(refocus.crateId)}"] button.crate-name`);
    if (!button) {
      if (!crates.some((c) => c.id === refocus.crateId)) setRefocus(null);
      return;
    }
    setRefocus(null);
    const active = document.activeElement;
    if (!active || active === document.body) button.focus();
  }, [refocus, crates]);

  const attempt = async (work: () => Promise<unknown>) => {
    try {
      setError(null);
      await work();
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const newCrate = () =>
    attempt(async () => {
      const id = await app.crates.create();
      onMode({ kind: 'crate', id });
      onRenaming(id);
    });

  const onCrateKey = (event: KeyboardEvent, crate: CrateRecord, index: number) => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown')) {
      const to = index + (event.key === 'ArrowUp' ? -1 : 1);
      void attempt(async () => {
        await app.crates.move(crate.id, to);
        setRefocus({ crateId: crate.id });
      });
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowDown') {
      focusCrate(index + (event.key === 'ArrowUp' ? -1 : 1));
    } else if (event.key === 'F2') {
      onRenaming(crate.id);
    } else if (event.key === 'Delete') {
      setConfirmDelete(crate.id);
    } else return;
    event.preventDefault();
  };

  const onDragStart = (event: DragEvent, crate: CrateRecord) => {
    event.dataTransfer.setData(DRAG_TYPE, crate.id);
    event.dataTransfer.effectAllowed = 'move';
  };
  const [trackDropOn, setTrackDropOn] = useState<string | null>(null);
  const onDragOver = (event: DragEvent, index: number) => {
    if (event.dataTransfer.types.includes(TRACKS_DRAG_TYPE)) {
      // Library tracks dropped on a hand-made crate are added to it.
      if (crates[index]?.rules !== undefined) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setTrackDropOn(crates[index].id);
      return;
    }
    if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
    event.preventDefault();
    const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
    setDropAt(event.clientY < rect.top + rect.height / 2 ? index : index + 1);
  };
  const onDrop = (event: DragEvent) => {
    const tracks = event.dataTransfer.getData(TRACKS_DRAG_TYPE);
    if (tracks && trackDropOn) {
      event.preventDefault();
      const crateId = trackDropOn;
      setTrackDropOn(null);
      void attempt(async () => {
        await app.crates.addTracks(crateId, JSON.parse(tracks) as string[]);
      });
      return;
    }
    const id = event.dataTransfer.getData(DRAG_TYPE);
    const at = dropAt;
    setDropAt(null);
    if (!id || at === null) return;
    event.preventDefault();
    const from = crates.findIndex((c) => c.id === id);
    // Dropping below itself: the list shrinks by one before the insert.
    void attempt(() => app.crates.move(id, at > from ? at - 1 : at));
  };

  return (
    <nav className="crate-sidebar" aria-label="Views and crates" data-testid="crate-sidebar">
      <ul className="view-list">
        {VIEWS.map((view) => (
          <li key={view.label}>
            <button
              className="view-button"
              aria-current={mode.kind === view.mode.kind ? 'page' : undefined}
              onClick={() => onMode(view.mode)}
              aria-keyshortcuts={view.key}
            >
              {view.label} <kbd aria-hidden="true">{view.key}</kbd>
            </button>
          </li>
        ))}
      </ul>
      <div className="crate-head">
        <h2>Crates</h2>
        <button onClick={() => void newCrate()} aria-keyshortcuts="N" title="New crate (N)" data-testid="new-crate">
          + Crate
        </button>
        <button onClick={onNewSmartCrate} aria-keyshortcuts="Shift+N" title="New smart crate (Shift+N)" data-testid="new-smart-crate">
          + Smart
        </button>
      </div>
      <ol
        className="crate-list"
        ref={list}
        onDragLeave={() => {
          setDropAt(null);
          setTrackDropOn(null);
        }}
        onDrop={onDrop}
        aria-label="Crates (Alt+↑/↓ to reorder, F2 to rename, Delete to delete)"
      >
        {crates.length === 0 && <li className="muted empty-crates">No crates yet. Press N to make one.</li>}
        {crates.map((crate, index) => {
          const smart = crate.rules !== undefined;
          const count = smart ? (live[crate.id]?.length ?? 0) : crate.trackIds.length;
          const active = mode.kind === 'crate' && mode.id === crate.id;
          return (
            <li
              key={crate.id}
              className={`crate-item${trackDropOn === crate.id ? ' drop-into' : ''}${dropAt === index ? ' drop-before' : ''}${dropAt === index + 1 && index === crates.length - 1 ? ' drop-after' : ''}`}
              draggable={renaming !== crate.id}
              onDragStart={(e) => onDragStart(e, crate)}
              onDragOver={(e) => onDragOver(e, index)}
              data-crate-id={crate.id}
              data-testid="crate-item"
            >
              {renaming === crate.id ? (
                <RenameField
                  initial={crate.name}
                  onDone={(name) =>
                    void attempt(async () => {
                      if (name !== null) await app.crates.rename(crate.id, name);
                      onRenaming(null);
                      setRefocus({ crateId: crate.id });
                    })
                  }
                />
              ) : (
                <button
                  className="crate-name"
                  aria-current={active ? 'true' : undefined}
                  onClick={() => onMode({ kind: 'crate', id: crate.id })}
                  onDoubleClick={() => onRenaming(crate.id)}
                  onKeyDown={(e) => onCrateKey(e, crate, index)}
                  title={problems[crate.id] ?? crate.name}
                >
                  <span className="crate-icon" aria-label={smart ? 'smart crate' : undefined}>
                    {smart ? '✦' : '▪'}
                  </span>
                  <span className="crate-label">{crate.name}</span>
                  <span className="crate-count">{count}</span>
                </button>
              )}
              {confirmDelete === crate.id && (
                <div className="confirm" role="alertdialog" aria-label={`Delete ${crate.name}?`}>
                  <span>Delete “{crate.name}”?</span>
                  <button
                    className="danger"
                    autoFocus
                    onClick={() =>
                      void attempt(async () => {
                        setConfirmDelete(null);
                        if (active) onMode({ kind: 'library' });
                        await app.crates.remove(crate.id);
                      })
                    }
                  >
                    Delete
                  </button>
                  <button onClick={() => setConfirmDelete(null)}>Keep</button>
                </div>
              )}
            </li>
          );
        })}
      </ol>
      {error && (
        <p className="message" role="alert">
          {error}
        </p>
      )}
    </nav>
  );
}

/** Inline name editor: Enter saves, Escape cancels. */
function RenameField({ initial, onDone }: { initial: string; onDone: (name: string | null) => void }) {
  const [value, setValue] = useState(initial);
  // Enter and the blur that follows must not both save.
  const finished = useRef(false);
  const finish = (name: string | null) => {
    if (finished.current) return;
    finished.current = true;
    onDone(name);
  };
  return (
    <input
      className="rename"
      aria-label="Crate name"
      autoFocus
      value={value}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish(value);
        else if (e.key === 'Escape') finish(null);
        else return;
        e.preventDefault();
      }}
      data-testid="crate-rename"
    />
  );
}
