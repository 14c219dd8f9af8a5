import type { FolderWatcher } from '../app/folderWatcher';
import { useStore } from './useStore';

/** Watch the folder (new files appear by themselves) and, optionally, analyze them at once. */
export function WatchControls({ watcher }: { watcher: FolderWatcher }) {
  const { watch, autoAnalyse, mode, intervalMinutes } = useStore(watcher.store);
  return (
    <span className="watch-controls">
      <label
        title={
          mode === 'focus-and-interval'
            ? 'This browser cannot observe folders: rbassist rescans when you come back to the window, and on the interval.'
            : 'New, changed, moved and removed files update the library by themselves.'
        }
      >
        <input type="checkbox" checked={watch} onChange={(e) => void watcher.configure({ watch: e.target.checked })} data-testid="watch-folder" /> Watch folder
      </label>
      <label>
        <input type="checkbox" checked={autoAnalyse} disabled={!watch} onChange={(e) => void watcher.configure({ autoAnalyse: e.target.checked })} /> Analyse
        new files
      </label>
      {mode === 'focus-and-interval' && (
        <label>
          Rescan every{' '}
          <select value={intervalMinutes} onChange={(e) => void watcher.configure({ intervalMinutes: Number(e.target.value) })}>
            {[0, 5, 15, 60].map((m) => (
              <option key={m} value={m}>
                {m === 0 ? 'never' : `${m} min`}
              </option>
            ))}
          </select>
        </label>
      )}
    </span>
  );
}
