import { describe, expect, it } from 'vitest';
import { estimateKey } from './keyAnalyzer';

const SR = 11025;

/** Sawtooth-ish tones (6 harmonics) for the given MIDI notes, each for `noteSec`, in sequence, looped. */
function melody(midis: number[][], noteSec: number, seconds: number, tuningCents = 0): Float32Array {
  const pcm = new Float32Array(SR * seconds);
  const perChord = Math.round(noteSec * SR);
  for (let i = 0; i < pcm.length; i++) {
    const chord = midis[Math.floor(i / perChord) % midis.length];
    let x = 0;
    for (const m of chord) {
      const f = 440 * 2 ** ((m - 69 + tuningCents / 100) / 12);
      for (let h = 1; h <= 6; h++) x += Math.sin((2 * Math.PI * f * h * i) / SR) / h;
    }
    pcm[i] = 0.1 * x;
  }
  return pcm;
}

describe('estimateKey', () => {
  it('finds A minor from an i–iv–V–i cadence, also 30 cents sharp', () => {
    const chords = [
      [57, 60, 64],
      [62, 65, 69],
      [64, 68, 71],
      [57, 60, 64],
    ];
    for (const cents of [0, 30]) {
      const r = estimateKey(melody(chords, 1, 12, cents), SR);
      expect(r.musical).toBe('Am');
      expect(r.camelot).toBe('8A');
      expect(r.openKey).toBe('1m');
      expect(Math.abs(r.tuningCents - cents)).toBeLessThan(5);
    }
  });

  it('finds Eb major from I–IV–V–I', () => {
    const chords = [
      [51, 55, 58],
      [56, 60, 63],
      [58, 62, 65],
      [51, 55, 58],
    ];
    const r = estimateKey(melody(chords, 1, 12), SR);
    expect(r.musical).toBe('Eb');
    expect(r.confidence).toBeGreaterThan(0.3);
  });

  it('tells a minor loop from a major loop on the same four chords by the chord phrases start on', () => {
    const am = [57, 60, 64];
    const f = [53, 57, 60];
    const c = [48, 52, 55];
    const g = [55, 59, 62];
    // One chord a bar at 120 BPM (2 s), phrases of four bars from the first beat at 0 s.
    const minorLoop = melody([am, f, c, g], 2, 24);
    const majorLoop = melody([c, g, am, f], 2, 24);
    const grid = { firstBeatSec: 0, bpm: 120 };
    // The chroma is the same, so the profile alone names one key for both.
    expect(estimateKey(minorLoop, SR).musical).toBe(estimateKey(majorLoop, SR).musical);
    expect(estimateKey(minorLoop, SR, { grid }).musical).toBe('Am');
    expect(estimateKey(majorLoop, SR, { grid }).musical).toBe('C');
  });
});
