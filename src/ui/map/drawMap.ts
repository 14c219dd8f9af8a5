/**
 * One frame of the library map: the points (through the ImageData renderer), rings for the
 * selected and hovered tracks, and the lasso being drawn.
 * @module
 */
import type { PointRenderer } from './pointRenderer';
import { toScreen, type Viewport } from './viewport';

export interface MapScene {
  xy: Float32Array;
  colours: Uint32Array;
  view: Viewport;
  /** Canvas pixels, and canvas pixels per CSS pixel. */
  size: { width: number; height: number; ratio: number };
  /** 1 for points drawn dimmed (outside the lasso selection). */
  dim?: Uint8Array;
  selected?: number;
  hovered?: number;
  /** The lasso being drawn, in CSS pixels. */
  lassoPath?: readonly (readonly [number, number])[] | null;
}

const SELECTED = '#ff7a30';
const HOVERED = '#e6e8ec';

/** Few tracks: big dots; tens of thousands: small ones that do not hide each other. Zooming in enlarges them. */
export function pointSizeFor(points: number, zoom: number, ratio: number): number {
  const base = points <= 300 ? 7 : points <= 3000 ? 4 : 2;
  return Math.round(Math.min(12, base + (zoom > 6 ? 2 : zoom > 2 ? 1 : 0)) * ratio);
}

export function drawMap(context: CanvasRenderingContext2D, renderer: PointRenderer, scene: MapScene): void {
  const { xy, view, size } = scene;
  const { width, height, ratio } = size;
  renderer.draw(xy, scene.colours, view, width, height, pointSizeFor(xy.length / 2, view.zoom, ratio), scene.dim);
  const ring = (index: number, colour: string, radius: number) => {
    const [x, y] = toScreen(view, width, height, xy[index * 2], xy[index * 2 + 1]);
    context.beginPath();
    context.arc(x, y, radius * ratio, 0, Math.PI * 2);
    context.strokeStyle = colour;
    context.lineWidth = 2 * ratio;
    context.stroke();
  };
  if (scene.selected !== undefined) ring(scene.selected, SELECTED, 7);
  if (scene.hovered !== undefined) ring(scene.hovered, HOVERED, 6);
  const path = scene.lassoPath;
  if (path && path.length > 1) {
    context.beginPath();
    context.moveTo(path[0][0] * ratio, path[0][1] * ratio);
    for (const [x, y] of path.slice(1)) context.lineTo(x * ratio, y * ratio);
    context.closePath();
    context.fillStyle = 'rgba(255, 122, 48, 0.12)';
    context.fill();
    context.strokeStyle = SELECTED;
    context.lineWidth = 1.5 * ratio;
    context.stroke();
  }
}
