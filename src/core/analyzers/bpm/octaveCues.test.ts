import { describe, expect, it } from 'vitest';
import { backbeatEnvelope, backbeatEvenness, backbeatSaysDouble, backbeatSaysHalf } from './octaveCues';

const FRAME_RATE = 100;

/** An envelope with unit pulses (3 frames wide) at the given times (s), over `seconds`. */
function pulses(times: number[], seconds: number): Float32Array {
  const env = new Float32Array(seconds * FRAME_RATE);
  for (const t of times) for (let k = -1; k <= 1; k++) env[Math.round(t * FRAME_RATE) + k] = k === 0 ? 1 : 0.5;
  return env;
}

/** Hits at `steps` (16ths) of every bar at `bpm`. */
function groove(bpm: number, steps: number[], seconds: number): number[] {
  const bar = (4 * 60) / bpm;
  const out: number[] = [];
  for (let start = 0; start + bar <= seconds; start += bar) for (const s of steps) out.push(start + (s / 16) * bar);
  return out;
}

describe('backbeat cue for the metrical level', () => {
  it('says double for drum & bass read at half tempo (snares on 2 and 4 at 174)', () => {
    const snare = pulses(groove(174, [4, 12], 30), 30);
    const kick = pulses(groove(174, [0, 10], 30), 30);
    const backbeat = backbeatEnvelope(snare, kick);
    expect(backbeatEvenness(backbeat, FRAME_RATE, 87)).toBeGreaterThan(0.9);
    expect(backbeatSaysDouble(backbeat, FRAME_RATE, 87)).toBe(true);
    expect(backbeatSaysDouble(backbeat, FRAME_RATE, 174)).toBe(false);
  });

  it('leaves hip-hop (snare on 2 and 4 at 90) and half-time (snare on 3 at 140) alone', () => {
    const hipHop = backbeatEnvelope(pulses(groove(90, [4, 12], 30), 30), pulses(groove(90, [0, 7, 10], 30), 30));
    expect(backbeatSaysDouble(hipHop, FRAME_RATE, 90)).toBe(false);
    const halfTime = backbeatEnvelope(pulses(groove(140, [8], 30), 30), pulses(groove(140, [0, 3, 11], 30), 30));
    expect(backbeatSaysDouble(halfTime, FRAME_RATE, 70)).toBe(false);
  });

  it('does not mistake a kick click in the snare band for a second snare', () => {
    // The snare band hears the kick (0) and the snare (4 of 8 at 90): only the kick-free envelope alternates.
    const kick = pulses(groove(90, [0, 8], 30), 30);
    const snareBand = pulses([...groove(90, [0, 8], 30), ...groove(90, [4, 12], 30)], 30);
    expect(backbeatEvenness(snareBand, FRAME_RATE, 90)).toBeGreaterThan(0.9);
    expect(backbeatSaysDouble(backbeatEnvelope(snareBand, kick), FRAME_RATE, 90)).toBe(false);
  });

  it('says half for a 70 BPM half-time groove with busy 16th hats read at 140, and only then', () => {
    // Snare on 3 of the slow bar, 16th hats (the 8ths at 140) in the same band.
    const hats = groove(
      70,
      Array.from({ length: 16 }, (_, i) => i),
      30,
    );
    const halfTime = pulses(hats, 30).map((hat) => 0.5 * hat);
    const snareOn3 = pulses(groove(70, [8], 30), 30);
    for (let i = 0; i < halfTime.length; i++) halfTime[i] += snareOn3[i];
    expect(backbeatSaysHalf(halfTime, FRAME_RATE, 140)).toBe(true);
    // Trap at 140 (snare on 3 of every bar), hip-hop at 85 read at 170 (2 and 4 = every 4 beats at 170).
    const trap = backbeatEnvelope(
      pulses(
        [
          ...groove(
            140,
            Array.from({ length: 16 }, (_, i) => i),
            30,
          ),
          ...groove(140, [8], 30),
        ],
        30,
      ),
      pulses(groove(140, [0, 3, 11], 30), 30),
    );
    expect(backbeatSaysHalf(trap, FRAME_RATE, 140)).toBe(false);
    const hipHop = backbeatEnvelope(pulses(groove(85, [4, 12], 30), 30), pulses(groove(85, [0, 7, 10], 30), 30));
    expect(backbeatSaysHalf(hipHop, FRAME_RATE, 170)).toBe(false);
  });
});
