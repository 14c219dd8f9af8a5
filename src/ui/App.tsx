import { useMemo, useState } from 'react';
import type { RbassistApp } from '../app/createApp';
import { FolderBar } from './FolderBar';
import { WatchControls } from './WatchControls';
import { IngestBar } from './IngestBar';
import { InteropDialog } from './InteropDialog';
import { LibraryTable } from './LibraryTable';
import { ScanStatus } from './ScanStatus';
import { SidePanel } from './SidePanel';
import { SettingsDialog } from './SettingsDialog';
import { useStore } from './useStore';
import { Workspace } from './crates/Workspace';

export function App({ app }: { app: RbassistApp }) {
  const state = useStore(app.library.store);
  const settings = useStore(app.settings.store);
  const update = useStore(app.updateReady);
  const previewing = useStore(app.preview.store).trackId;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [selectedIds, setSelectedIds] = useState<string[]>([]);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [interopOpen, setInteropOpen] = useState(false);
  const rekordbox = useStore(app.interop.rekordbox);
  const importedRatings = useMemo(() => new Map([...rekordbox.byTrack].filter(([, v]) => v.stars > 0).map(([id, v]) => [id, v.stars])), [rekordbox]);
  // One object while nothing changes: the library re-sorts when it changes.
  const display = useMemo(
    () => ({ notation: settings.keyNotation, preference: settings.preferTaggedValues ? ('tagged' as const) : ('analysed' as const), importedRatings }),
    [settings.keyNotation, settings.preferTaggedValues, importedRatings],
  );
  const scanFailures = useMemo(() => state.tracks.filter((v) => v.track.status === 'error'), [state.tracks]);
  const selected = selectedId ? state.tracks.find((v) => v.track.id === selectedId) : undefined;
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <img src="/icons/icon-192.png" alt="" width={24} height={24} /> rbassist
        </h1>
        <FolderBar library={app.library} state={state} />
        {state.folder.kind === 'connected' && state.folder.via === 'folder-handle' && <WatchControls watcher={app.watcher} />}
        {'apply' in update && (
          <button
            className="primary"
            onClick={update.apply}
            title="A new version of rbassist is installed; switching reloads the page (an analysis run resumes by itself)"
          >
            Update ready — reload
          </button>
        )}
        <span className="spacer" />
        <button onClick={() => setInteropOpen(true)} aria-haspopup="dialog">
          Export / import
        </button>
        <button onClick={() => setSettingsOpen(true)} aria-haspopup="dialog">
          Settings
        </button>
      </header>
      <ScanStatus state={state} />
      <IngestBar
        ingest={app.ingest}
        queue={app.queue}
        lookup={(id) => app.library.view(id)}
        canStart={state.folder.kind === 'connected' && !state.scan}
        scanFailures={scanFailures}
        newTracksWaiting={!!state.lastReport && state.lastReport.added.length + state.lastReport.changed.length > 0}
        embedding={app.embedder.store}
      />
      <main>
        <Workspace app={app} display={display} selectedId={selectedId} selectedIds={selectedIds} onSelect={setSelectedId}>
          <LibraryTable
            tracks={state.tracks}
            search={app.library.search}
            display={display}
            selectedId={selectedId}
            onSelect={(v) => setSelectedId(v.track.id)}
            onSelectionChange={setSelectedIds}
            playingId={previewing}
          />
        </Workspace>
        {selected && <SidePanel app={app} view={selected} display={display} onSelect={setSelectedId} onClose={() => setSelectedId(null)} />}
      </main>
      {settingsOpen && <SettingsDialog app={app} onClose={() => setSettingsOpen(false)} />}
      {interopOpen && <InteropDialog app={app} onClose={() => setInteropOpen(false)} />}
    </div>
  );
}
