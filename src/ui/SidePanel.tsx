import { useEffect, useState } from 'react';
import type { RbassistApp } from '../app/createApp';
import { bpmOf, keyOf, type TrackView } from '../core/library/trackView';
import { formatKey } from '../core/music/keys';
import type { WindowsRecord } from '../core/library/records';
import { CamelotWheel } from './CamelotWheel';
import { formatDuration } from './format';
import type { DisplayOptions } from './libraryColumns';
import { problemOf } from './libraryColumns';
import { SimilarPanel } from './SimilarPanel';
import { TrackStrip } from './TrackStrip';
import { useStore } from './useStore';

interface Props {
  app: RbassistApp;
  view: TrackView;
  display: DisplayOptions;
  onSelect: (trackId: string) => void;
  onClose: () => void;
}

/** Track detail (picture with windows, key on the wheel, tags, analysis versions) and its neighbours. */
export function SidePanel({ app, view, display, onSelect, onClose }: Props) {
  const [windows, setWindows] = useState<WindowsRecord | undefined>();
  const { track } = view;
  useEffect(() => {
    let live = true;
    void app.db.windows.get(track.id).then((w) => live && setWindows(w));
    return () => {
      live = false;
    };
  }, [app, track.id, view.job?.state]);
  const bpm = bpmOf(view, display.preference);
  const key = keyOf(view, display.preference);
  const problem = problemOf(view);
  const rekordbox = useStore(app.interop.rekordbox).byTrack.get(track.id);
  const tags = track.tags;
  return (
    <aside className="side-panel" aria-label="Track detail" data-testid="track-detail">
      <div className="side-head">
        <div>
          <h2>{tags.title}</h2>
          <p className="muted">{[tags.artist, tags.album].filter(Boolean).join(' · ')}</p>
        </div>
        <button onClick={onClose} aria-label="Close track detail">
          ✕
        </button>
      </div>
      {problem && (
        <p className="message" role="alert">
          {problem}
        </p>
      )}
      <TrackStrip
        strip={windows?.strip}
        windows={windows?.windows ?? []}
        durationSec={windows?.durationSec ?? tags.durationSec ?? 0}
        anchorSec={view.bpm?.anchorSec}
      />
      <div className="detail-grid">
        <CamelotWheel musicalKey={key.chosen} size={176} />
        <dl>
          <dt>BPM</dt>
          <dd data-testid="detail-bpm">
            {bpm.chosen != null ? bpm.chosen.toFixed(1) : '—'}
            {bpm.agree === false && (
              <span className="disagree">
                {' '}
                (tag {bpm.tagged}, analysis {bpm.analyzed?.toFixed(1)})
              </span>
            )}
            {view.bpm && ` · confidence ${Math.round(view.bpm.confidence * 100)}%`}
          </dd>
          <dt>Key</dt>
          <dd data-testid="detail-key">
            {key.chosen ? formatKey(key.chosen, display.notation) : '—'}
            {key.agree === false && <span className="disagree"> (tag {key.taggedText})</span>}
            {view.key && ` · confidence ${Math.round(view.key.confidence * 100)}%`}
          </dd>
          {rekordbox && (
            <>
              <dt>rekordbox</dt>
              <dd data-testid="detail-rekordbox">
                {rekordbox.bpm ? `${rekordbox.bpm.toFixed(2)} BPM` : 'no BPM'},{' '}
                {rekordbox.key ? formatKey(rekordbox.key, display.notation) : rekordbox.tonality || 'no key'}, {rekordbox.cues} cue
                {rekordbox.cues === 1 ? '' : 's'}
              </dd>
            </>
          )}
          <dt>Energy</dt>
          <dd>{view.energy?.energy ?? '—'}</dd>
          <dt>Length</dt>
          <dd>{formatDuration(windows?.durationSec ?? tags.durationSec)}</dd>
          <dt>Genre</dt>
          <dd>{tags.genre ?? '—'}</dd>
          <dt>Label</dt>
          <dd>{tags.label ?? '—'}</dd>
          <dt>Year</dt>
          <dd>{tags.year ?? '—'}</dd>
          <dt>File</dt>
          <dd className="path">{track.relativePath}</dd>
          <dt>Analysis</dt>
          <dd className="muted">
            {Object.entries(view.versions)
              .map(([id, v]) => `${id} v${v}`)
              .join(', ') || 'not yet'}
          </dd>
        </dl>
      </div>
      <SimilarPanel app={app} view={view} display={display} mainWindow={windows?.windows.find((w) => w.kind === 'main')} onSelect={onSelect} />
    </aside>
  );
}
