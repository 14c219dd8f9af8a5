/**
 * Invariants over many seeded random tracks, curves and (valid) edited profiles.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../hash';
import { pickWindows, type WindowSelection } from './pickWindows';
import { ADAPTIVE, BALANCED_120S, BASELINE_75S, CLUB_HIFI_150S, type SamplingProfile } from './profile';
import { makeCurves, type CurveSpec } from './testCurves';
import { validateProfile } from './validateProfile';

function randomSpec(rand: () => number): CurveSpec {
  const r = rand();
  const durationSec = r < 0.15 ? rand() * 12 : r < 0.45 ? 10 + rand() * 150 : 150 + rand() * 1050;
  const onsets: number[] = [];
  for (let t = rand() * 20; t < durationSec; t += 0.2 + rand() * (rand() < 0.2 ? 20 : 1.5)) onsets.push(t);
  const noveltyPeaks = Array.from({ length: Math.floor(rand() * 30) }, () => ({ atSec: rand() * durationSec, height: rand() * 2 }));
  const silences: [number, number][] = [];
  if (rand() < 0.3) silences.push([0, rand() * durationSec * 0.4]); // silent intro
  if (rand() < 0.3) silences.push([durationSec * (0.6 + rand() * 0.4), durationSec + 1]); // silent outro
  if (rand() < 0.05) silences.push([0, durationSec + 1]); // all silent
  return {
    durationSec,
    frameRate: rand() < 0.8 ? 11025 / 256 : 24000 / 512,
    level: 10 ** (-(5 + rand() * 40) / 20),
    onsets,
    onsetFloor: rand(),
    noveltyPeaks,
    silences,
  };
}

/** A random edit of a built-in profile that still passes validation. */
function randomProfile(rand: () => number): SamplingProfile {
  const base = structuredClone([CLUB_HIFI_150S, BALANCED_120S, BASELINE_75S, ADAPTIVE][Math.floor(rand() * 4)]);
  if (rand() < 0.5) return base;
  base.name = 'edited';
  base.startSkipSec = Math.round(rand() * 30);
  base.main.lengthSec = 5 + Math.round(rand() * 200);
  base.extras.count = Math.floor(rand() * 5);
  base.extras.lengthSec = 1 + Math.round(rand() * 59);
  base.extras.regionStartFraction = Math.round(rand() * 95) / 100;
  base.minGapSec = Math.round(rand() * 30);
  base.extras.forceOneInLastSec = rand() < 0.7 ? Math.max(base.extras.lengthSec, 60) : null;
  if (base.adaptive)
    base.adaptive.levels = base.adaptive.levels.map((l) => ({ ...l, extraLengthSec: Math.min(l.extraLengthSec, base.extras.forceOneInLastSec ?? 300) }));
  const checked = validateProfile(base);
  if (!checked.ok) throw new Error(`test generated an invalid profile: ${checked.reason.join('; ')}`);
  return checked.value;
}

function checkInvariants(s: WindowSelection, durationSec: number, profile: SamplingProfile): void {
  const d = Math.floor(durationSec * 1000) / 1000;
  if (s.silent) {
    expect(s.windows).toEqual([]);
    return;
  }
  expect(s.windows.length).toBeGreaterThanOrEqual(1);
  expect(s.windows.filter((w) => w.kind === 'main')).toHaveLength(1);
  expect(s.windows.length).toBeLessThanOrEqual(1 + profile.extras.count);
  for (const [i, w] of s.windows.entries()) {
    expect(w.startSec).toBeGreaterThanOrEqual(0);
    expect(w.endSec).toBeLessThanOrEqual(d);
    expect(w.endSec).toBeGreaterThan(w.startSec);
    if (i > 0) {
      const gap = w.startSec - s.windows[i - 1].endSec;
      expect(gap).toBeGreaterThanOrEqual(profile.minGapSec - 1e-9);
    }
  }
  const extras = s.windows.filter((w) => w.kind !== 'main');
  for (const w of extras) expect(w.kind).toBe(profile.extras.kind);
  // All extras share one length, never below 10 s unless configured shorter.
  for (const w of extras) expect(w.endSec - w.startSec).toBeCloseTo(extras[0].endSec - extras[0].startSec, 2);
  if (extras.length > 0)
    expect(extras[0].endSec - extras[0].startSec).toBeGreaterThanOrEqual(
      Math.min(10, profile.extras.lengthSec, ...(profile.adaptive?.levels.map((l) => l.extraLengthSec) ?? [])) - 0.002,
    );
  expect(s.totalSec).toBeLessThanOrEqual(s.budgetSec + 0.001 + (d < 60 ? d : 0));
  const force = profile.extras.forceOneInLastSec;
  if (extras.length > 0 && force !== null && durationSec > profile.extras.forceWhenLongerThanSec && !s.notes.some((n) => n.includes('rule skipped'))) {
    expect(extras.some((w) => w.startSec >= d - force - profile.extras.leadInSec - 0.001)).toBe(true);
  }
}

describe('pickWindows invariants (property-style, seeded)', () => {
  it('never overlaps, never leaves the track, never empties a window, keeps gaps — over 400 random cases', () => {
    const rand = mulberry32(20240601);
    const seen = { silent: 0, whole: 0, shortened: 0, twoExtras: 0, forced: 0 };
    for (let i = 0; i < 400; i++) {
      const spec = randomSpec(rand);
      const curves = makeCurves(spec);
      const profile = randomProfile(rand);
      const seed = Math.floor(rand() * 2 ** 32);
      // Decoders report durations that differ slightly from frames × hop: jitter it.
      const duration = Math.max(0, spec.durationSec + (rand() - 0.5) * 0.05);
      let s: WindowSelection;
      try {
        s = pickWindows(curves, duration, profile, seed);
        checkInvariants(s, duration, profile);
        expect(pickWindows(curves, duration, structuredClone(profile), seed)).toEqual(s);
      } catch (error) {
        throw new Error(`case ${i} (duration ${duration.toFixed(3)} s, profile ${JSON.stringify(profile)}): ${(error as Error).message}`, { cause: error });
      }
      if (s.silent) seen.silent++;
      else if (s.notes.some((n) => n.startsWith('short track'))) seen.whole++;
      if (s.notes.some((n) => n.includes('shortened to'))) seen.shortened++;
      if (s.windows.length >= 3) seen.twoExtras++;
      if (s.windows.some((w) => w.kind === 'tail' && w.startSec >= duration - 60)) seen.forced++;
    }
    // The generator reaches every branch often enough for the invariants to mean something.
    expect(seen.silent).toBeGreaterThanOrEqual(10);
    expect(seen.whole).toBeGreaterThanOrEqual(30);
    expect(seen.shortened).toBeGreaterThanOrEqual(20);
    expect(seen.twoExtras).toBeGreaterThanOrEqual(100);
    expect(seen.forced).toBeGreaterThanOrEqual(100);
  });
});
