import { areCompatible, type MusicalKey } from '../music/keys';
import { tempoRelation, type BpmRange } from '../recommend/tempo';
import { energyTargets, type EnergyCurve } from './energyCurve';

/**
 * Set builder: from a seed track, an ordered path where every step is similar to the one before,
 * harmonically compatible with it (Camelot wheel) and within a BPM step of it, with energies that
 * follow the curve the DJ picked. Similarity comes from a neighbour source (the vector index in the
 * app, brute force in tests); the hard constraints are checked here again whatever the source
 * returns. Deterministic: same library, same options, same path.
 */
export interface SetTrackFacts {
  id: string;
  bpm?: number;
  key?: MusicalKey;
  /** 1–10. */
  energy?: number;
}

/** What the next track must satisfy relative to the current one (so a source can pre-filter). */
export interface StepConstraints {
  bpm: BpmRange;
  key: MusicalKey;
  energyBoost: boolean;
}

export interface NeighbourCandidate {
  trackId: string;
  /** Cosine similarity to the current track. */
  score: number;
}

export interface SetBuilderSources {
  facts(trackId: string): SetTrackFacts | undefined;
  /** Up to `k` tracks most similar to `trackId`, best first, leaving out `exclude`. */
  neighbours(trackId: string, constraints: StepConstraints, exclude: ReadonlySet<string>, k: number): Promise<NeighbourCandidate[]>;
}

export interface SetBuilderOptions {
  /** Tracks in the set, the seed included (2–100). */
  length: number;
  curve: EnergyCurve;
  /** Largest BPM change from one track to the next. */
  maxBpmStep: number;
  /** Also allow a step to a track at half or double tempo (within the step limit). */
  halfDouble?: boolean;
  /** Allow +2 on the Camelot wheel ("energy boost") as a compatible step. */
  energyBoost?: boolean;
  /** How much one energy point off the curve costs, in units of similarity / 9 (default 1). */
  energyWeight?: number;
  /** Candidates looked at per step (default 30). */
  candidatesPerStep?: number;
  /** Neighbour look-ups allowed while backtracking out of dead ends (default 120). */
  searchBudget?: number;
}

export interface RankedCandidate {
  trackId: string;
  similarity: number;
  energy?: number;
  /** Similarity minus the energy-curve penalty: what the ranking sorts on. */
  value: number;
}

export interface SetStep {
  trackId: string;
  /** Similarity to the previous track (1 for the seed). */
  similarity: number;
  targetEnergy: number;
  /** The ranked candidates for this position (after the previous step); `choice` is the one used. */
  ranked: RankedCandidate[];
  choice: number;
}

export interface SetPlan {
  seedId: string;
  options: SetBuilderOptions;
  steps: SetStep[];
  complete: boolean;
  /** Why the set is shorter than asked, in words for the DJ. */
  note?: string;
}

function constraintsAfter(track: SetTrackFacts, options: SetBuilderOptions): StepConstraints {
  return {
    bpm: { min: track.bpm! - options.maxBpmStep, max: track.bpm! + options.maxBpmStep, halfDouble: options.halfDouble ?? false },
    key: track.key!,
    energyBoost: options.energyBoost ?? false,
  };
}

/** Whether `next` may follow `previous`: within the BPM step and harmonically compatible. */
export function stepAllowed(
  previous: SetTrackFacts,
  next: SetTrackFacts,
  options: Pick<SetBuilderOptions, 'maxBpmStep' | 'halfDouble' | 'energyBoost'>,
): boolean {
  if (previous.bpm === undefined || previous.key === undefined || next.bpm === undefined || next.key === undefined) return false;
  const range = { min: previous.bpm - options.maxBpmStep, max: previous.bpm + options.maxBpmStep, halfDouble: options.halfDouble ?? false };
  return tempoRelation(next.bpm, range) !== undefined && areCompatible(previous.key, next.key, { energyBoost: options.energyBoost ?? false });
}

function validate(options: SetBuilderOptions): void {
  if (!Number.isInteger(options.length) || options.length < 2 || options.length > 100) throw new RangeError(`A set has 2–100 tracks, not ${options.length}`);
  if (!(options.maxBpmStep >= 0)) throw new RangeError(`The BPM step must be 0 or more, not ${options.maxBpmStep}`);
}

function seedFacts(sources: SetBuilderSources, seedId: string): SetTrackFacts {
  const seed = sources.facts(seedId);
  if (!seed) throw new Error('The seed track is not in the library');
  if (seed.bpm === undefined || seed.key === undefined) throw new Error('The seed track needs a BPM and a key: analyse it first');
  return seed;
}

class Planner {
  private budget: number;
  private best: SetStep[] = [];
  readonly targets: number[];

  constructor(
    private readonly sources: SetBuilderSources,
    private readonly options: SetBuilderOptions,
    startEnergy: number,
  ) {
    this.budget = options.searchBudget ?? 120;
    this.targets = energyTargets(options.curve, options.length, startEnergy);
  }

  /** Candidates for position `index` after `previous`, best first, constraints enforced. */
  async rank(previous: SetTrackFacts, index: number, exclude: ReadonlySet<string>): Promise<RankedCandidate[]> {
    const { options, sources } = this;
    const found = await sources.neighbours(previous.id, constraintsAfter(previous, options), exclude, options.candidatesPerStep ?? 30);
    const weight = options.energyWeight ?? 1;
    const target = this.targets[index];
    const ranked: RankedCandidate[] = [];
    const seen = new Set<string>();
    for (const { trackId, score } of found) {
      if (exclude.has(trackId) || seen.has(trackId) || trackId === previous.id) continue;
      seen.add(trackId);
      const facts = sources.facts(trackId);
      if (!facts || !stepAllowed(previous, facts, options)) continue;
      // An unknown energy counts as the worst miss: the curve cannot be vouched for.
      const miss = facts.energy === undefined ? 9 : Math.abs(facts.energy - target);
      ranked.push({ trackId, similarity: score, energy: facts.energy, value: score - (weight * miss) / 9 });
    }
    return ranked.sort((a, b) => b.value - a.value || (a.trackId < b.trackId ? -1 : a.trackId > b.trackId ? 1 : 0));
  }

  /** Depth-first: best candidate first, back up out of dead ends while the budget lasts. */
  async extend(path: SetStep[], used: Set<string>): Promise<boolean> {
    if (path.length > this.best.length) this.best = path.slice();
    if (path.length >= this.options.length) return true;
    if (this.budget <= 0) return false;
    this.budget--;
    const previous = this.sources.facts(path[path.length - 1].trackId)!;
    const index = path.length;
    const ranked = await this.rank(previous, index, used);
    for (let choice = 0; choice < ranked.length; choice++) {
      const candidate = ranked[choice];
      path.push({ trackId: candidate.trackId, similarity: candidate.similarity, targetEnergy: this.targets[index], ranked, choice });
      used.add(candidate.trackId);
      if (await this.extend(path, used)) return true;
      path.pop();
      used.delete(candidate.trackId);
      if (this.budget <= 0) break;
    }
    return false;
  }

  get longest(): SetStep[] {
    return this.best;
  }
}

function shortNote(steps: SetStep[], options: SetBuilderOptions): string | undefined {
  if (steps.length >= options.length) return undefined;
  return `Only ${steps.length} of ${options.length} tracks fit: nothing else is similar, harmonically compatible and within ${options.maxBpmStep} BPM of the last one`;
}

export async function buildSet(seedId: string, sources: SetBuilderSources, options: SetBuilderOptions): Promise<SetPlan> {
  validate(options);
  const seed = seedFacts(sources, seedId);
  const planner = new Planner(sources, options, seed.energy ?? 5);
  const start: SetStep = { trackId: seedId, similarity: 1, targetEnergy: planner.targets[0], ranked: [], choice: 0 };
  const complete = await planner.extend([start], new Set([seedId]));
  const steps = planner.longest;
  return { seedId, options, steps, complete, note: complete ? undefined : shortNote(steps, options) };
}

export interface SwapResult {
  plan: SetPlan;
  swapped: boolean;
  /** Why nothing changed, or that the rest of the set was planned again. */
  note?: string;
}

/**
 * Replace step `index` with the next-best candidate for that position (one not used elsewhere in
 * the set). The rest of the set is kept when it still fits after the new track; otherwise it is
 * planned again from there.
 */
export async function swapStep(plan: SetPlan, index: number, sources: SetBuilderSources): Promise<SwapResult> {
  const { steps, options } = plan;
  if (!Number.isInteger(index) || index < 1 || index >= steps.length)
    throw new RangeError(`Step ${index + 1} cannot be swapped (the seed stays; the set has ${steps.length} tracks)`);
  const current = steps[index];
  const elsewhere = new Set(steps.filter((_, i) => i !== index).map((s) => s.trackId));
  let choice = current.choice + 1;
  while (choice < current.ranked.length && elsewhere.has(current.ranked[choice].trackId)) choice++;
  if (choice >= current.ranked.length) return { plan, swapped: false, note: `No other track fits step ${index + 1}` };

  const picked = current.ranked[choice];
  const head: SetStep[] = [...steps.slice(0, index), { ...current, trackId: picked.trackId, similarity: picked.similarity, choice }];
  const planner = new Planner(sources, options, sources.facts(plan.seedId)?.energy ?? 5);
  const used = new Set(head.map((s) => s.trackId));
  const tail = steps.slice(index + 1);

  if (tail.length > 0) {
    // Keep the rest when the old next track is still a candidate after the new one.
    const pickedFacts = sources.facts(picked.trackId)!;
    const exclude = new Set([...used, ...tail.slice(1).map((s) => s.trackId)]);
    const ranked = await planner.rank(pickedFacts, index + 1, exclude);
    const at = ranked.findIndex((r) => r.trackId === tail[0].trackId);
    if (at >= 0) {
      const next = { ...tail[0], similarity: ranked[at].similarity, ranked, choice: at };
      return { plan: { ...plan, steps: [...head, next, ...tail.slice(1)] }, swapped: true };
    }
  }
  const complete = await planner.extend(head, used);
  const rebuilt = planner.longest;
  return {
    plan: { ...plan, steps: rebuilt, complete, note: complete ? undefined : shortNote(rebuilt, options) },
    swapped: true,
    note: tail.length > 0 ? `The tracks after step ${index + 1} were planned again to fit the new one` : undefined,
  };
}

/** The planned track ids, in order. */
export function planTrackIds(plan: SetPlan): string[] {
  return plan.steps.map((step) => step.trackId);
}
