/**
 * The library map: every embedded track as a point (similar tracks close together), drawn on a
 * canvas from an ImageData buffer so 50k points pan and zoom smoothly. Hover names a track, click
 * selects it, a lasso (L, or Shift+drag) turns the points inside into a crate. The drawing, the
 * keys, the toolbar, the overlays and the lasso's crate form are each in their own file here.
 * @module
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type WheelEvent } from 'react';
import type { RbassistApp } from '../../app/createApp';
import { PointGrid, type Polygon } from '../../core/map';
import type { DisplayOptions } from '../libraryColumns';
import { useStore } from '../useStore';
import { drawMap } from './drawMap';
import { colourPoints, COLOUR_MODES, pack, type ColourBy } from './mapColours';
import { mapKeyCommand } from './mapKeys';
import { MapLegend, MapTooltip } from './MapOverlays';
import { MapSelection } from './MapSelection';
import { MapToolbar } from './MapToolbar';
import { PointRenderer } from './pointRenderer';
import { useCanvasSize } from './useCanvasSize';
import { HOME, panBy, toWorld, zoomAt, type Viewport } from './viewport';

interface Props {
  app: RbassistApp;
  display: DisplayOptions;
  selectedId: string | null;
  onSelect: (trackId: string) => void;
  onOpenCrate: (crateId: string) => void;
}

const BACKGROUND = pack(16, 18, 22);
const HOVER_RADIUS_PX = 8;
/** Draw times kept for the status attribute (checked by the e2e test at 50k points). */
const DRAW_SAMPLES = 120;

interface Gesture {
  kind: 'pan' | 'lasso';
  startX: number;
  startY: number;
  lastX: number;
  lastY: number;
  moved: boolean;
  path: [number, number][];
}

export function LibraryMap({ app, display, selectedId, onSelect, onOpenCrate }: Props) {
  const mapState = useStore(app.map.store);
  const library = useStore(app.library.store);
  const layout = mapState.layout;
  const [colourBy, setColourBy] = useState<ColourBy>('key');
  const [view, setView] = useState<Viewport>(HOME);
  const [lassoMode, setLassoMode] = useState(false);
  const [hover, setHover] = useState<{ index: number; x: number; y: number } | null>(null);
  const [lassoIds, setLassoIds] = useState<string[] | null>(null);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<PointRenderer | null>(null);
  const size = useCanvasSize(wrapRef);
  const gesture = useRef<Gesture | null>(null);
  const frame = useRef(0);
  const drawTimes = useRef<number[]>([]);

  const embedded = useMemo(() => library.tracks.filter((v) => v.vectorRow !== undefined).length, [library.tracks]);
  useEffect(() => {
    // Recompute (debounced) when tracks gain vectors while the map is open.
    const timer = setTimeout(() => void app.map.ensure(), mapState.layout ? 1500 : 0);
    return () => clearTimeout(timer);
  }, [app, embedded]); // eslint-disable-line react-hooks/exhaustive-deps

  const grid = useMemo(() => (layout ? new PointGrid(layout.xy) : null), [layout]);
  // Colours follow the library's current values (a track analyzed again may change key or energy).
  const viewById = useMemo(() => new Map(library.tracks.map((v) => [v.track.id, v])), [library.tracks]);
  const scheme = useMemo(
    () => (layout ? colourPoints(layout.trackIds, (id) => viewById.get(id) ?? app.library.view(id), colourBy, display.preference) : null),
    [layout, colourBy, viewById, app, display.preference],
  );
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
    rendererRef.current ??= new PointRenderer(context, BACKGROUND);
    const started = performance.now();
    drawMap(context, rendererRef.current, {
      xy: layout.xy,
      colours: scheme.colours,
      view,
      size,
      dim,
      selected: selectedId ? indexOf.get(selectedId) : undefined,
      hovered: hover?.index,
      lassoPath: gesture.current?.kind === 'lasso' ? gesture.current.path : null,
    });
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
      setLassoIds(grid.inside(polygon).map((i) => layout.trackIds[i]));
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
    const command = mapKeyCommand(event.key, size);
    if (!command) return;
    if (command.kind === 'view') setView(command.next);
    else if (command.kind === 'toggle-lasso') setLassoMode((m) => !m);
    else if (command.kind === 'next-colours') setColourBy((c) => COLOUR_MODES[(COLOUR_MODES.indexOf(c) + 1) % COLOUR_MODES.length]);
    else {
      setLassoIds(null);
      setLassoMode(false);
    }
    event.preventDefault();
  };

  const makeCrate = async (name: string, trackIds: string[]) => {
    const id = await app.crates.create(name, trackIds);
    setLassoIds(null);
    onOpenCrate(id);
  };

  const hovered = hover && layout ? app.library.view(layout.trackIds[hover.index]) : undefined;

  return (
    <section className="map-view" aria-label="Library map" data-testid="map-view">
      <MapToolbar
        mapState={mapState}
        colourBy={colourBy}
        onColourBy={setColourBy}
        lassoMode={lassoMode}
        onToggleLasso={() => setLassoMode((m) => !m)}
        onResetView={() => setView(HOME)}
        onRecompute={() => void app.map.recompute()}
      />
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
        {hovered && hover && <MapTooltip track={hovered} x={hover.x} y={hover.y} display={display} />}
        {scheme && <MapLegend scheme={scheme} colourBy={colourBy} />}
      </div>
      <MapSelection lassoIds={lassoIds} onMakeCrate={makeCrate} onClear={() => setLassoIds(null)} />
    </section>
  );
}
