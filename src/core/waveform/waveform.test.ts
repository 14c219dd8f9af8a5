import { describe, expect, it } from 'vitest';
import { addClicks, sine } from '../audio/testSignals';
import { computeWaveform, waveformColumns, waveformDurationSec, waveformMaxPeak, WAVEFORM_FRAME_RATE, WAVEFORM_STRIDE } from './waveform';

const RATE = 11025;

describe('the detail waveform', () => {
  it('has 150 frames a second of 4 bytes (600 bytes a second; 216 000 for 6 minutes)', () => {
    const w = computeWaveform(new Float32Array(RATE * 10), RATE);
    expect(w.data.length).toBe(10 * WAVEFORM_FRAME_RATE * WAVEFORM_STRIDE);
    expect(waveformDurationSec(w)).toBeCloseTo(10, 5);
  });

  it('puts a bass tone in the low band, a voice-range tone in the mid, and a hi-hat range tone in the high', () => {
    const bandOf = (hz: number) => {
      const [level] = waveformColumns(computeWaveform(sine(RATE, 2, hz, 0.5), RATE), 0.5, 1.5, 1);
      const bands = { low: level.low, mid: level.mid, high: level.high };
      return Object.entries(bands).sort((a, b) => b[1] - a[1])[0][0];
    };
    expect(bandOf(60)).toBe('low');
    expect(bandOf(800)).toBe('mid');
    expect(bandOf(4000)).toBe('high');
  });

  it('keeps the peak linear and the band level near the tone’s RMS', () => {
    const [level] = waveformColumns(computeWaveform(sine(RATE, 2, 60, 0.5), RATE), 0.5, 1.5, 1);
    expect(level.peak).toBeCloseTo(0.5, 1);
    expect(level.low).toBeGreaterThan(0.3);
    expect(level.low).toBeLessThan(0.4); // 0.5/√2 ≈ 0.354
  });

  it('shows a short transient in the frame where it happens, and keeps it when zoomed out', () => {
    const pcm = addClicks(new Float32Array(RATE * 4), RATE, [2], 0.9);
    const w = computeWaveform(pcm, RATE);
    const zoomed = waveformColumns(w, 1.9, 2.1, 30); // 1 column ≈ 1 frame
    const loudest = zoomed.reduce((best, c, i) => (c.peak > zoomed[best].peak ? i : best), 0);
    expect(1.9 + (loudest + 0.5) * (0.2 / 30)).toBeCloseTo(2, 1);
    expect(zoomed[0].peak).toBe(0);
    const overview = waveformColumns(w, 0, 4, 8);
    expect(overview[4].peak).toBeGreaterThan(0.3);
    expect(overview[0].peak).toBe(0);
    expect(waveformMaxPeak(w)).toBeGreaterThan(0.3);
  });

  it('draws silence outside the track', () => {
    const w = computeWaveform(sine(RATE, 1, 440, 0.5), RATE);
    const [before, after] = [waveformColumns(w, -2, -1, 1)[0], waveformColumns(w, 2, 3, 1)[0]];
    expect(before.peak + after.peak + before.mid + after.mid).toBe(0);
  });
});
