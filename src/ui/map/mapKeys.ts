/**
 * The library map's keyboard: zoom (+/−), pan (arrows), reset (0), lasso (L), colours (C), and
 * Escape to drop the lasso selection.
 * @module
 */
import { HOME, panBy, zoomAt, type Viewport } from './viewport';
import type { CanvasSize } from './useCanvasSize';

export type MapKeyCommand =
  { kind: 'view'; next: (view: Viewport) => Viewport } | { kind: 'toggle-lasso' } | { kind: 'next-colours' } | { kind: 'clear-lasso' };

const ZOOM_STEP = 1.4;

/** What a key does on the map, or null when the map does not use it. */
export function mapKeyCommand(key: string, size: CanvasSize): MapKeyCommand | null {
  const { width, height } = size;
  const step = 60 * size.ratio;
  const zoom = (factor: number): MapKeyCommand => ({ kind: 'view', next: (v) => zoomAt(v, width, height, width / 2, height / 2, factor) });
  const pan = (dx: number, dy: number): MapKeyCommand => ({ kind: 'view', next: (v) => panBy(v, width, height, dx, dy) });
  switch (key) {
    case '+':
    case '=':
      return zoom(ZOOM_STEP);
    case '-':
    case '_':
      return zoom(1 / ZOOM_STEP);
    case 'ArrowLeft':
      return pan(step, 0);
    case 'ArrowRight':
      return pan(-step, 0);
    case 'ArrowUp':
      return pan(0, step);
    case 'ArrowDown':
      return pan(0, -step);
    case '0':
      return { kind: 'view', next: () => HOME };
    case 'l':
    case 'L':
      return { kind: 'toggle-lasso' };
    case 'c':
    case 'C':
      return { kind: 'next-colours' };
    case 'Escape':
      return { kind: 'clear-lasso' };
    default:
      return null;
  }
}
