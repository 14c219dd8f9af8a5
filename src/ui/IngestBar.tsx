import { useEffect, useState } from 'react';
import type { EmbedState } from '../app/embedService';
import type { IngestRunner } from '../app/ingest/ingestRunner';
import type { Store } from '../app/store';
import type { JobQueue } from '../app/ingest/jobQueue';
import type { JobRecord } from '../core/library/records';
import type { TrackView } from '../core/library/trackView';
import { formatDuration, formatEmbedDevice } from './format';
import { useStore } from './useStore';

interface Props {
  ingest: IngestRunner;
  queue: JobQueue;
  lookup: (trackId: string) => TrackView | undefined;
  canStart: boolean;
  embedding: Store<EmbedState>;
  /** Files the scan could not use (empty, not audio), listed with the analysis failures. */
  scanFailures: TrackView[];
  /** The last scan found new or changed files that wait for analysis. */
  newTracksWaiting: boolean;
}

function eta(seconds: number | null): string {
  if (seconds == null) return '';
  if (seconds < 3600) return `${formatDuration(seconds)} left`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min left`;
}

/** Analysis progress a person can read: done/total, speed, ETA, what each worker does, failures. */
export function IngestBar({ ingest, queue, lookup, canStart, embedding, scanFailures, newTracksWaiting }: Props) {
  const p = useStore(ingest.progress);
  const embed = useStore(embedding);
  const [failures, setFailures] = useState<JobRecord[] | null>(null);
  const settled = p.done + p.failed;
  const percent = p.total ? Math.round((settled / p.total) * 100) : 0;
  const running = p.status === 'running' || p.status === 'paused' || p.status === 'stopping';
  const name = (id: string) => {
    const t = lookup(id)?.track;
    return t ? `${t.tags.artist ? `${t.tags.artist} – ` : ''}${t.tags.title ?? t.fileName}` : id;
  };

  useEffect(() => {
    if (failures) void queue.failures().then(setFailures);
    // Refresh the open failure list as counts change.
  }, [p.failed]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <section className="ingest-bar" aria-label="Analysis" data-testid="ingest-bar">
      <div className="ingest-controls">
        {!running && p.status !== 'other-tab' && (
          <button className="primary" onClick={() => void ingest.start()} disabled={!canStart || settled === p.total} data-testid="ingest-start">
            {p.done === 0 || settled >= p.total ? 'Analyse library' : newTracksWaiting ? 'Analyse new tracks' : 'Resume analysis'}
          </button>
        )}
        {p.status === 'running' && <button onClick={() => ingest.pause()}>Pause</button>}
        {p.status === 'paused' && (
          <button className="primary" onClick={() => ingest.resume()}>
            Resume
          </button>
        )}
        {running && (
          <button className="danger" onClick={() => ingest.cancel()}>
            Stop
          </button>
        )}
        <div className="progress" role="progressbar" aria-label="Analysed tracks" aria-valuemin={0} aria-valuemax={p.total} aria-valuenow={settled}>
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
        <span className="ingest-counts" data-testid="ingest-counts">
          {settled} / {p.total} tracks{p.perMinute > 0 && ` · ${p.perMinute.toFixed(1)} tracks/min`}
          {p.status === 'running' && p.etaSec != null && ` · ${eta(p.etaSec)}`}
          {p.status === 'paused' && ' · paused'}
        </span>
        {embed.setup && (
          <span className="ingest-device" data-testid="ingest-device" title={embed.setup.note}>
            {embed.modelId} on {formatEmbedDevice(embed.setup)}
          </span>
        )}
        {p.failed + scanFailures.length > 0 && (
          <button className="link" onClick={() => void queue.failures().then((f) => setFailures(failures ? null : f))} data-testid="ingest-failures">
            {p.failed + scanFailures.length} failed
          </button>
        )}
      </div>
      {p.status === 'other-tab' && <p className="note">Another rbassist tab is analysing the library; its progress is shown here.</p>}
      {p.message && (
        <p className="message" role="alert">
          {p.message}
        </p>
      )}
      {p.active.length > 0 && (
        <ul className="ingest-active" aria-label="Working on">
          {p.active.map((a) => (
            <li key={a.trackId}>
              <span className="stage">{a.stage}</span> {name(a.trackId)}
            </li>
          ))}
        </ul>
      )}
      {failures && failures.length + scanFailures.length > 0 && (
        <div className="failures" data-testid="failure-list">
          {failures.length > 0 && (
            <button
              onClick={() =>
                void queue
                  .retry()
                  .then(() => ingest.refreshCounts())
                  .then(() => setFailures(null))
              }
            >
              Retry all
            </button>
          )}
          <ul>
            {scanFailures.map((v) => (
              <li key={v.track.id}>
                <b>{v.track.relativePath}</b>: {v.track.error} <span className="muted">(fix or replace the file, then Rescan)</span>
              </li>
            ))}
            {failures.map((f) => (
              <li key={f.trackId}>
                <b>{name(f.trackId)}</b>: {f.error}{' '}
                <button
                  className="link"
                  onClick={() =>
                    void queue
                      .retry([f.trackId])
                      .then(() => ingest.refreshCounts())
                      .then(() => queue.failures())
                      .then(setFailures)
                  }
                >
                  Retry
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
