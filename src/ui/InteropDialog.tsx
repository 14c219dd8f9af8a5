import { useEffect, useRef, useState } from 'react';
import type { RbassistApp } from '../app/createApp';
import { downloadText } from '../app/interopService';
import { describeProblem } from '../core/interop/problem';
import { CueTemplateEditor } from './CueTemplateEditor';
import { useStore } from './useStore';
import { errorMessage } from '../core/errors';

/** Rekordbox XML export/import and Bandcamp CSV import. */
export function InteropDialog({ app, onClose }: { app: RbassistApp; onClose: () => void }) {
  const settings = useStore(app.settings.store);
  const dialog = useRef<HTMLDialogElement>(null);
  const [status, setStatus] = useState<{ kind: 'ok' | 'error'; lines: string[] } | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const run = async (work: () => Promise<{ kind: 'ok' | 'error'; lines: string[] }>) => {
    setBusy(true);
    try {
      setStatus(await work());
    } catch (error) {
      setStatus({ kind: 'error', lines: [errorMessage(error)] });
    } finally {
      setBusy(false);
    }
  };

  const exportXml = () =>
    run(async () => {
      const result = await app.interop.exportRekordbox();
      if (!result.ok) return { kind: 'error', lines: [describeProblem(result.reason)] };
      downloadText(result.value.xml, 'rekordbox.xml', 'application/xml');
      return {
        kind: 'ok',
        lines: [
          `Exported ${result.value.trackCount} tracks to rekordbox.xml.`,
          ...result.value.skipped.map((s) => `Left out ${app.library.view(s.trackId)?.track.relativePath ?? s.trackId}: ${s.reason}`),
          ...result.value.warnings,
        ],
      };
    });

  const importXml = (file: File) =>
    run(async () => {
      const result = await app.interop.importRekordbox(file);
      if (!result.ok) return { kind: 'error', lines: [`${file.name}: ${describeProblem(result.reason)}`] };
      const { tracks, playlists, matched, warnings } = result.value;
      return {
        kind: 'ok',
        lines: [
          `Read ${tracks} tracks and ${playlists} playlists; ${matched} are in this library. Their cues, grids and playlists will be kept in the next export.`,
          ...warnings,
        ],
      };
    });

  const importCsv = (file: File) =>
    run(async () => {
      const result = await app.interop.importBandcamp(await file.text());
      if (!result.ok) return { kind: 'error', lines: [`${file.name}: ${describeProblem(result.reason)}`] };
      const r = result.value;
      return {
        kind: 'ok',
        lines: [
          `${r.matches.length} purchases matched, ${r.updated} tracks updated, ${r.unmatched.length} not found in the library, ${r.ignored.length} rows ignored (merch or incomplete).`,
          ...r.unmatched.slice(0, 50).map((row) => `Not found: ${row.artist} – ${row.title}`),
        ],
      };
    });

  return (
    <dialog ref={dialog} className="settings" onClose={onClose} aria-label="Export and import">
      <header className="side-head">
        <h2>Export &amp; import</h2>
        <button onClick={onClose} aria-label="Close">
          ✕
        </button>
      </header>
      <fieldset>
        <legend>Rekordbox XML</legend>
        <label>
          Music folder's full path on this computer{' '}
          <input
            type="text"
            placeholder="D:\Music or /Volumes/Music"
            value={settings.musicFolderPath}
            onChange={(e) => void app.settings.update({ musicFolderPath: e.target.value })}
          />
        </label>
        <p className="muted" data-testid="location-preview">
          Location preview: <code>{app.interop.previewLocation()}</code>
        </p>
        <CueTemplateEditor app={app} />
        <button className="primary" onClick={() => void exportXml()} disabled={busy}>
          Export rekordbox.xml
        </button>
        <label>
          Import an existing rekordbox.xml (keeps its cues and playlists){' '}
          <input type="file" accept=".xml,application/xml,text/xml" onChange={(e) => e.target.files?.[0] && void importXml(e.target.files[0])} />
        </label>
        <p className="muted">In rekordbox: Preferences → Advanced → Database → rekordbox xml → choose the file; then import from the "rekordbox xml" tree.</p>
      </fieldset>
      <fieldset>
        <legend>Bandcamp purchases</legend>
        <label>
          Import a Bandcamp CSV <input type="file" accept=".csv,text/csv" onChange={(e) => e.target.files?.[0] && void importCsv(e.target.files[0])} />
        </label>
      </fieldset>
      {status && (
        <div className={status.kind === 'error' ? 'message' : undefined} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="interop-status">
          {status.lines.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
        </div>
      )}
    </dialog>
  );
}
