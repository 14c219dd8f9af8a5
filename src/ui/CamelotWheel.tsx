/**
 * The Camelot wheel in the track detail: every key in its colour (the same as in the table's Key
 * column and on the map), the track's key ringed and its compatible keys filled.
 * @module
 */
import { compatibleCamelot, fromCamelot, type MusicalKey } from '../core/music/keys';
import { keyCss } from './map/mapColours';

const DARK_TEXT = '#101216';
const UNLIT_FILL = '#20242c';

export function CamelotWheel({ musicalKey, size = 150 }: { musicalKey?: MusicalKey | null; size?: number }) {
  const compatible = new Set(musicalKey ? compatibleCamelot(musicalKey, { energyBoost: true }) : []);
  const own = compatible.size ? [...compatible][0] : null;
  const c = size / 2;
  // Sized so that no two keys touch: neighbours on the inner ring are 0.14 × size apart, the rings 0.15 × size.
  const radius = Math.max(12, size * 0.068);
  const fontSize = Math.max(11, size * 0.0625);
  const ring = (letter: 'A' | 'B', r: number) =>
    Array.from({ length: 12 }, (_, i) => {
      const n = i + 1;
      const code = `${n}${letter}`;
      const colour = keyCss(fromCamelot(n, letter));
      const angle = ((n - 1) / 12) * 2 * Math.PI - Math.PI / 2;
      const x = c + Math.cos(angle) * r;
      const y = c + Math.sin(angle) * r;
      const lit = compatible.has(code);
      const role = code === own ? 'own' : lit ? 'compatible' : 'other';
      return (
        <g key={code} data-code={code} data-role={role}>
          <circle
            cx={x}
            cy={y}
            r={radius}
            fill={lit ? colour : UNLIT_FILL}
            stroke={code === own ? '#ffffff' : colour}
            strokeWidth={code === own ? 3 : lit ? 0 : 1.5}
          />
          {/* Labels never below 11 px: the wheel is read at a glance in a dark booth. */}
          <text x={x} y={y + 4} textAnchor="middle" fontSize={fontSize} fontWeight={lit ? 700 : 400} fill={lit ? DARK_TEXT : colour}>
            {code}
          </text>
        </g>
      );
    });
  return (
    <svg
      width={size}
      height={size}
      role="img"
      aria-label={own ? `Camelot wheel: ${own}, compatible ${[...compatible].slice(1).join(', ')}` : 'Camelot wheel: no key'}
    >
      {ring('B', size * 0.42)}
      {ring('A', size * 0.27)}
    </svg>
  );
}
