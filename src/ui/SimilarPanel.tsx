import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RbassistApp } from '../app/createApp';
import { bpmOf, keyOf, type TrackView } from '../core/library/trackView';
import { bpmRangeAround, type RecommendFilters } from '../core/recommend';
import { formatKey, keyFromIndex, keyIndex } from '../core/music/keys';
import type { RecommendationView } from '../app/vectorService';
import type { DisplayOptions } from './libraryColumns';
import { scoreBars } from './similarScore';
import { errorMessage } from '../core/errors';
import { useStore } from './useStore';

interface Props {
  app: RbassistApp;
  view: TrackView;
  display: DisplayOptions;
  onSelect: (trackId: string) => void;
}

interface FilterState {
  bpm: boolean;
  bpmPercent: number;
  harmonic: boolean;
  energyBoost: boolean;
  energy: boolean;
  excludeSameArtist: boolean;
}

const K = 20;

/** "What goes with this track?": neighbours with filters. ↑/↓ move, Enter opens, Space previews. */
export function SimilarPanel({ app, view, display, onSelect }: Props) {
  const [filters, setFilters] = useState<FilterState>({
    bpm: false,
    bpmPercent: 6,
    harmonic: false,
    energyBoost: false,
    energy: false,
    excludeSameArtist: false,
  });
  const [results, setResults] = useState<RecommendationView[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [cursor, setCursor] = useState(0);
  const list = useRef<HTMLOListElement>(null);
  const seedBpm = bpmOf(view, display.preference).chosen ?? undefined;
  const seedEnergy = view.energy?.energy;
  // A number, not the key object: the effect below re-runs when the value changes, not on every render.
  const seedKey = keyOf(view, display.preference).chosen;
  const seedKeyIndex = seedKey ? keyIndex(seedKey) : undefined;
  const vectorRow = view.vectorRow;
  const jobState = view.job?.state;
  const trackId = view.track.id;

  useEffect(() => {
    if (vectorRow === undefined) {
      setResults(null);
      setError(jobState === 'failed' ? null : 'Analyse the library to see similar tracks.');
      return;
    }
    const request: RecommendFilters = {
      bpm: filters.bpm && seedBpm ? bpmRangeAround(seedBpm, filters.bpmPercent, true) : undefined,
      harmonic: filters.harmonic ? { key: seedKeyIndex === undefined ? undefined : keyFromIndex(seedKeyIndex), energyBoost: filters.energyBoost } : undefined,
      energy: filters.energy && seedEnergy ? { min: Math.max(1, seedEnergy - 2), max: Math.min(10, seedEnergy + 2) } : undefined,
      excludeSameArtist: filters.excludeSameArtist,
    };
    let live = true;
    const started = performance.now();
    app.vectors
      .recommend([trackId], K, request)
      .then((r) => {
        if (!live) return;
        setResults(r);
        setError(null);
        setCursor(0);
        list.current?.setAttribute('data-ms', (performance.now() - started).toFixed(1));
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [app, trackId, vectorRow, jobState, filters, seedBpm, seedEnergy, seedKeyIndex]);

  // One preview at a time: the player stops whatever plays when another starts.
  const previewing = useStore(app.preview.store);
  const preview = async (trackId: string) => {
    const outcome = await app.preview.toggle(trackId);
    if (!outcome.ok) setError(`Preview failed: ${outcome.reason}`);
  };

  // "Add to crate": fills the crate last opened (a new one when there is none).
  const [crateNote, setCrateNote] = useState<string | null>(null);
  const addToCrate = async (trackId: string) => {
    try {
      const { name, added } = await app.crates.addToTarget([trackId]);
      setCrateNote(added ? `Added to “${name}”` : `Already in “${name}”`);
    } catch (e) {
      setCrateNote(errorMessage(e));
    }
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!results?.length) return;
    if (event.key === 'ArrowDown') setCursor((c) => Math.min(results.length - 1, c + 1));
    else if (event.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1));
    else if (event.key === 'Enter') onSelect(results[cursor].trackId);
    else if (event.key === ' ') void preview(results[cursor].trackId);
    else if (event.key === 'a' || event.key === 'A') void addToCrate(results[cursor].trackId);
    else return;
    event.preventDefault();
  };

  const bars = scoreBars(results?.map((r) => r.score) ?? []);
  const failed = view.track.status === 'error' || view.job?.state === 'failed';

  const toggle = (name: keyof FilterState) => setFilters((f) => ({ ...f, [name]: !f[name] }));

  return (
    <section className="similar" aria-label="Similar tracks" data-testid="similar-panel">
      <div className="similar-head">
        <h3>Similar</h3>
        {!failed && (
          <button
            onClick={() => void preview(view.track.id)}
            aria-label="Preview this track"
            aria-pressed={previewing.trackId === view.track.id}
            data-testid="preview-button"
            data-state={previewing.trackId === view.track.id ? previewing.status : 'idle'}
          >
            {previewing.trackId !== view.track.id ? '▶ Preview' : previewing.status === 'loading' ? '… Loading' : '■ Stop'}
          </button>
        )}
      </div>
      <div className="filters" role="group" aria-label="Filters">
        <label>
          <input type="checkbox" checked={filters.bpm} onChange={() => toggle('bpm')} disabled={!seedBpm} /> BPM ±{filters.bpmPercent}% (½/2×)
        </label>
        <label>
          <input type="checkbox" checked={filters.harmonic} onChange={() => toggle('harmonic')} disabled={!keyOf(view, display.preference).chosen} /> Harmonic
        </label>
        <label>
          <input type="checkbox" checked={filters.energyBoost} onChange={() => toggle('energyBoost')} disabled={!filters.harmonic} /> +2 boost
        </label>
        <label>
          <input type="checkbox" checked={filters.energy} onChange={() => toggle('energy')} disabled={!seedEnergy} /> Energy ±2
        </label>
        <label>
          <input type="checkbox" checked={filters.excludeSameArtist} onChange={() => toggle('excludeSameArtist')} /> Other artists
        </label>
      </div>
      {error && <p className="muted">{error}</p>}
      {crateNote && (
        <p className="muted" role="status" data-testid="similar-crate-note">
          {crateNote}
        </p>
      )}
      {results && results.length === 0 && <p className="muted">No track passes these filters.</p>}
      {results && results.length > 0 && (
        <ol
          className="similar-list"
          ref={list}
          tabIndex={0}
          onKeyDown={onKeyDown}
          aria-label="Similar tracks (arrows to move, Enter to open, Space to preview)"
        >
          {results.map((r, i) => {
            const other = app.library.view(r.trackId);
            const tags = other?.track.tags;
            const bar = bars[i];
            return (
              <li
                key={r.trackId}
                id={`similar-${i}`}
                className={i === cursor ? 'cursor' : undefined}
                aria-current={i === cursor ? 'true' : undefined}
                data-track-id={r.trackId}
                onClick={() => setCursor(i)}
                onDoubleClick={() => onSelect(r.trackId)}
              >
                <span className="sim-title" title={`${tags?.artist ? `${tags.artist} – ` : ''}${tags?.title ?? r.trackId}`}>
                  <span className="sim-name">{tags?.title ?? r.trackId}</span>
                  {tags?.artist && <span className="sim-artist">{tags.artist}</span>}
                </span>
                <span className="numeric">{other ? (bpmOf(other, display.preference).chosen?.toFixed(1) ?? '') : ''}</span>
                <span className={r.keyRelation ? 'key-compatible' : undefined} data-relation={r.keyRelation ?? ''}>
                  {other && keyOf(other, display.preference).chosen ? formatKey(keyOf(other, display.preference).chosen!, display.notation) : ''}
                </span>
                <span className="numeric">{other?.energy?.energy ?? ''}</span>
                <span
                  className="score"
                  title={`#${i + 1}, similarity ${(r.score * 100).toFixed(1)} %`}
                  aria-label={`rank ${i + 1}, similarity ${(r.score * 100).toFixed(1)} percent`}
                >
                  <span className="rank">{i + 1}</span>
                  <span className="score-bar" aria-hidden="true">
                    <span style={{ width: `${Math.round(bar * 100)}%` }} />
                  </span>
                </span>
                <button
                  className="link"
                  aria-label={`Preview ${tags?.title ?? ''}`}
                  aria-pressed={previewing.trackId === r.trackId}
                  onClick={(e) => {
                    e.stopPropagation();
                    void preview(r.trackId);
                  }}
                >
                  {previewing.trackId === r.trackId ? '■' : '▶'}
                </button>
                <button
                  className="link"
                  aria-label={`Add ${tags?.title ?? ''} to crate`}
                  title="Add to crate (A)"
                  data-testid="similar-add-to-crate"
                  onClick={(e) => {
                    e.stopPropagation();
                    void addToCrate(r.trackId);
                  }}
                >
                  +
                </button>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
