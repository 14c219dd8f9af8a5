import { compatibleCamelot, type MusicalKey } from '../core/music/keys';

/** The Camelot wheel with the track's key and its compatible keys highlighted. */
export function CamelotWheel({ musicalKey, size = 150 }: { musicalKey?: MusicalKey | null; size?: number }) {
  const compatible = new Set(musicalKey ? compatibleCamelot(musicalKey, { energyBoost: true }) : []);
  const own = compatible.size ? [...compatible][0] : null;
  const c = size / 2;
  const ring = (letter: 'A' | 'B', r: number) =>
    Array.from({ length: 12 }, (_, i) => {
      const n = i + 1;
      const code = `${n}${letter}`;
      const angle = ((n - 1) / 12) * 2 * Math.PI - Math.PI / 2;
      const x = c + Math.cos(angle) * r;
      const y = c + Math.sin(angle) * r;
      const fill = code === own ? '#ff7a30' : compatible.has(code) ? '#52d08a' : '#2b303a';
      return (
        <g key={code}>
          <circle cx={x} cy={y} r={Math.max(11, size * 0.075)} fill={fill} />
          {/* Labels never below 11 px: the wheel is read at a glance in a dark booth. */}
          <text x={x} y={y + 4} textAnchor="middle" fontSize={Math.max(11, size * 0.075)} fill={fill === '#2b303a' ? '#c3cad6' : '#101216'}>
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
      {ring('A', size * 0.26)}
    </svg>
  );
}
