import type { LibraryState } from '../app/libraryController';

/** Live scan counter, then the last scan's report: what is new, changed, moved, removed, and what failed. */
export function ScanStatus({ state }: { state: LibraryState }) {
  const { scan, lastReport, message } = state;
  return (
    <div className="scan-status" aria-live="polite">
      {message && (
        <p className="message" role="alert">
          {message}
        </p>
      )}
      {scan && (
        <p data-testid="scan-progress">
          {scan.phase === 'walking' && `Scanning… ${scan.filesSeen} audio files found`}
          {scan.phase === 'saving' && `Saving ${scan.filesSeen} files…`}
          {scan.phase === 'tags' && `Reading tags ${scan.tagsDone} / ${scan.tagsTotal}`}
          {scan.problems > 0 && ` · ${scan.problems} problems`}
        </p>
      )}
      {!scan && lastReport && (
        <details className="report" data-testid="scan-report">
          <summary>
            Last scan: <b data-testid="report-added">{lastReport.added.length}</b> new, <b data-testid="report-changed">{lastReport.changed.length}</b> changed,{' '}
            <b data-testid="report-moved">{lastReport.moved.length}</b> moved, <b data-testid="report-removed">{lastReport.removed.length}</b> removed,{' '}
            {lastReport.unchanged} unchanged
            {lastReport.problems.length > 0 && `, ${lastReport.problems.length} unreadable`} ({(lastReport.durationMs / 1000).toFixed(1)} s)
          </summary>
          <ReportList title="New" items={lastReport.added} />
          <ReportList title="Changed" items={lastReport.changed} />
          <ReportList
            title="Moved (analyses, crates and cues kept)"
            items={lastReport.moved.map((m) => `${m.from} → ${m.to}${m.confirmedBy === 'audio' ? ' (re-tagged; same audio)' : ''}`)}
          />
          <ReportList title="Removed" items={lastReport.removed} />
          <ReportList title="Unreadable" items={lastReport.problems.map((p) => `${p.relativePath} — ${p.reason}`)} />
        </details>
      )}
    </div>
  );
}

function ReportList({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  const shown = items.slice(0, 200);
  return (
    <div>
      <h4>
        {title} ({items.length})
      </h4>
      <ul>
        {shown.map((item) => (
          <li key={item}>{item}</li>
        ))}
        {items.length > shown.length && <li>… and {items.length - shown.length} more</li>}
      </ul>
    </div>
  );
}
