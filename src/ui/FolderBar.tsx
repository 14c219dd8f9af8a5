import { useRef } from 'react';
import type { LibraryController, LibraryState } from '../app/libraryController';

interface Props {
  library: LibraryController;
  state: LibraryState;
}

/** Choose / reconnect / rescan the music folder, with the read-only fallback where the API is missing. */
export function FolderBar({ library, state }: Props) {
  const fallbackInput = useRef<HTMLInputElement>(null);
  const { folder, scan, canPickFolder } = state;

  return (
    <div className="folder-bar">
      {folder.kind === 'connected' && (
        <span className="folder-name" data-testid="folder-name">
          Folder: {folder.name}
          {folder.via === 'file-list' && <em> (snapshot)</em>}
        </span>
      )}
      {folder.kind === 'needs-permission' && (
        <button className="primary" onClick={() => void library.reconnect()}>
          Reconnect “{folder.name}”
        </button>
      )}
      {canPickFolder ? (
        <button className={folder.kind === 'none' ? 'primary' : undefined} onClick={() => void library.chooseFolder()} disabled={!!scan}>
          {folder.kind === 'none' ? 'Choose music folder' : 'Choose another folder'}
        </button>
      ) : (
        <>
          <button className="primary" onClick={() => fallbackInput.current?.click()} disabled={!!scan}>
            Choose music folder
          </button>
          <input
            ref={fallbackInput}
            type="file"
            hidden
            multiple
            // webkitdirectory is not in React's types; it is what every browser supports for folder input.
            {...{ webkitdirectory: '', directory: '' }}
            onChange={(e) => e.target.files && void library.connectFileList(Array.from(e.target.files))}
          />
          <span className="note" role="note">
            This browser cannot keep access to a folder: rbassist reads a one-time copy of the file list, cannot re-scan for changes on its own, and asks again
            on every visit. Use Chrome or Edge for the full experience.
          </span>
        </>
      )}
      {folder.kind === 'connected' && folder.via === 'folder-handle' && (
        <button onClick={() => void library.rescan()} disabled={!!scan}>
          Rescan
        </button>
      )}
      {scan && (
        <button onClick={() => library.cancelScan()} className="danger">
          Stop scan
        </button>
      )}
    </div>
  );
}
