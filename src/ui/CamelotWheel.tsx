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
          <circle cx={x} cy={y} r={size * 0.06} fill={fill} />
          <text x={x} y={y + 3} textAnchor="middle" fontSize={size * 0.055} fill={fill === '#2b303a' ? '#9aa3b2' : '#101216'}>
            {code}
          </text>
        </g>
      );
    });
  return (
    <svg width={size} height={size} role="img" aria-label={own ? `Camelot wheel: ${own}, compatible ${[...compatible].slice(1).join(', ')}` : 'Camelot wheel: no key'}>
      {ring('B', size * 0.42)}
      {ring('A', size * 0.27)}
    </svg>
  );
}
