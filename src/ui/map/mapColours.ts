import { camelotNumber, type MusicalKey } from '../../core/music/keys';
import { keyOf, type TrackView } from '../../core/library/trackView';
import type { TagPreference } from '../../core/analyzers';

/**
 * Point colours for the library map, as RGBA packed for an ImageData Uint32 view (little-endian:
 * 0xAABBGGRR). Key: the Camelot wheel's hue circle (minor keys brighter), the same hues as the
 * table's key column and the wheel in the track detail; energy: viridis, dark to light; genre: a
 * palette for the most common genres, grey for the rest.
 */
export type ColourBy = 'key' | 'energy' | 'genre';
export const COLOUR_MODES: readonly ColourBy[] = ['key', 'energy', 'genre'];

export const UNKNOWN_COLOUR = pack(110, 116, 128);

export function pack(r: number, g: number, b: number): number {
  return ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

export function cssOf(colour: number): string {
  return `rgb(${colour & 255}, ${(colour >>> 8) & 255}, ${(colour >>> 16) & 255})`;
}

function hsl(h: number, s: number, l: number): number {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return pack(f(0), f(8), f(4));
}

/** Hue of a Camelot number: the wheel's colour circle, 1 = red through 12 (as in Mixed In Key). */
const keyHue = (camelot: number) => ((camelot - 1) * 30) % 360;

export function keyColour(camelot: number, minor: boolean): number {
  return hsl(keyHue(camelot), 0.75, minor ? 0.62 : 0.48);
}

/** The same key colour, light enough for text on the dark background (WCAG AA contrast). */
export function keyTextColour(camelot: number, minor: boolean): number {
  return hsl(keyHue(camelot), 0.75, minor ? 0.8 : 0.72);
}

/** The key's colour as text or a filled label on the dark background (table, wheel). */
export function keyCss(key: MusicalKey): string {
  return cssOf(keyTextColour(camelotNumber(key), key.mode === 'minor'));
}

/**
 * Viridis (van der Walt & Smith, matplotlib's default map), sampled at ninths: lightness rises
 * steadily from one end to the other, so energies stay in order for colour-blind eyes and in grey.
 */
const VIRIDIS = [
  [68, 1, 84],
  [72, 40, 120],
  [62, 73, 137],
  [49, 104, 142],
  [38, 130, 142],
  [31, 158, 137],
  [53, 183, 121],
  [110, 206, 88],
  [181, 222, 43],
  [253, 231, 37],
];
/** The darkest fifth of viridis is lost on the map's near-black background. */
const VIRIDIS_FROM = 0.2;

export function energyColour(energy: number): number {
  const t = VIRIDIS_FROM + (1 - VIRIDIS_FROM) * Math.min(1, Math.max(0, (energy - 1) / 9));
  const at = t * (VIRIDIS.length - 1);
  const low = Math.min(VIRIDIS.length - 2, Math.floor(at));
  const f = at - low;
  const [r, g, b] = VIRIDIS[low].map((c, i) => Math.round(c + (VIRIDIS[low + 1][i] - c) * f));
  return pack(r, g, b);
}

const GENRE_PALETTE = [
  pack(255, 122, 48),
  pack(82, 208, 138),
  pack(92, 160, 255),
  pack(255, 207, 92),
  pack(200, 120, 255),
  pack(255, 92, 140),
  pack(64, 224, 224),
  pack(170, 220, 80),
  pack(255, 160, 200),
  pack(150, 150, 255),
];

export interface ColourScheme {
  colours: Uint32Array;
  legend: { label: string; colour: number }[];
}

/** Colours of the layout's points (in `trackIds` order) plus a legend. */
export function colourPoints(
  trackIds: readonly string[],
  view: (id: string) => TrackView | undefined,
  by: ColourBy,
  preference: TagPreference = 'analysed',
): ColourScheme {
  const colours = new Uint32Array(trackIds.length).fill(UNKNOWN_COLOUR);
  if (by === 'genre') {
    const counts = new Map<string, number>();
    const genres = trackIds.map((id) => view(id)?.track.tags.genre?.trim() || undefined);
    for (const g of genres) if (g) counts.set(g, (counts.get(g) ?? 0) + 1);
    const top = [...counts]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, GENRE_PALETTE.length)
      .map(([g]) => g);
    const colourOf = new Map(top.map((g, i) => [g, GENRE_PALETTE[i]]));
    genres.forEach((g, i) => {
      if (g && colourOf.has(g)) colours[i] = colourOf.get(g)!;
    });
    return { colours, legend: [...top.map((g) => ({ label: g, colour: colourOf.get(g)! })), { label: 'other / none', colour: UNKNOWN_COLOUR }] };
  }
  trackIds.forEach((id, i) => {
    const row = view(id);
    if (by === 'key') {
      // The key the table shows (tagged or analyzed, as the DJ prefers), in the same hue.
      const key = row && keyOf(row, preference).chosen;
      if (key) colours[i] = keyColour(camelotNumber(key), key.mode === 'minor');
    } else {
      const energy = row?.energy?.energy;
      if (energy != null) colours[i] = energyColour(energy);
    }
  });
  const legend =
    by === 'key'
      ? Array.from({ length: 12 }, (_, k) => ({ label: `${k + 1}A/B`, colour: keyColour(k + 1, true) }))
      : [1, 3, 5, 7, 9, 10].map((e) => ({ label: `energy ${e}`, colour: energyColour(e) }));
  return { colours, legend: [...legend, { label: 'unknown', colour: UNKNOWN_COLOUR }] };
}
