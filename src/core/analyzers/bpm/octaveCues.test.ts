import { describe, expect, it } from 'vitest';
import { backbeatEnvelope, backbeatEvenness, backbeatSaysDouble, foldProfile, kickOnEveryHalfBeat, kickSaysHalf } from './octaveCues';

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

  it('says half for a 70 BPM half-time groove read at 140 (the downbeat kick every eight beats), and only then', () => {
    // Kick on 1 and the "and" of 3 of the slow bar, the bass register quiet between.
    const halfTimeKick = pulses(groove(70, [0, 10], 30), 30);
    expect(kickSaysHalf(halfTimeKick, FRAME_RATE, 140)).toBe(true);
    expect(kickSaysHalf(halfTimeKick, FRAME_RATE, 70)).toBe(false);
    // Trap at 140: the kick pattern repeats every bar (four beats).
    expect(kickSaysHalf(pulses(groove(140, [0, 3, 11], 30), 30), FRAME_RATE, 140)).toBe(false);
    // Four on the floor at 146 with a bass note that lands harder every two bars: the kick pairs.
    const fourOnFloor = pulses(groove(146, [0, 4, 8, 12], 30), 30);
    for (const t of groove(73, [0], 30)) fourOnFloor[Math.round(t * FRAME_RATE)] += 0.5;
    expect(kickSaysHalf(fourOnFloor, FRAME_RATE, 146)).toBe(false);
  });
});

describe('foldProfile', () => {
  it('keeps a hit narrower than a bin at its full height, wherever it falls', () => {
    // One 3-frame hit per cycle of eight beats at 140 (343 frames): 48 bins of ~7 frames each.
    const cycle = (8 * 60) / 140;
    for (const offset of [0, 0.023, 0.035, 0.059]) {
      const hits = Array.from({ length: 8 }, (_, c) => 1 + offset + c * cycle);
      const profile = foldProfile(pulses(hits, 30), cycle * FRAME_RATE, 48);
      expect(Math.max(...profile)).toBeGreaterThan(0.7);
    }
  });
});

describe('kick on every half beat', () => {
  it('says double for a four-on-the-floor read at half tempo, not for hip-hop or half-time kicks', () => {
    const scaled = (env: Float32Array) => env.map((v) => 3 * v);
    const fourOnFloor = scaled(pulses(groove(154, [0, 4, 8, 12], 30), 30));
    // At 77 the first beat sits on a kick; every half beat of 77 is a beat of 154.
    const phase = Math.round(groove(154, [0], 30)[0] * FRAME_RATE);
    expect(kickOnEveryHalfBeat(fourOnFloor, FRAME_RATE, 77, phase)).toBe(true);
    const hipHop = scaled(pulses(groove(90, [0, 7, 10], 30), 30));
    expect(kickOnEveryHalfBeat(hipHop, FRAME_RATE, 90, 0)).toBe(false);
    const halfTime = scaled(pulses(groove(70, [0, 10], 30), 30));
    expect(kickOnEveryHalfBeat(halfTime, FRAME_RATE, 70, 0)).toBe(false);
  });
});
