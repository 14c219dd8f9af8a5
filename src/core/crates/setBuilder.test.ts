import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../hash';
import { energyTargets, ENERGY_CURVES, type EnergyCurve } from './energyCurve';
import { buildSet, planTrackIds, stepAllowed, swapStep, type SetBuilderOptions, type SetPlan } from './setBuilder';
import { bruteForceSources, randomLibrary, type TestTrack } from './testLibrary';

function assertConstraints(plan: SetPlan, tracks: readonly TestTrack[], options: SetBuilderOptions) {
  const byId = new Map(tracks.map((t) => [t.id, t]));
  const ids = planTrackIds(plan);
  expect(ids[0]).toBe(plan.seedId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.length).toBeLessThanOrEqual(options.length);
  for (let i = 1; i < ids.length; i++) {
    const previous = byId.get(ids[i - 1])!;
    const next = byId.get(ids[i])!;
    expect(stepAllowed(previous, next, options), `${previous.id}→${next.id}`).toBe(true);
    const jump = Math.min(...[1, 2, 0.5].filter((f) => f === 1 || options.halfDouble).map((f) => Math.abs(next.bpm! * f - previous.bpm!)));
    expect(jump).toBeLessThanOrEqual(options.maxBpmStep + 1e-9);
  }
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('energy curves', () => {
  it('build rises, cool down falls, peak rises then falls, all within 1–10', () => {
    expect(energyTargets('build', 5, 4)).toEqual([4, 5, 6, 7, 8]);
    expect(energyTargets('cooldown', 5, 7)).toEqual([7, 6, 5, 4, 3]);
    const peak = energyTargets('peak', 11, 5);
    expect(Math.max(...peak)).toBe(peak[6]);
    expect(peak[0]).toBe(5);
    expect(peak[10]).toBe(5);
    for (const curve of ENERGY_CURVES) for (const start of [1, 5, 10]) for (const e of energyTargets(curve, 12, start)) expect(e >= 1 && e <= 10).toBe(true);
  });
});

describe('set builder', () => {
  it('every step is similar, harmonically compatible and within the BPM step — for random libraries, seeds and options', async () => {
    const random = mulberry32(7);
    for (let trial = 0; trial < 24; trial++) {
      const tracks = randomLibrary(1000 + trial, 250);
      const seeds = tracks.filter((t) => t.bpm !== undefined && t.key !== undefined);
      const seed = seeds[Math.floor(random() * seeds.length)];
      const options: SetBuilderOptions = {
        length: 2 + Math.floor(random() * 14),
        curve: ENERGY_CURVES[trial % ENERGY_CURVES.length],
        maxBpmStep: [1, 2, 4, 8][Math.floor(random() * 4)],
        halfDouble: random() < 0.3,
        energyBoost: random() < 0.3,
      };
      // A source that ignores the constraints proves the builder enforces them itself.
      const sources = bruteForceSources(tracks, { ignoreConstraints: trial % 2 === 1 });
      const plan = await buildSet(seed.id, sources, options);
      assertConstraints(plan, tracks, options);
      expect(plan.complete).toBe(plan.steps.length === options.length);
      if (!plan.complete) expect(plan.note).toMatch(/Only \d+ of \d+ tracks fit/);
    }
  });

  it('fills the whole set in a library that allows it, and follows the energy curve', async () => {
    const tracks = randomLibrary(5, 600, { missingShare: 0 });
    const sources = bruteForceSources(tracks);
    const seed = tracks.find((t) => t.energy === 5)!;
    const shapes: Record<EnergyCurve, number[]> = { build: [], peak: [], cooldown: [], flat: [] };
    for (const curve of ENERGY_CURVES) {
      const options: SetBuilderOptions = { length: 12, curve, maxBpmStep: 4 };
      const plan = await buildSet(seed.id, sources, options);
      expect(plan.complete).toBe(true);
      assertConstraints(plan, tracks, options);
      shapes[curve] = planTrackIds(plan).map((id) => tracks.find((t) => t.id === id)!.energy!);
    }
    expect(mean(shapes.build.slice(8))).toBeGreaterThan(mean(shapes.build.slice(1, 4)) + 1.5);
    expect(mean(shapes.cooldown.slice(8))).toBeLessThan(mean(shapes.cooldown.slice(1, 4)) - 1.5);
    expect(Math.max(...shapes.peak.slice(5, 9))).toBeGreaterThan(Math.max(shapes.peak[1], shapes.peak[11]));
  });

  it('is deterministic: same library and options, same set and same swaps', async () => {
    const tracks = randomLibrary(42, 400);
    const seed = tracks.find((t) => t.bpm && t.key)!;
    const options: SetBuilderOptions = { length: 10, curve: 'peak', maxBpmStep: 3 };
    const run = async () => {
      const sources = bruteForceSources(tracks);
      const plan = await buildSet(seed.id, sources, options);
      const swapped = await swapStep(plan, 4, sources);
      return [planTrackIds(plan), planTrackIds(swapped.plan)];
    };
    expect(await run()).toEqual(await run());
  });

  it('swap gives the next-best candidate for that step and keeps every constraint', async () => {
    const tracks = randomLibrary(11, 500, { missingShare: 0 });
    const sources = bruteForceSources(tracks);
    const seed = tracks[3];
    const options: SetBuilderOptions = { length: 8, curve: 'build', maxBpmStep: 4 };
    let plan = await buildSet(seed.id, sources, options);
    expect(plan.complete).toBe(true);
    const seen = new Set<string>([plan.steps[3].trackId]);
    for (let swaps = 0; swaps < 5; swaps++) {
      const before = plan.steps[3];
      const result = await swapStep(plan, 3, sources);
      if (!result.swapped) break;
      const after = result.plan.steps[3];
      // The next one down the same ranked list, never one already used elsewhere.
      expect(after.choice).toBeGreaterThan(before.choice);
      expect(after.ranked).toBe(before.ranked);
      expect(after.trackId).toBe(before.ranked[after.choice].trackId);
      expect(seen.has(after.trackId)).toBe(false);
      seen.add(after.trackId);
      expect(planTrackIds(result.plan).slice(0, 3)).toEqual(planTrackIds(plan).slice(0, 3));
      assertConstraints(result.plan, tracks, options);
      plan = result.plan;
    }
    expect(seen.size).toBeGreaterThan(2);
  });

  it('says when a step has no other candidate, and refuses to swap the seed', async () => {
    // Three tracks that only chain one way: seed → b → c.
    const base = randomLibrary(3, 3, { missingShare: 0 });
    const tracks: TestTrack[] = base.map((t, i) => ({ ...t, bpm: 120 + i, key: base[0].key, energy: 5 }));
    const sources = bruteForceSources(tracks);
    const plan = await buildSet(tracks[0].id, sources, { length: 3, curve: 'flat', maxBpmStep: 1 });
    expect(planTrackIds(plan)).toEqual([tracks[0].id, tracks[1].id, tracks[2].id]);
    const result = await swapStep(plan, 2, sources);
    expect(result).toMatchObject({ swapped: false, note: 'No other track fits step 3' });
    await expect(swapStep(plan, 0, sources)).rejects.toThrow(/seed stays/);
  });

  it('backs out of dead ends instead of stopping short', async () => {
    // seed → a is the most similar but leads nowhere; seed → b → c completes the set.
    const mk = (id: string, bpm: number, vector: number[]): TestTrack => ({
      id,
      bpm,
      key: { tonic: 9, mode: 'minor' },
      energy: 5,
      vector: Float32Array.from(vector),
      genre: 'x',
    });
    const tracks = [mk('seed', 120, [1, 0]), mk('a', 122, [1, 0]), mk('b', 119, [0.9, 0.43]), mk('c', 118, [0.8, 0.6])];
    const plan = await buildSet('seed', bruteForceSources(tracks), { length: 3, curve: 'flat', maxBpmStep: 2 });
    expect(planTrackIds(plan)).toEqual(['seed', 'b', 'c']);
    expect(plan.complete).toBe(true);
  });

  it('explains what the seed is missing and what options are wrong', async () => {
    const tracks = randomLibrary(1, 5);
    const noBpm = { ...tracks[0], bpm: undefined };
    const sources = bruteForceSources([noBpm, ...tracks.slice(1)]);
    await expect(buildSet(noBpm.id, sources, { length: 4, curve: 'build', maxBpmStep: 2 })).rejects.toThrow(
      'The seed track needs a BPM and a key: analyse it first',
    );
    await expect(buildSet(tracks[1].id, sources, { length: 1, curve: 'build', maxBpmStep: 2 })).rejects.toThrow(/2–100 tracks/);
    await expect(buildSet('nope', sources, { length: 4, curve: 'build', maxBpmStep: 2 })).rejects.toThrow(/not in the library/);
  });
});
