/**
 * The library map's toolbar: colour scheme, lasso, reset, recompute, and the map's status line.
 * @module
 */
import type { MapState } from '../../app/crates/mapService';
import { COLOUR_MODES, type ColourBy } from './mapColours';

export const COLOUR_NAMES: Record<ColourBy, string> = { key: 'Key', energy: 'Energy', genre: 'Genre' };

/** What the map is showing or doing, in one line. */
export function mapStatusText(mapState: MapState): string | null {
  const layout = mapState.layout;
  if (mapState.status === 'error') return mapState.message;
  if (!layout)
    return mapState.status === 'computing'
      ? `Drawing the map… ${Math.round(mapState.progress * 100)}%`
      : (mapState.message ?? 'Analyse some tracks to see the map');
  const method = layout.method === 'umap' ? 'UMAP' : layout.method === 'pca' ? 'PCA' : 'given layout';
  const busy = mapState.status === 'computing' ? ` · updating ${Math.round(mapState.progress * 100)}%` : layout.stale ? ' · out of date' : '';
  return `${layout.trackIds.length.toLocaleString()} tracks · ${method}${busy}`;
}

interface Props {
  mapState: MapState;
  colourBy: ColourBy;
  onColourBy: (colourBy: ColourBy) => void;
  lassoMode: boolean;
  onToggleLasso: () => void;
  onResetView: () => void;
  onRecompute: () => void;
}

export function MapToolbar({ mapState, colourBy, onColourBy, lassoMode, onToggleLasso, onResetView, onRecompute }: Props) {
  return (
    <div className="map-toolbar" role="toolbar" aria-label="Map tools">
      <label>
        Colour by{' '}
        <select value={colourBy} onChange={(e) => onColourBy(e.target.value as ColourBy)} data-testid="map-colour">
          {COLOUR_MODES.map((mode) => (
            <option key={mode} value={mode}>
              {COLOUR_NAMES[mode]}
            </option>
          ))}
        </select>
      </label>
      <button aria-pressed={lassoMode} onClick={onToggleLasso} data-testid="map-lasso" title="Lasso (L, or Shift+drag)">
        Lasso
      </button>
      <button onClick={onResetView} title="Reset view (0)">
        Reset view
      </button>
      <button onClick={onRecompute} disabled={mapState.status === 'computing'}>
        Recompute
      </button>
      <span className="map-status muted" role="status" data-testid="map-status" data-state={mapState.status}>
        {mapStatusText(mapState)}
      </span>
    </div>
  );
}
