/**
 * The track detail's waveform: an overview of the whole track and a zoomed view of a few bars, both
 * coloured by band (low blue, mid amber, high white, layered as in rekordbox's 3-band view), with
 * the beat grid (downbeats stronger), the cues with their letters and colours, the sampled windows
 * and the preview's playhead. A click plays from that point; the keyboard moves a cursor along the
 * grid (←/→ a beat, PageUp/PageDown a bar, Home/End) and Enter or Space plays from it.
 * @module
 */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { SampleWindow } from '../core/sampling';
import { gridLines, type WaveformCue, type WaveformGrid } from '../core/waveform/overlays';
import { waveformColumns, waveformMaxPeak, type Waveform } from '../core/waveform/waveform';
import { formatDuration } from './format';

interface Props {
  waveform: Waveform;
  durationSec: number;
  windows: SampleWindow[];
  grid?: WaveformGrid;
  /** Every cue the track has (imported from rekordbox, generated), one list. */
  cues: readonly WaveformCue[];
  /** Where the preview is in this track (null when it is not playing this track). */
  playheadSec: () => number | null;
  previewState: 'idle' | 'loading' | 'playing';
  onPlayFrom: (sec: number) => void;
}

const BAND = { low: '#2f7df6', mid: '#f0a030', high: '#f4f4f4' };
const WINDOW_FILL: Record<string, string> = { main: 'rgba(255,122,48,0.16)', tail: 'rgba(82,208,138,0.16)', spot: 'rgba(120,160,255,0.16)' };
const ZOOM_BARS = [1, 2, 4, 8, 16, 32];
/** Without a grid, a "bar" of the zoom is two seconds. */
const FALLBACK_BAR_SEC = 2;

interface View {
  fromSec: number;
  toSec: number;
}

function sizeCanvas(canvas: HTMLCanvasElement): { ctx: CanvasRenderingContext2D; width: number; height: number; ratio: number } | null {
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  const ratio = window.devicePixelRatio || 1;
  const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
  const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  ctx.clearRect(0, 0, width, height);
  return { ctx, width, height, ratio };
}

/** Band-coloured amplitude, mirrored about the middle; `scale` lifts quiet masters to the full height. */
function drawWaves(ctx: CanvasRenderingContext2D, waveform: Waveform, view: View, width: number, height: number, scale: number): void {
  const columns = waveformColumns(waveform, view.fromSec, view.toSec, width);
  const middle = height / 2;
  columns.forEach((c, x) => {
    const total = c.low + c.mid + c.high;
    if (c.peak <= 0 || total <= 0) return;
    const h = Math.min(1, c.peak * scale) * middle * 0.95;
    const layers: [string, number][] = [
      [BAND.low, h],
      [BAND.mid, (h * (c.mid + c.high)) / total],
      [BAND.high, (h * c.high) / total],
    ];
    for (const [colour, half] of layers) {
      ctx.fillStyle = colour;
      ctx.fillRect(x, middle - half, 1, Math.max(1, 2 * half));
    }
  });
}

function drawOverlays(
  ctx: CanvasRenderingContext2D,
  props: Pick<Props, 'windows' | 'grid' | 'cues'>,
  view: View,
  width: number,
  height: number,
  ratio: number,
  detail: boolean,
): void {
  const x = (sec: number) => ((sec - view.fromSec) / (view.toSec - view.fromSec)) * width;
  for (const w of props.windows) {
    ctx.fillStyle = WINDOW_FILL[w.kind] ?? WINDOW_FILL.spot;
    ctx.fillRect(x(w.startSec), 0, Math.max(1, x(w.endSec) - x(w.startSec)), height);
  }
  if (props.grid) {
    const lines = gridLines(props.grid, view.fromSec, view.toSec);
    // In the overview only downbeats, and only when they are far enough apart to read.
    const spacing = lines.length > 1 ? (width * (lines[1].sec - lines[0].sec)) / (view.toSec - view.fromSec) : width;
    for (const line of lines) {
      if (!detail && (!line.downbeat || spacing * 4 < 6 * ratio)) continue;
      ctx.fillStyle = line.downbeat ? 'rgba(255,64,64,0.9)' : 'rgba(255,255,255,0.35)';
      ctx.fillRect(Math.round(x(line.sec)), 0, line.downbeat ? 2 * ratio : ratio, height);
    }
  }
  ctx.font = `bold ${11 * ratio}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  for (const cue of props.cues) {
    if (cue.startSec < view.fromSec || cue.startSec > view.toSec) continue;
    const at = Math.round(x(cue.startSec));
    ctx.fillStyle = cue.colour;
    ctx.fillRect(at, 0, 2 * ratio, height);
    if (cue.letter) {
      const box = 14 * ratio;
      ctx.fillRect(at, 0, box, box);
      ctx.fillStyle = '#111';
      ctx.fillText(cue.letter, at + 3 * ratio, 2 * ratio);
    } else {
      // Memory cue: a triangle at the bottom, as rekordbox draws it.
      ctx.beginPath();
      ctx.moveTo(at - 5 * ratio, height);
      ctx.lineTo(at + 6 * ratio, height);
      ctx.lineTo(at + ratio, height - 8 * ratio);
      ctx.fill();
    }
  }
}

export function TrackWaveform(props: Props) {
  const { waveform, durationSec, grid, playheadSec, previewState, onPlayFrom } = props;
  const overview = useRef<HTMLCanvasElement>(null);
  const zoomed = useRef<HTMLCanvasElement>(null);
  const slider = useRef<HTMLDivElement>(null);
  const [zoomIndex, setZoomIndex] = useState(2);
  const [cursorSec, setCursorSec] = useState(() => props.windows.find((w) => w.kind === 'main')?.startSec ?? 0);
  const bars = ZOOM_BARS[zoomIndex];
  const beatSec = grid && grid.bpm > 0 ? 60 / grid.bpm : FALLBACK_BAR_SEC / 4;
  const spanSec = Math.min(durationSec || 1, bars * 4 * beatSec);
  const scale = useMemo(() => 1 / Math.max(0.05, waveformMaxPeak(waveform)), [waveform]);
  const { windows, cues } = props;

  // Redraw on every animation frame while the preview plays (the playhead moves), once otherwise.
  useEffect(() => {
    let frame = 0;
    const draw = () => {
      const head = playheadSec();
      const focus = head ?? cursorSec;
      const from = Math.max(0, Math.min(focus - spanSec / 2, (durationSec || spanSec) - spanSec));
      const zoomView = { fromSec: from, toSec: from + spanSec };
      const whole = { fromSec: 0, toSec: durationSec || 1 };
      for (const [canvas, view, detail] of [
        [overview.current, whole, false],
        [zoomed.current, zoomView, true],
      ] as const) {
        if (!canvas) continue;
        const sized = sizeCanvas(canvas);
        if (!sized) continue;
        const { ctx, width, height, ratio } = sized;
        drawWaves(ctx, waveform, view, width, height, scale);
        drawOverlays(ctx, { windows, grid, cues }, view, width, height, ratio, detail);
        const x = (sec: number) => ((sec - view.fromSec) / (view.toSec - view.fromSec)) * width;
        if (!detail) {
          // The zoomed range, outlined on the overview.
          ctx.strokeStyle = 'rgba(255,255,255,0.7)';
          ctx.lineWidth = ratio;
          ctx.strokeRect(x(zoomView.fromSec), ratio / 2, Math.max(2, x(zoomView.toSec) - x(zoomView.fromSec)), height - ratio);
        }
        ctx.fillStyle = head != null ? '#ffffff' : 'rgba(255,255,255,0.6)';
        ctx.fillRect(Math.round(x(focus)) - ratio, 0, 2 * ratio, height);
      }
      slider.current?.setAttribute('data-playhead-sec', head == null ? '' : head.toFixed(2));
      if (head != null) frame = requestAnimationFrame(draw);
    };
    draw();
    return () => cancelAnimationFrame(frame);
  }, [waveform, windows, grid, cues, durationSec, spanSec, scale, cursorSec, playheadSec, previewState]);

  const playAt = (event: MouseEvent<HTMLCanvasElement>, view: () => View) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const { fromSec, toSec } = view();
    const sec = Math.max(0, Math.min(durationSec, fromSec + ((event.clientX - rect.left) / rect.width) * (toSec - fromSec)));
    setCursorSec(sec);
    onPlayFrom(sec);
  };
  const zoomView = (): View => {
    const focus = playheadSec() ?? cursorSec;
    const from = Math.max(0, Math.min(focus - spanSec / 2, (durationSec || spanSec) - spanSec));
    return { fromSec: from, toSec: from + spanSec };
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const move: Record<string, number> = { ArrowLeft: -beatSec, ArrowRight: beatSec, PageUp: 4 * beatSec, PageDown: -4 * beatSec };
    if (event.key in move) setCursorSec(Math.max(0, Math.min(durationSec, cursorSec + move[event.key])));
    else if (event.key === 'Home') setCursorSec(0);
    else if (event.key === 'End') setCursorSec(durationSec);
    else if (event.key === 'Enter' || event.key === ' ') onPlayFrom(cursorSec);
    else if (event.key === '+' || event.key === '=') setZoomIndex((z) => Math.max(0, z - 1));
    else if (event.key === '-') setZoomIndex((z) => Math.min(ZOOM_BARS.length - 1, z + 1));
    else return;
    event.preventDefault();
  };

  const cueText = cues.map((c) => `${c.letter ?? 'memory cue'} ${formatDuration(c.startSec)}`).join(', ');
  return (
    <div className="track-waveform" data-testid="track-waveform" data-preview-state={previewState}>
      <canvas
        ref={overview}
        className="waveform-overview"
        role="img"
        aria-label={`Waveform of the whole track${grid ? ' with its beat grid' : ''}${cues.length ? `, cues ${cueText}` : ''}; click to play from a point`}
        onClick={(e) => playAt(e, () => ({ fromSec: 0, toSec: durationSec || 1 }))}
        data-testid="waveform-overview"
      />
      <div
        ref={slider}
        className="waveform-zoom"
        role="slider"
        tabIndex={0}
        aria-label={`Position in track, ${bars} bar${bars === 1 ? '' : 's'} shown (arrows move by a beat, Page Up/Down by a bar, Enter plays, + and − zoom)`}
        aria-valuemin={0}
        aria-valuemax={Math.round(durationSec)}
        aria-valuenow={Math.round(cursorSec)}
        aria-valuetext={formatDuration(cursorSec)}
        data-cursor-sec={cursorSec.toFixed(2)}
        data-testid="waveform-zoom"
        onKeyDown={onKeyDown}
      >
        <canvas ref={zoomed} aria-hidden="true" onClick={(e) => playAt(e, zoomView)} data-testid="waveform-zoom-canvas" />
      </div>
      <div className="waveform-tools" role="group" aria-label="Waveform zoom">
        <button onClick={() => setZoomIndex((z) => Math.max(0, z - 1))} disabled={zoomIndex === 0} aria-label="Zoom in">
          +
        </button>
        <span className="muted" data-testid="waveform-bars">
          {bars} bar{bars === 1 ? '' : 's'}
        </span>
        <button onClick={() => setZoomIndex((z) => Math.min(ZOOM_BARS.length - 1, z + 1))} disabled={zoomIndex === ZOOM_BARS.length - 1} aria-label="Zoom out">
          −
        </button>
        <span className="muted legend">
          <span style={{ color: BAND.low }}>■</span> low <span style={{ color: BAND.mid }}>■</span> mid <span style={{ color: BAND.high }}>■</span> high
        </span>
      </div>
    </div>
  );
}
