/**
 * Layered onset density: dense 16ths at drum & bass tempo, and a sustained layer over them, must
 * not hide attacks (the cause of a busier arrangement scoring lower energy).
 * @module
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../hash';
import { layeredOnsetDensity } from './energyAnalyzer';

const SR = 11025;
const EIGHTHS = [0, 2, 4, 6, 8, 10, 12, 14];
const SIXTEENTHS = Array.from({ length: 16 }, (_, i) => i);

/** Noise-burst hats at `steps` (16ths) of every bar, plus long open hats at `openSteps`. */
function hats(bpm: number, steps: number[], openSteps: number[], seconds = 20): Float32Array {
  const out = new Float32Array(seconds * SR);
  const rand = mulberry32(7);
  const bar = (4 * 60) / bpm;
  const hit = (t: number, decaySec: number, amp: number) => {
    const start = Math.round(t * SR);
    for (let i = 0; i < decaySec * 5 * SR && start + i < out.length; i++) out[start + i] += amp * (rand() * 2 - 1) * Math.exp(-i / (decaySec * SR));
  };
  for (let b = 0; b * bar < seconds; b++) {
    for (const s of steps) hit(b * bar + (s / 16) * bar, 0.015, 0.3);
    for (const s of openSteps) hit(b * bar + (s / 16) * bar, 0.12, 0.2);
  }
  return out;
}

describe('layered onset density', () => {
  it('counts 16th hats at 174 BPM twice as often as 8ths, and keeps them under open hats', () => {
    const eighths = layeredOnsetDensity(hats(174, EIGHTHS, []), SR);
    const sixteenths = layeredOnsetDensity(hats(174, SIXTEENTHS, []), SR);
    const withOpenHats = layeredOnsetDensity(hats(174, SIXTEENTHS, [2, 6, 10, 14]), SR);
    expect(sixteenths).toBeGreaterThan(1.8 * eighths);
    // A ±100 ms local mean lost a quarter of the 16ths under the open hats' tails (46 → 34 a second).
    expect(withOpenHats).toBeGreaterThan(0.9 * sixteenths);
  });
});
