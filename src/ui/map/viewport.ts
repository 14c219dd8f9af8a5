/**
 * Pan/zoom of the map: world coordinates are the layout's unit square; the screen shows the square
 * fitted into the canvas, scaled by `zoom` around `center`.
 */
export interface Viewport {
  centerX: number;
  centerY: number;
  zoom: number;
}

export const HOME: Viewport = { centerX: 0.5, centerY: 0.5, zoom: 1 };
export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 200;

/** Pixels per world unit at zoom 1: the square fills 92 % of the shorter side. */
export function baseScale(width: number, height: number): number {
  return Math.min(width, height) * 0.92;
}

export function toScreen(view: Viewport, width: number, height: number, x: number, y: number): [number, number] {
  const scale = baseScale(width, height) * view.zoom;
  return [(x - view.centerX) * scale + width / 2, (y - view.centerY) * scale + height / 2];
}

export function toWorld(view: Viewport, width: number, height: number, sx: number, sy: number): [number, number] {
  const scale = baseScale(width, height) * view.zoom;
  return [(sx - width / 2) / scale + view.centerX, (sy - height / 2) / scale + view.centerY];
}

/** Zoom by `factor` keeping the world point under (sx, sy) where it is. */
export function zoomAt(view: Viewport, width: number, height: number, sx: number, sy: number, factor: number): Viewport {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, view.zoom * factor));
  const [wx, wy] = toWorld(view, width, height, sx, sy);
  const scale = baseScale(width, height) * zoom;
  return { zoom, centerX: wx - (sx - width / 2) / scale, centerY: wy - (sy - height / 2) / scale };
}

export function panBy(view: Viewport, width: number, height: number, dxPixels: number, dyPixels: number): Viewport {
  const scale = baseScale(width, height) * view.zoom;
  return { ...view, centerX: view.centerX - dxPixels / scale, centerY: view.centerY - dyPixels / scale };
}
