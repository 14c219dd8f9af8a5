import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../hash';
import { bpmInRange, estimateTempo, type BpmFields } from './bpmAnalyzer';

const SR = 11025;

/** Noise-burst clicks on every beat from `start` seconds. */
function clickTrack(bpm: number, start: number, seconds: number): Float32Array {
  const rand = mulberry32(bpm * 1000);
  const pcm = new Float32Array(SR * seconds);
  for (let t = start; t < seconds; t += 60 / bpm) {
    const at = Math.round(t * SR);
    for (let i = 0; i < 400 && at + i < pcm.length; i++) pcm[at + i] += (rand() * 2 - 1) * Math.exp(-i / 60);
  }
  return pcm;
}

describe('estimateTempo on click tracks', () => {
  // A bare click has no subdivision to tell 70 from 140, so only 100–128 must come out exact.
  for (const [bpm, start, octaveOk] of [
    [120, 0.5, false],
    [128, 0.31, false],
    [100, 0.77, false],
    [140, 0.2, true],
  ] as const) {
    it(`${bpm} BPM: tempo to 0.2 BPM${octaveOk ? ' (up to an octave)' : ''} and beat phase to 3 ms`, () => {
      const r = estimateTempo(clickTrack(bpm, start, 20), SR);
      expect(r.bpm).not.toBeNull();
      const factors = octaveOk ? [0.5, 1, 2] : [1];
      expect(Math.min(...factors.map((f) => Math.abs(r.bpm! - bpm * f)))).toBeLessThanOrEqual(0.2);
      expect(r.confidence).toBeGreaterThan(0.5);
      const beat = 60 / bpm;
      const d = (((r.firstBeatSec! - start) % beat) + beat) % beat;
      expect(Math.min(d, beat - d)).toBeLessThan(0.003);
    });
  }

  it('rejects a range narrower than an octave', () => {
    expect(() => estimateTempo(clickTrack(120, 0, 10), SR, { minBpm: 100, maxBpm: 150 })).toThrow(/octave/);
  });
});

describe('bpmInRange', () => {
  const fields: BpmFields = {
    bpm: 87,
    gridBpm: 87,
    tempoRows: null,
    confidence: 1,
    firstBeatSec: 0,
    anchorSec: 0,
    stability: 1,
    octaves: [
      { bpm: 43.5, score: 0.1 },
      { bpm: 87, score: 0.5 },
      { bpm: 174, score: 0.4 },
    ],
    reason: null,
  };
  it('keeps the tempo when it is inside the new range', () => {
    expect(bpmInRange(fields, { minBpm: 70, maxBpm: 180 })).toBe(87);
  });
  it('keeps a drum & bass tempo chosen by the backbeat even when its half scored higher', () => {
    const dnb: BpmFields = {
      ...fields,
      bpm: 174,
      octaves: [
        { bpm: 87, score: 0.64 },
        { bpm: 174, score: 0.42 },
      ],
    };
    expect(bpmInRange(dnb, { minBpm: 70, maxBpm: 180 })).toBe(174);
    expect(bpmInRange(dnb, { minBpm: 60, maxBpm: 120 })).toBe(87);
  });
  it('moves to the best octave inside a narrower DJ range', () => {
    expect(bpmInRange(fields, { minBpm: 88, maxBpm: 176 })).toBe(174);
  });
  it('stays null without a tempo', () => {
    expect(bpmInRange({ ...fields, bpm: null, octaves: [] }, { minBpm: 70, maxBpm: 180 })).toBeNull();
  });
});
