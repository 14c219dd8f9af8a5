import { buildSet, swapStep, type SetBuilderOptions, type SetBuilderSources, type SetPlan } from '../../core/crates';
import type { TagPreference } from '../../core/analyzers';
import type { RecommendFilters } from '../../core/recommend';
import { Store } from '../store';
import type { TrackView } from '../../core/library/trackView';
import type { CrateService } from './crateService';
import { setTrackFactsOf } from './trackFacts';
import { errorMessage } from '../../core/errors';

/**
 * The set builder in the app: the core planner, with neighbours from the vector index (the BPM
 * step and harmonic constraints become index filters, so each step is one filtered search even at
 * 50k tracks) and facts from the library rows.
 */
export interface SetBuilderState {
  plan: SetPlan | null;
  busy: boolean;
  error: string | null;
  note: string | null;
}

export interface Recommender {
  recommend(seedTrackIds: readonly string[], k: number, filters?: RecommendFilters): Promise<{ trackId: string; score: number }[]>;
  readonly rowOf: ReadonlyMap<string, number>;
}

export class SetBuilderService {
  readonly store = new Store<SetBuilderState>({ plan: null, busy: false, error: null, note: null });

  constructor(
    private readonly view: (trackId: string) => TrackView | undefined,
    private readonly vectors: Recommender,
    private readonly crates: CrateService,
    private readonly preference: () => TagPreference,
  ) {}

  private sources(): SetBuilderSources {
    const preference = this.preference();
    return {
      facts: (id) => {
        const row = this.view(id);
        return row ? setTrackFactsOf(row, preference) : undefined;
      },
      neighbours: async (id, constraints, exclude, k) => {
        if (!this.vectors.rowOf.has(id)) return [];
        const excludeLabels = [...exclude].map((t) => this.vectors.rowOf.get(t)).filter((r): r is number => r !== undefined);
        return this.vectors.recommend([id], k, {
          bpm: constraints.bpm,
          harmonic: { key: constraints.key, energyBoost: constraints.energyBoost },
          excludeLabels,
        });
      },
    };
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.store.set({ busy: true, error: null, note: null });
    try {
      await work();
    } catch (error) {
      this.store.set({ error: errorMessage(error) });
    } finally {
      this.store.set({ busy: false });
    }
  }

  async build(seedTrackId: string, options: SetBuilderOptions): Promise<SetPlan | null> {
    await this.run(async () => {
      if (!this.vectors.rowOf.has(seedTrackId)) throw new Error('Analyse the seed track first: it has no embedding yet');
      const plan = await buildSet(seedTrackId, this.sources(), options);
      this.store.set({ plan, note: plan.note ?? null });
    });
    return this.store.get().plan;
  }

  /** Swap step `index` for the next-best candidate. */
  async swap(index: number): Promise<void> {
    const plan = this.store.get().plan;
    if (!plan) return;
    await this.run(async () => {
      const result = await swapStep(plan, index, this.sources());
      this.store.set({ plan: result.plan, note: result.note ?? result.plan.note ?? null });
    });
  }

  /** Save the planned set as a hand-made crate (play order kept); returns its id. */
  async saveAsCrate(name: string): Promise<string> {
    const plan = this.store.get().plan;
    if (!plan || plan.steps.length === 0) throw new Error('Build a set first');
    return this.crates.create(
      name,
      plan.steps.map((s) => s.trackId),
    );
  }

  clear(): void {
    this.store.set({ plan: null, error: null, note: null });
  }
}
