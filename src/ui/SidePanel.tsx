import { useCallback, useEffect, useMemo, useState } from 'react';
import type { RbassistApp } from '../app/createApp';
import { bpmOf, keyOf, type TrackView } from '../core/library/trackView';
import { formatKey } from '../core/music/keys';
import type { WaveformRecord, WindowsRecord } from '../core/library/records';
import { cuesFromMarks, type WaveformCue } from '../core/waveform/overlays';
import { AutoCueList } from './AutoCueList';
import { CamelotWheel } from './CamelotWheel';
import { formatDuration } from './format';
import type { DisplayOptions } from './libraryColumns';
import { problemOf } from './libraryColumns';
import { SimilarPanel } from './SimilarPanel';
import { TrackStrip } from './TrackStrip';
import { TrackWaveform } from './TrackWaveform';
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
  const [waveform, setWaveform] = useState<WaveformRecord | undefined>();
  const { track } = view;
  const tracksDone = useStore(app.ingest.progress).done;
  useEffect(() => {
    let live = true;
    void app.db.windows.get(track.id).then((w) => live && setWindows(w));
    void app.db.waveforms.get(track.id).then((w) => live && setWaveform(w));
    return () => {
      live = false;
    };
    // Read again whenever a track finishes: the job state the view holds may not change when a
    // re-analysis (a new waveform, say) ends where it started.
  }, [app, track.id, view.job?.state, tracksDone]);
  const preview = useStore(app.preview.store);
  const previewState = preview.trackId === track.id ? preview.status : 'idle';
  const playheadSec = useCallback(() => (app.preview.playing === track.id ? app.preview.positionSec() : null), [app, track.id]);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const playFrom = (sec: number) => {
    setPreviewError(null);
    void app.preview.playTrack(track.id, sec).then((outcome) => {
      if (!outcome.ok) setPreviewError(`Preview failed: ${outcome.reason}`);
    });
  };
  const bpm = bpmOf(view, display.preference);
  const key = keyOf(view, display.preference);
  const problem = problemOf(view);
  const rekordbox = useStore(app.interop.rekordbox).byTrack.get(track.id);
  // One list for every source of cues: imported from rekordbox, and the auto cues the export adds.
  // Recomputed only when one of those changes (a new list would redraw the waveform).
  const { cueMode, cueTemplate } = useStore(app.settings.store);
  const { structure } = view;
  const offsetSec = view.timeline?.offsetSec ?? 0;
  const cues: WaveformCue[] = useMemo(
    () =>
      [...cuesFromMarks(rekordbox?.marks ?? [], offsetSec), ...cuesFromMarks(app.interop.exportedAutoCueMarks(view))].sort((a, b) => a.startSec - b.startSec),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [app, track.id, structure, rekordbox, offsetSec, cueMode, cueTemplate],
  );
  const grid = useMemo(
    () =>
      view.bpm?.anchorSec != null && view.bpm.bpm
        ? { anchorSec: view.bpm.anchorSec, bpm: view.bpm.gridBpm ?? view.bpm.bpm, rows: view.bpm.tempoRows ?? undefined }
        : undefined,
    [view.bpm],
  );
  const tags = track.tags;
  const durationSec = windows?.durationSec ?? tags.durationSec ?? 0;
  const failed = track.status === 'error' || view.job?.state === 'failed';
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
      {waveform && !failed ? (
        <TrackWaveform
          waveform={waveform}
          durationSec={durationSec}
          windows={windows?.windows ?? []}
          grid={grid}
          cues={cues}
          playheadSec={playheadSec}
          previewState={previewState}
          onPlayFrom={playFrom}
        />
      ) : (
        <>
          <TrackStrip strip={windows?.strip} windows={windows?.windows ?? []} durationSec={durationSec} anchorSec={view.bpm?.anchorSec} />
          {windows && !failed && (
            <p className="muted" data-testid="no-waveform">
              No waveform yet: this track was analysed by an older version. Analyse the library again to draw it (only the waveform is computed).
            </p>
          )}
        </>
      )}
      {previewError && (
        <p className="message" role="alert">
          {previewError}
        </p>
      )}
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
      <AutoCueList app={app} view={view} />
      <SimilarPanel app={app} view={view} display={display} onSelect={onSelect} />
    </aside>
  );
}
