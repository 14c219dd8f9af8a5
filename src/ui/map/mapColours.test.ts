import { describe, expect, it } from 'vitest';
import type { AnalysisRecord, TrackRecord } from '../../core/library/records';
import { viewOf } from '../../core/library/trackView';
import { camelotNumber, parseKey } from '../../core/music/keys';
import { colourPoints, energyColour, keyColour } from './mapColours';

const channels = (packed: number) => [packed & 255, (packed >>> 8) & 255, (packed >>> 16) & 255];
const linear = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);

/** CIE L* of an sRGB colour (lightness as the eye orders it). */
function lightness([r, g, b]: number[]): number {
  const y = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (24389 / 27) * y;
}

/** What a deuteranope (the commonest colour blindness) sees: Viénot, Brettel & Mollon 1999 in linear RGB. */
function deuteranope([r, g, b]: number[]): number[] {
  const [lr, lg, lb] = [r, g, b].map(linear);
  const toSrgb = (v: number) => 255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);
  return [0.29275 * lr + 0.70725 * lg, 0.29275 * lr + 0.70725 * lg, -0.02234 * lr + 0.02234 * lg + lb].map((v) => toSrgb(Math.min(1, Math.max(0, v))));
}

describe('map colours', () => {
  it('orders energies 1–10 by lightness, in full colour and as a deuteranope sees them', () => {
    const ramp = Array.from({ length: 10 }, (_, i) => channels(energyColour(i + 1)));
    for (const see of [(c: number[]) => c, deuteranope]) {
      const l = ramp.map((c) => lightness(see(c)));
      // Every step is visibly lighter than the one before (ΔL* ≥ 4), with no reversal anywhere.
      for (let i = 1; i < l.length; i++) expect(l[i] - l[i - 1], `energy ${i} → ${i + 1}`).toBeGreaterThanOrEqual(4);
    }
    // The lowest energy still stands out from the map's near-black background.
    expect(lightness(ramp[0]) - lightness([16, 18, 22])).toBeGreaterThan(25);
  });

  it('colours keys by the key the table shows: tagged or analysed, as the DJ prefers', () => {
    const track: TrackRecord = {
      id: 't',
      relativePath: 't.mp3',
      fileName: 't.mp3',
      size: 1,
      lastModified: 1,
      dateAdded: '2026-01-01',
      status: 'ready',
      scanState: 'unchanged',
      tags: { taggedKey: '3B' },
    };
    const analyzedKey: AnalysisRecord = {
      trackId: 't',
      analyzerId: 'key',
      version: 1,
      at: 1,
      result: { analyzerId: 'key', version: 1, fields: { key: parseKey('8A') } } as never,
    };
    const view = viewOf(track, [analyzedKey], undefined, undefined);
    const colourOf = (text: string) => {
      const key = parseKey(text)!;
      return keyColour(camelotNumber(key), key.mode === 'minor');
    };
    expect(colourPoints(['t'], () => view, 'key', 'analysed').colours[0]).toBe(colourOf('8A'));
    expect(colourPoints(['t'], () => view, 'key', 'tagged').colours[0]).toBe(colourOf('3B'));
    expect(colourPoints(['t'], () => view, 'energy').legend.map((l) => l.label)).toEqual([
      'energy 1',
      'energy 3',
      'energy 5',
      'energy 7',
      'energy 9',
      'energy 10',
      'unknown',
    ]);
  });
});
