import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import type { RbassistApp } from '../../app/createApp';
import { trackName } from '../../app/crates/trackFacts';
import { PointGrid, type Polygon } from '../../core/map';
import { formatKey } from '../../core/music/keys';
import type { DisplayOptions } from '../libraryColumns';
import { useStore } from '../useStore';
import { colourPoints, COLOUR_MODES, cssOf, pack, type ColourBy } from './mapColours';
import { PointRenderer } from './pointRenderer';
import { HOME, panBy, toScreen, toWorld, zoomAt, type Viewport } from './viewport';

interface Props {
  app: RbassistApp;
  display: DisplayOptions;
  selectedId: string | null;
  onSelect: (trackId: string) => void;
  onOpenCrate: (crateId: string) => void;
}

const BACKGROUND = pack(16, 18, 22);
const HOVER_RADIUS_PX = 8;
const COLOUR_NAMES: Record<ColourBy, string> = { key: 'Key', energy: 'Energy', genre: 'Genre' };
/** Draw times kept for the status attribute (checked by the e2e test at 50k points). */
const DRAW_SAMPLES = 120;

/**
 * The library map: every embedded track as a point (similar tracks close together), drawn on a
 * canvas from an ImageData buffer so 50k points pan and zoom smoothly. Hover names a track, click
 * selects it, a lasso (L, or Shift+drag) turns the points inside into a crate.
 */
export function LibraryMap({ app, display, selectedId, onSelect, onOpenCrate }: Props) {
  const mapState = useStore(app.map.store);
  const library = useStore(app.library.store);
  const layout = mapState.layout;
  const [colourBy, setColourBy] = useState<ColourBy>('key');
  const [view, setView] = useState<Viewport>(HOME);
  const [lassoMode, setLassoMode] = useState(false);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const [lassoIds, setLassoIds] = useState<string[] | null>(null);
  const [crateName, setCrateName] = useState('Map selection');
  const [error, setError] = useState<string | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<PointRenderer | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0, ratio: 1 });
  const gesture = useRef<{ kind: 'pan' | 'lasso'; startX: number; startY: number; lastX: number; lastY: number; moved: boolean; path: [number, number][] } | null>(null);
  const frame = useRef(0);
  const drawTimes = useRef<number[]>([]);

  const embedded = useMemo(() => library.tracks.filter((v) => v.vectorRow !== undefined).length, [library.tracks]);
  useEffect(() => {
    // Recompute (debounced) when tracks gain vectors while the map is open.
    const timer = setTimeout(() => void app.map.ensure(), mapState.layout ? 1500 : 0);
    return () => clearTimeout(timer);
  }, [app, embedded]); // eslint-disable-line react-hooks/exhaustive-deps

  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const observer = new ResizeObserver(() => {
      const ratio = Math.min(2, window.devicePixelRatio || 1);
      setSize({ width: Math.max(1, Math.round(wrap.clientWidth * ratio)), height: Math.max(1, Math.round(wrap.clientHeight * ratio)), ratio });
    });
    observer.observe(wrap);
    return () => observer.disconnect();
  }, []);

  const grid = useMemo(() => (layout ? new PointGrid(layout.xy) : null), [layout]);
  const scheme = useMemo(() => (layout ? colourPoints(layout.trackIds, (id) => app.library.view(id), colourBy) : null), [layout, colourBy, library.tracks, app]);
  const indexOf = useMemo(() => new Map(layout?.trackIds.map((id, i) => [id, i]) ?? []), [layout]);
  const dim = useMemo(() => {
    if (!layout || !lassoIds) return undefined;
    const inside = new Set(lassoIds);
    return Uint8Array.from(layout.trackIds, (id) => (inside.has(id) ? 0 : 1));
  }, [layout, lassoIds]);

  const draw = useCallback(() => {
    const canvas = canvasRef.current;
    if (!canvas || !layout || !scheme || size.width < 2) return;
    const context = canvas.getContext('2d');
    if (!context) return;
    if (!rendererRef.current) rendererRef.current = new PointRenderer(context, BACKGROUND);
    const started = performance.now();
    const { width, height, ratio } = size;
    // Few tracks: big dots; tens of thousands: small ones that do not hide each other. Zooming in enlarges them.
    const n = layout.trackIds.length;
    const base = n <= 300 ? 7 : n <= 3000 ? 4 : 2;
    const pointSize = Math.round(Math.min(12, base + (view.zoom > 6 ? 2 : view.zoom > 2 ? 1 : 0)) * ratio);
    rendererRef.current.draw(layout.xy, scheme.colours, view, width, height, pointSize, dim);
    const ring = (index: number, colour: string, radius: number) => {
      const [x, y] = toScreen(view, width, height, layout.xy[index * 2], layout.xy[index * 2 + 1]);
      context.beginPath();
      context.arc(x, y, radius * ratio, 0, Math.PI * 2);
      context.strokeStyle = colour;
      context.lineWidth = 2 * ratio;
      context.stroke();
    };
    const selected = selectedId ? indexOf.get(selectedId) : undefined;
    if (selected !== undefined) ring(selected, '#ff7a30', 7);
    if (hover) ring(hover.index, '#e6e8ec', 6);
    const path = gesture.current?.kind === 'lasso' ? gesture.current.path : null;
    if (path && path.length > 1) {
      context.beginPath();
      context.moveTo(path[0][0] * ratio, path[0][1] * ratio);
      for (const [x, y] of path.slice(1)) context.lineTo(x * ratio, y * ratio);
      context.closePath();
      context.fillStyle = 'rgba(255, 122, 48, 0.12)';
      context.fill();
      context.strokeStyle = '#ff7a30';
      context.lineWidth = 1.5 * ratio;
      context.stroke();
    }
    const times = drawTimes.current;
    times.push(performance.now() - started);
    if (times.length > DRAW_SAMPLES) times.shift();
    canvas.dataset.drawMs = times.map((t) => t.toFixed(2)).join(' ');
    canvas.dataset.points = String(layout.trackIds.length);
  }, [layout, scheme, size, view, dim, selectedId, hover, indexOf]);

  const requestDraw = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(draw);
  }, [draw]);
  useEffect(() => {
    requestDraw();
    return () => cancelAnimationFrame(frame.current);
  }, [requestDraw]);

  // Pointer positions in CSS pixels relative to the canvas; the viewport maths runs in canvas pixels.
  const local = (event: PointerEvent | WheelEvent) => {
    const rect = canvasRef.current!.getBoundingClientRect();
    return [event.clientX - rect.left, event.clientY - rect.top] as const;
  };
  const worldAt = (x: number, y: number) => toWorld(view, size.width, size.height, x * size.ratio, y * size.ratio);
  const nearestAt = (x: number, y: number) => {
    if (!grid) return -1;
    const [wx, wy] = worldAt(x, y);
    const radius = (HOVER_RADIUS_PX * size.ratio) / (Math.min(size.width, size.height) * 0.92 * view.zoom);
    return grid.nearest(wx, wy, radius);
  };

  const onPointerDown = (event: PointerEvent<HTMLCanvasElement>) => {
    if (event.button !== 0) return;
    const [x, y] = local(event);
    event.currentTarget.setPointerCapture(event.pointerId);
    gesture.current = { kind: lassoMode || event.shiftKey ? 'lasso' : 'pan', startX: x, startY: y, lastX: x, lastY: y, moved: false, path: [[x, y]] };
  };

  const onPointerMove = (event: PointerEvent<HTMLCanvasElement>) => {
    const [x, y] = local(event);
    const g = gesture.current;
    if (g) {
      if (Math.hypot(x - g.startX, y - g.startY) > 3) g.moved = true;
      if (g.kind === 'pan' && g.moved) setView((v) => panBy(v, size.width, size.height, (x - g.lastX) * size.ratio, (y - g.lastY) * size.ratio));
      if (g.kind === 'lasso') {
        g.path.push([x, y]);
        requestDraw();
      }
      g.lastX = x;
      g.lastY = y;
      return;
    }
    const index = nearestAt(x, y);
    setHover(index >= 0 ? { index, x, y } : null);
  };

  const onPointerUp = (event: PointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    gesture.current = null;
    if (!g || !layout || !grid) return;
    const [x, y] = local(event);
    if (g.kind === 'lasso' && g.path.length >= 3 && g.moved) {
      const polygon: Polygon = g.path.map(([px, py]) => worldAt(px, py));
      const inside = grid.inside(polygon).map((i) => layout.trackIds[i]);
      setLassoIds(inside);
      setLassoMode(false);
      requestDraw();
      return;
    }
    if (!g.moved) {
      const index = nearestAt(x, y);
      if (index >= 0 && app.library.view(layout.trackIds[index])) onSelect(layout.trackIds[index]);
    }
    requestDraw();
  };

  const onWheel = (event: WheelEvent<HTMLCanvasElement>) => {
    const [x, y] = local(event);
    setView((v) => zoomAt(v, size.width, size.height, x * size.ratio, y * size.ratio, Math.exp(-event.deltaY * 0.0015)));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLCanvasElement>) => {
    const step = 60 * size.ratio;
    const centre = [size.width / 2, size.height / 2] as const;
    switch (event.key) {
      case '+': case '=': setView((v) => zoomAt(v, size.width, size.height, centre[0], centre[1], 1.4)); break;
      case '-': case '_': setView((v) => zoomAt(v, size.width, size.height, centre[0], centre[1], 1 / 1.4)); break;
      case 'ArrowLeft': setView((v) => panBy(v, size.width, size.height, step, 0)); break;
      case 'ArrowRight': setView((v) => panBy(v, size.width, size.height, -step, 0)); break;
      case 'ArrowUp': setView((v) => panBy(v, size.width, size.height, 0, step)); break;
      case 'ArrowDown': setView((v) => panBy(v, size.width, size.height, 0, -step)); break;
      case '0': setView(HOME); break;
      case 'l': case 'L': setLassoMode((m) => !m); break;
      case 'c': case 'C': setColourBy((c) => COLOUR_MODES[(COLOUR_MODES.indexOf(c) + 1) % COLOUR_MODES.length]); break;
      case 'Escape': setLassoIds(null); setLassoMode(false); break;
      default: return;
    }
    event.preventDefault();
  };

  const makeCrate = async () => {
    if (!lassoIds?.length) return;
    try {
      const id = await app.crates.create(crateName, lassoIds);
      setLassoIds(null);
      onOpenCrate(id);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const hovered = hover && layout ? app.library.view(layout.trackIds[hover.index]) : undefined;
  const status = (() => {
    if (mapState.status === 'error') return mapState.message;
    if (!layout) return mapState.status === 'computing' ? `Drawing the map… ${Math.round(mapState.progress * 100)}%` : (mapState.message ?? 'Analyse some tracks to see the map');
    const method = layout.method === 'umap' ? 'UMAP' : layout.method === 'pca' ? 'PCA' : 'given layout';
    const busy = mapState.status === 'computing' ? ` · updating ${Math.round(mapState.progress * 100)}%` : layout.stale ? ' · out of date' : '';
    return `${layout.trackIds.length.toLocaleString()} tracks · ${method}${busy}`;
  })();

  return (
    <section className="map-view" aria-label="Library map" data-testid="map-view">
      <div className="map-toolbar" role="toolbar" aria-label="Map tools">
        <label>
          Colour by{' '}
          <select value={colourBy} onChange={(e) => setColourBy(e.target.value as ColourBy)} data-testid="map-colour">
            {COLOUR_MODES.map((mode) => (
              <option key={mode} value={mode}>{COLOUR_NAMES[mode]}</option>
            ))}
          </select>
        </label>
        <button aria-pressed={lassoMode} onClick={() => setLassoMode((m) => !m)} data-testid="map-lasso" title="Lasso (L, or Shift+drag)">
          Lasso
        </button>
        <button onClick={() => setView(HOME)} title="Reset view (0)">Reset view</button>
        <button onClick={() => void app.map.recompute()} disabled={mapState.status === 'computing'}>Recompute</button>
        <span className="map-status muted" role="status" data-testid="map-status" data-state={mapState.status}>{status}</span>
      </div>
      <div className="map-canvas-wrap" ref={wrapRef}>
        <canvas
          ref={canvasRef}
          width={size.width}
          height={size.height}
          className={lassoMode ? 'lasso' : undefined}
          tabIndex={0}
          role="application"
          aria-roledescription="map"
          aria-label="Library map. Drag to pan, wheel or +/− to zoom, arrows to pan, 0 to reset, L for lasso, C to change colours, click a point to select its track."
          data-testid="map-canvas"
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerLeave={() => setHover(null)}
          onWheel={onWheel}
          onKeyDown={onKeyDown}
        />
        {hovered && hover && (
          <div className="map-tooltip" role="tooltip" style={{ left: hover.x + 14, top: hover.y + 10 }} data-testid="map-tooltip">
            <strong>{trackName(hovered)}</strong>
            <span className="muted">
              {[hovered.bpm?.bpm ? `${hovered.bpm.bpm.toFixed(1)} BPM` : '', hovered.key?.key ? formatKey(hovered.key.key, display.notation) : '', hovered.energy?.energy ? `energy ${hovered.energy.energy}` : '', hovered.track.tags.genre ?? '']
                .filter(Boolean)
                .join(' · ')}
            </span>
          </div>
        )}
        {scheme && (
          <ul className="map-legend" aria-label={`Colours: ${COLOUR_NAMES[colourBy]}`}>
            {scheme.legend.map((item) => (
              <li key={item.label}>
                <span className="swatch" style={{ background: cssOf(item.colour) }} aria-hidden="true" />
                {item.label}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="map-selection" data-testid="map-selection">
        {lassoIds ? (
          <>
            <span>{lassoIds.length} tracks in the lasso</span>
            <label>
              Crate name <input value={crateName} onChange={(e) => setCrateName(e.target.value)} data-testid="lasso-crate-name" />
            </label>
            <button className="primary" onClick={() => void makeCrate()} disabled={lassoIds.length === 0} data-testid="lasso-make-crate">
              Make crate
            </button>
            <button onClick={() => setLassoIds(null)}>Clear</button>
          </>
        ) : (
          <span className="muted">Draw a lasso (L, or Shift+drag) around tracks to make a crate.</span>
        )}
        {error && <span className="message" role="alert">{error}</span>}
      </div>
    </section>
  );
}
