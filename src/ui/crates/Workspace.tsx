import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { RbassistApp } from '../../app/createApp';
import type { DisplayOptions } from '../libraryColumns';
import { LibraryMap } from '../map/LibraryMap';
import { useStore } from '../useStore';
import { CrateSidebar } from './CrateSidebar';
import { CrateView } from './CrateView';
import { DuplicatesView } from './DuplicatesView';
import { IncomingView } from './IncomingView';
import { RuleEditor } from './RuleEditor';
import { SetBuilderView } from './SetBuilderView';
import { SHORTCUTS, typingInto } from './shortcuts';
import type { WorkspaceMode } from './workspaceMode';
import { errorMessage } from '../../core/errors';

interface Props {
  app: RbassistApp;
  display: DisplayOptions;
  selectedId: string | null;
  /** Tracks selected in the library table ("Add to crate" takes them all). */
  selectedIds?: string[];
  onSelect: (trackId: string) => void;
  /** The library table (kept mounted while other views show, so its filter and scroll survive). */
  children: ReactNode;
}

/** The main area: sidebar (views + crates) and the library, the map, the set builder or a crate. */
export function Workspace({ app, display, selectedId, selectedIds = [], onSelect, children }: Props) {
  const [mode, setMode] = useState<WorkspaceMode>({ kind: 'library' });
  const [ruleEditor, setRuleEditor] = useState<{ crateId?: string } | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [flash, setFlash] = useState('');
  const { target } = useStore(app.crates.store);

  const open = (next: WorkspaceMode) => {
    setMode(next);
    if (next.kind === 'crate') app.crates.setTarget(next.id);
  };

  const addSelected = async () => {
    const ids = mode.kind === 'library' && selectedIds.length > 1 ? selectedIds : selectedId ? [selectedId] : [];
    if (!ids.length) {
      setFlash('Select a track first');
      return;
    }
    try {
      const { name, added } = await app.crates.addToTarget(ids);
      const what = ids.length > 1 ? `${added} of ${ids.length} tracks` : '';
      setFlash(added ? `Added ${what ? `${what} ` : ''}to “${name}”` : `Already in “${name}”`);
    } catch (e) {
      setFlash(errorMessage(e));
    }
  };

  // Global keys: only when nothing else (a text field, a dialog) takes the key.
  const latest = useRef({ addSelected, open });
  latest.current = { addSelected, open };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typingInto(event.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const { addSelected: add, open: go } = latest.current;
      switch (event.key) {
        case '1':
          go({ kind: 'library' });
          break;
        case '2':
          go({ kind: 'map' });
          break;
        case '3':
          go({ kind: 'set' });
          break;
        case '4':
          go({ kind: 'duplicates' });
          break;
        case '5':
          go({ kind: 'incoming' });
          break;
        case 'n':
          void app.crates.create().then((id) => {
            go({ kind: 'crate', id });
            setRenaming(id);
          });
          break;
        case 'N':
          setRuleEditor({});
          break;
        case 'a':
        case 'A':
          void add();
          break;
        case '?':
          setHelpOpen(true);
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [app]);

  useEffect(() => {
    if (!flash) return;
    const timer = setTimeout(() => setFlash(''), 4000);
    return () => clearTimeout(timer);
  }, [flash]);

  const targetName = target ? app.crates.get(target)?.name : undefined;
  return (
    <div className="workspace">
      <div className="sidebar-column">
        <CrateSidebar app={app} mode={mode} onMode={open} onNewSmartCrate={() => setRuleEditor({})} renaming={renaming} onRenaming={setRenaming} />
        {mode.kind === 'library' && (
          <button
            className="add-selection"
            onClick={() => void addSelected()}
            disabled={!selectedId}
            aria-keyshortcuts="A"
            title={`Add the selected tracks to ${targetName ? `“${targetName}”` : 'a new crate'} (A)`}
            data-testid="add-selection"
          >
            + Add {selectedIds.length > 1 ? `${selectedIds.length} tracks` : 'track'} to crate
          </button>
        )}
        <p className="sidebar-status muted" role="status" data-testid="workspace-status">
          {flash || (targetName ? `A adds to “${targetName}”` : 'Press ? for shortcuts')}
        </p>
      </div>
      <div className="workspace-main">
        <div className="workspace-pane" hidden={mode.kind !== 'library'}>
          {children}
        </div>
        {mode.kind === 'map' && (
          <LibraryMap app={app} display={display} selectedId={selectedId} onSelect={onSelect} onOpenCrate={(id) => open({ kind: 'crate', id })} />
        )}
        {mode.kind === 'set' && (
          <SetBuilderView app={app} display={display} selectedId={selectedId} onSelect={onSelect} onOpenCrate={(id) => open({ kind: 'crate', id })} />
        )}
        {mode.kind === 'duplicates' && <DuplicatesView app={app} onOpenCrate={(id) => open({ kind: 'crate', id })} />}
        {mode.kind === 'incoming' && <IncomingView app={app} display={display} selectedId={selectedId} onSelect={onSelect} />}
        {mode.kind === 'crate' && (
          <CrateView
            app={app}
            crateId={mode.id}
            display={display}
            selectedId={selectedId}
            onSelect={onSelect}
            onEditRules={(crateId) => setRuleEditor({ crateId })}
          />
        )}
      </div>
      {ruleEditor && (
        <RuleEditor
          app={app}
          display={display}
          crateId={ruleEditor.crateId}
          selectedId={selectedId}
          onClose={(saved) => {
            setRuleEditor(null);
            if (saved) open({ kind: 'crate', id: saved });
          }}
        />
      )}
      {helpOpen && <ShortcutsDialog onClose={() => setHelpOpen(false)} />}
    </div>
  );
}

function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="shortcuts-dialog" aria-labelledby="shortcuts-title" onCancel={onClose} data-testid="shortcuts-dialog">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      {SHORTCUTS.map((group) => (
        <section key={group.where}>
          <h3>{group.where}</h3>
          <dl>
            {group.shortcuts.map((s) => (
              <div key={s.keys}>
                <dt>
                  <kbd>{s.keys}</kbd>
                </dt>
                <dd>{s.what}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <div className="dialog-actions">
        <button onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
