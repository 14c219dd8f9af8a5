import { asRules, compileRules, describeRules, rulesProblems, similaritySeeds, type CrateRules, type DescribeOptions } from '../../core/crates';
import type { CrateRecord, RbassistDb } from '../../storage/db';
import { isoDate } from '../../core/library/scanLibrary';
import { Store } from '../store';
import type { TrackView } from '../../core/library/trackView';
import type { TagPreference } from '../../core/analyzers';
import { ruleSubjectOf } from './trackFacts';
import { errorMessage } from '../../core/errors';

/**
 * The DJ's crates in IndexedDB (`crates`): hand-made ones hold track ids in play order; smart ones
 * hold rules (as data) and their tracks are worked out live from the library, re-evaluated shortly
 * after the library changes (new analyses, a re-scan, a changed setting).
 */
export interface CratesState {
  /** In display order (by `position`). */
  crates: CrateRecord[];
  /** Current tracks of each smart crate, by crate id (library order). */
  live: Record<string, string[]>;
  /** Why a smart crate could not be evaluated, by crate id. */
  problems: Record<string, string>;
  /** Bumped after every evaluation (tests and the UI wait on it). */
  evaluations: number;
  /** The hand-made crate that "add to crate" actions fill (the one last opened). */
  target: string | null;
}

export interface CrateLibrary {
  tracks(): readonly TrackView[];
  view(trackId: string): TrackView | undefined;
  subscribe(listener: () => void): () => void;
}

export interface CrateServiceOptions {
  preference: () => TagPreference;
  /** Similarity of every embedded track to a seed (for similar-to rules). */
  similarity: (seedTrackId: string, seedName: string) => Promise<ReadonlyMap<string, number>>;
  trackName: (trackId: string) => string | undefined;
  now?: () => number;
  /** Quiet time after a library change before smart crates are evaluated again. */
  debounceMs?: number;
}

export class CrateService {
  readonly store = new Store<CratesState>({ crates: [], live: {}, problems: {}, evaluations: 0, target: null });
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;
  private again = false;
  /** The last edit in line: edits run one at a time (see `edit`). */
  private editing: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: RbassistDb,
    private readonly library: CrateLibrary,
    private readonly options: CrateServiceOptions,
  ) {}

  async load(): Promise<void> {
    const crates = await this.db.crates.orderBy('position').toArray();
    this.store.set({ crates: sortCrates(crates) });
    this.library.subscribe(() => this.scheduleEvaluation());
    await this.evaluate();
  }

  get(id: string): CrateRecord | undefined {
    return this.store.get().crates.find((c) => c.id === id);
  }

  isSmart(crate: CrateRecord): boolean {
    return crate.rules !== undefined;
  }

  rulesOf(crate: CrateRecord): CrateRules | undefined {
    return asRules(crate.rules);
  }

  /** Track ids of a crate in order: stored for hand-made crates, live for smart ones. */
  trackIdsOf(id: string): string[] {
    const crate = this.get(id);
    if (!crate) return [];
    return this.isSmart(crate) ? (this.store.get().live[id] ?? []) : crate.trackIds;
  }

  summary(crate: CrateRecord, options: DescribeOptions = {}): string | undefined {
    const rules = this.rulesOf(crate);
    return rules ? describeRules(rules, { trackName: this.options.trackName, ...options }) : undefined;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private uniqueName(wanted: string): string {
    const names = new Set(this.store.get().crates.map((c) => c.name.toLocaleLowerCase()));
    if (!names.has(wanted.toLocaleLowerCase())) return wanted;
    for (let n = 2; ; n++) if (!names.has(`${wanted} ${n}`.toLocaleLowerCase())) return `${wanted} ${n}`;
  }

  private async save(records: CrateRecord[]): Promise<void> {
    await this.db.crates.bulkPut(records);
    const changed = new Map(records.map((r) => [r.id, r]));
    const crates = this.store.get().crates.map((c) => changed.get(c.id) ?? c);
    for (const record of records) if (!crates.some((c) => c.id === record.id)) crates.push(record);
    this.store.set({ crates: sortCrates(crates) });
  }

  /**
   * Every edit reads the crates, awaits IndexedDB, then writes what it read plus its change. Two
   * at once (two quick clicks on "add") would each write over the other's change, so they run one
   * after the other, each on the state the previous one left.
   */
  private edit<T>(work: () => Promise<T>): Promise<T> {
    const result = this.editing.then(work);
    this.editing = result.catch(() => undefined);
    return result;
  }

  private need(id: string): CrateRecord {
    const crate = this.get(id);
    if (!crate) throw new Error('That crate no longer exists');
    return crate;
  }

  /** A new hand-made crate at the end of the list; returns its id. */
  create(name = 'New crate', trackIds: readonly string[] = []): Promise<string> {
    return this.edit(() => this.createNow(name, trackIds));
  }

  private async createNow(name: string, trackIds: readonly string[]): Promise<string> {
    const record: CrateRecord = {
      id: crypto.randomUUID(),
      name: this.uniqueName(cleanName(name)),
      trackIds: [...new Set(trackIds)],
      position: this.store.get().crates.length,
      updatedAt: this.now(),
    };
    await this.save([record]);
    return record.id;
  }

  /** A new smart crate; rules with problems are refused with the reasons. */
  createSmart(name: string, rules: CrateRules): Promise<string> {
    return this.edit(async () => {
      const problems = rulesProblems(rules);
      if (problems.length) throw new Error(problems.join('; '));
      const record: CrateRecord = {
        id: crypto.randomUUID(),
        name: this.uniqueName(cleanName(name)),
        trackIds: [],
        rules: structuredClone(rules),
        position: this.store.get().crates.length,
        updatedAt: this.now(),
      };
      await this.save([record]);
      await this.evaluate();
      return record.id;
    });
  }

  rename(id: string, name: string): Promise<void> {
    return this.edit(async () => {
      const crate = this.need(id);
      const wanted = cleanName(name);
      if (wanted === crate.name) return;
      const others = this.store.get().crates.filter((c) => c.id !== id);
      if (others.some((c) => c.name.toLocaleLowerCase() === wanted.toLocaleLowerCase())) throw new Error(`There is already a crate called "${wanted}"`);
      await this.save([{ ...crate, name: wanted, updatedAt: this.now() }]);
    });
  }

  setRules(id: string, rules: CrateRules): Promise<void> {
    return this.edit(async () => {
      const crate = this.need(id);
      if (!this.isSmart(crate)) throw new Error(`"${crate.name}" is a hand-made crate: it has no rules`);
      const problems = rulesProblems(rules);
      if (problems.length) throw new Error(problems.join('; '));
      await this.save([{ ...crate, rules: structuredClone(rules), updatedAt: this.now() }]);
      await this.evaluate();
    });
  }

  /** Move a crate to position `toIndex` in the list (drag and drop, Alt+↑/↓). */
  move(id: string, toIndex: number): Promise<void> {
    return this.edit(async () => {
      const crates = [...this.store.get().crates];
      const from = crates.findIndex((c) => c.id === id);
      if (from < 0) throw new Error('That crate no longer exists');
      const to = Math.max(0, Math.min(crates.length - 1, toIndex));
      if (from === to) return;
      const [moved] = crates.splice(from, 1);
      crates.splice(to, 0, moved);
      const updated = crates.map((c, position) => (c.position === position ? c : { ...c, position, updatedAt: c.id === id ? this.now() : c.updatedAt }));
      await this.save(updated.filter((c, i) => c !== crates[i]));
    });
  }

  remove(id: string): Promise<void> {
    return this.edit(async () => {
      await this.db.crates.delete(id);
      const rest = this.store
        .get()
        .crates.filter((c) => c.id !== id)
        .map((c, position) => ({ ...c, position }));
      await this.db.crates.bulkPut(rest);
      const { [id]: _live, ...live } = this.store.get().live;
      const { [id]: _problem, ...problems } = this.store.get().problems;
      this.store.set((state) => ({ crates: rest, live, problems, target: state.target === id ? null : state.target }));
    });
  }

  /** Append tracks not already in the crate; returns how many were added. */
  addTracks(id: string, trackIds: readonly string[]): Promise<number> {
    return this.edit(() => this.addTracksNow(id, trackIds));
  }

  private async addTracksNow(id: string, trackIds: readonly string[]): Promise<number> {
    const crate = this.need(id);
    if (this.isSmart(crate)) throw new Error(`"${crate.name}" is a smart crate: its tracks come from its rules`);
    const present = new Set(crate.trackIds);
    const added = [...new Set(trackIds)].filter((t) => !present.has(t));
    if (added.length) await this.save([{ ...crate, trackIds: [...crate.trackIds, ...added], updatedAt: this.now() }]);
    return added.length;
  }

  /** Make a hand-made crate the one "add to crate" fills; smart crates are ignored. */
  setTarget(id: string): void {
    const crate = this.get(id);
    if (crate && !this.isSmart(crate)) this.store.set({ target: id });
  }

  /** Add tracks to the target crate (a new crate when there is none); says where they went. */
  addToTarget(trackIds: readonly string[]): Promise<{ crateId: string; name: string; added: number }> {
    return this.edit(async () => {
      const current = this.store.get().target;
      let crateId = current && this.get(current) ? current : null;
      if (!crateId) {
        crateId = await this.createNow('New crate', []);
        this.store.set({ target: crateId });
      }
      const added = await this.addTracksNow(crateId, trackIds);
      return { crateId, name: this.get(crateId)!.name, added };
    });
  }

  removeTracks(id: string, trackIds: readonly string[]): Promise<void> {
    return this.edit(async () => {
      const crate = this.need(id);
      if (this.isSmart(crate)) throw new Error(`"${crate.name}" is a smart crate: change its rules instead`);
      const gone = new Set(trackIds);
      await this.save([{ ...crate, trackIds: crate.trackIds.filter((t) => !gone.has(t)), updatedAt: this.now() }]);
    });
  }

  /** Move one track inside a hand-made crate (play order). */
  moveTrack(id: string, from: number, to: number): Promise<void> {
    return this.edit(async () => {
      const crate = this.need(id);
      if (this.isSmart(crate)) return;
      const ids = [...crate.trackIds];
      if (from < 0 || from >= ids.length) return;
      const [moved] = ids.splice(from, 1);
      ids.splice(Math.max(0, Math.min(ids.length, to)), 0, moved);
      await this.save([{ ...crate, trackIds: ids, updatedAt: this.now() }]);
    });
  }

  private scheduleEvaluation(): void {
    if (!this.store.get().crates.some((c) => this.isSmart(c))) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.evaluate(), this.options.debounceMs ?? 300);
  }

  /** Work out every smart crate's tracks now (one evaluation at a time; a request mid-way runs again after). */
  evaluate(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.evaluateOnce();
        } while (this.again);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  private async evaluateOnce(): Promise<void> {
    const smart = this.store.get().crates.filter((c) => this.isSmart(c));
    const preference = this.options.preference();
    const subjects = this.library.tracks().map((view) => ruleSubjectOf(view, preference));
    const live: Record<string, string[]> = {};
    const problems: Record<string, string> = {};
    const today = isoDate(this.now());
    for (const crate of smart) {
      const rules = this.rulesOf(crate);
      if (!rules) {
        problems[crate.id] = 'These rules were saved by another version of rbassist and cannot be read';
        live[crate.id] = [];
        continue;
      }
      const scores = new Map<string, ReadonlyMap<string, number>>();
      for (const seed of similaritySeeds(rules)) {
        try {
          scores.set(seed, await this.options.similarity(seed, this.options.trackName(seed) ?? 'the chosen track'));
        } catch (error) {
          problems[crate.id] = errorMessage(error);
        }
      }
      try {
        const keep = compileRules(rules, { today, similarity: (seed, id) => scores.get(seed)?.get(id) });
        live[crate.id] = subjects.filter(keep).map((s) => s.id);
      } catch (error) {
        problems[crate.id] = errorMessage(error);
        live[crate.id] = [];
      }
    }
    this.store.set((state) => ({ live, problems, evaluations: state.evaluations + 1 }));
  }
}

function cleanName(name: string): string {
  const cleaned = name.replace(/\s+/g, ' ').trim();
  if (!cleaned) throw new Error('A crate needs a name');
  if (cleaned.length > 200) throw new Error('Crate names can be at most 200 characters long');
  return cleaned;
}

function sortCrates(crates: CrateRecord[]): CrateRecord[] {
  return [...crates].sort((a, b) => a.position - b.position || a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1));
}
