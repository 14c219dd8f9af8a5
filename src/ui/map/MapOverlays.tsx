/**
 * What the library map shows over its canvas: the hovered track's tooltip and the colour legend.
 * @module
 */
import type { TrackView } from '../../core/library/trackView';
import { trackName } from '../../app/crates/trackFacts';
import { formatKey } from '../../core/music/keys';
import type { DisplayOptions } from '../libraryColumns';
import { cssOf, type ColourBy, type ColourScheme } from './mapColours';
import { COLOUR_NAMES } from './MapToolbar';

export function MapTooltip({ track, x, y, display }: { track: TrackView; x: number; y: number; display: DisplayOptions }) {
  const facts = [
    track.bpm?.bpm ? `${track.bpm.bpm.toFixed(1)} BPM` : '',
    track.key?.key ? formatKey(track.key.key, display.notation) : '',
    track.energy?.energy ? `energy ${track.energy.energy}` : '',
    track.track.tags.genre ?? '',
  ];
  return (
    <div className="map-tooltip" role="tooltip" style={{ left: x + 14, top: y + 10 }} data-testid="map-tooltip">
      <strong>{trackName(track)}</strong>
      <span className="muted">{facts.filter(Boolean).join(' · ')}</span>
    </div>
  );
}

export function MapLegend({ scheme, colourBy }: { scheme: ColourScheme; colourBy: ColourBy }) {
  return (
    <ul className="map-legend" aria-label={`Colours: ${COLOUR_NAMES[colourBy]}`}>
      {scheme.legend.map((item) => (
        <li key={item.label}>
          <span className="swatch" style={{ background: cssOf(item.colour) }} aria-hidden="true" />
          {item.label}
        </li>
      ))}
    </ul>
  );
}
