import { describe, expect, it } from 'vitest';
import { AnalyzerRegistry } from '../analyzers/registry';
import { createKeyAnalyzer } from '../analyzers/key/keyAnalyzer';
import { CLUB_HIFI_150S, BASELINE_75S } from '../sampling';
import { analyzeTrack, loudnessStrip, STRIP_POINTS } from './analyzeTrack';
import { mulberry32 } from '../hash';

const SR = 11025;

/** 4 minutes: a kick every 0.5 s over an A-minor triad, louder in the second half. */
function track(seconds = 240): Float32Array {
  const pcm = new Float32Array(seconds * SR);
  const random = mulberry32(5);
  for (let i = 0; i < pcm.length; i++) {
    const t = i / SR;
    const level = t > seconds / 2 ? 0.5 : 0.3;
    const beat = t % 0.5;
    const kick = beat < 0.08 ? Math.exp(-beat * 40) * Math.sin(2 * Math.PI * 60 * beat) : 0;
    const chord = [220, 261.63, 329.63].reduce((s, f) => s + Math.sin(2 * Math.PI * f * t), 0) / 3;
    pcm[i] = level * (0.6 * kick + 0.4 * chord) + 0.01 * (random() - 0.5);
  }
  return pcm;
}

describe('analyseTrack', () => {
  const registry = new AnalyzerRegistry([createKeyAnalyzer()]);
  const pcm = track();
  const input = {
    pcm,
    sampleRate: SR,
    durationSec: 240,
    relativePath: 'House/a.mp3',
    profile: CLUB_HIFI_150S,
    cachedAnalyses: [],
    registry,
    builtinEmbedding: true,
  };

  it('picks windows, runs the analyzers and embeds, deterministically', () => {
    const first = analyzeTrack(input);
    expect(first.windows.length).toBeGreaterThanOrEqual(2);
    expect(first.windows.every((w) => w.startSec >= 0 && w.endSec <= 240 && w.endSec > w.startSec)).toBe(true);
    expect(first.computed).toEqual(['key']);
    expect(first.analyses[0].fields).toMatchObject({ camelot: '8A' });
    expect(first.builtinVector).toHaveLength(256);
    expect(first.strip).toHaveLength(STRIP_POINTS);
    const again = analyzeTrack(input);
    expect(again.windows).toEqual(first.windows);
    expect(Array.from(again.builtinVector!)).toEqual(Array.from(first.builtinVector!));
  });

  it('reuses stored windows and analyses; a profile change recomputes only the windows', () => {
    const first = analyzeTrack(input);
    const cached = analyzeTrack({ ...input, cachedWindows: { cacheKey: first.windowsCacheKey, windows: first.windows }, cachedAnalyses: first.analyses });
    expect(cached.windowsReused).toBe(true);
    expect(cached.computed).toEqual([]);
    const otherProfile = analyzeTrack({
      ...input,
      profile: BASELINE_75S,
      cachedWindows: { cacheKey: first.windowsCacheKey, windows: first.windows },
      cachedAnalyses: first.analyses,
    });
    expect(otherProfile.windowsReused).toBe(false);
    expect(otherProfile.windowsCacheKey).not.toBe(first.windowsCacheKey);
    expect(otherProfile.computed).toEqual([]);
  });

  it('reports silence instead of failing', () => {
    const silent = analyzeTrack({ ...input, pcm: new Float32Array(30 * SR), durationSec: 30 });
    expect(silent.silent).toBe(true);
    expect(silent.windows).toEqual([]);
    expect(silent.builtinVector).toBeUndefined();
    expect(Array.from(silent.strip).every((v) => v === 0)).toBe(true);
  });

  it('normalises the loudness strip to its peak', () => {
    const strip = loudnessStrip({ rms: Float32Array.from([0, 1, 2, 4]) } as never, 4);
    expect(Array.from(strip)).toEqual([0, 0.25, 0.5, 1]);
  });
});
