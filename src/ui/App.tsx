import { useState } from 'react';
import type { RbassistApp } from '../app/createApp';
import { FolderBar } from './FolderBar';
import { LibraryTable } from './LibraryTable';
import { ScanStatus } from './ScanStatus';
import { useStore } from './useStore';

export function App({ app }: { app: RbassistApp }) {
  const state = useStore(app.library.store);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  return (
    <div className="app">
      <header className="app-header">
        <h1>
          <img src="/icons/icon-192.png" alt="" width={24} height={24} /> rbassist
        </h1>
        <FolderBar library={app.library} state={state} />
      </header>
      <ScanStatus state={state} />
      <main>
        <LibraryTable tracks={state.tracks} selectedId={selectedId} onSelect={(t) => setSelectedId(t.id)} />
      </main>
    </div>
  );
}
