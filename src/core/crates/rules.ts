import { parseKey, toCamelot, type MusicalKey } from '../music/keys';

/**
 * Smart-crate rules as plain data (stored in the `crates` table as is): "all"/"any" of a list of
 * conditions. Keys are stored as Camelot codes so a saved rule reads the same whatever notation the
 * DJ displays; dates are yyyy-mm-dd like `TrackRecord.dateAdded`.
 */
export const RULES_VERSION = 1;

export type TextField = 'genre' | 'label' | 'artist' | 'album' | 'title' | 'comment' | 'any';

export type RuleCondition =
  /** Inclusive BPM range; either end may be open. `halfDouble` also accepts tracks at half/double tempo. */
  | { kind: 'bpm'; min?: number; max?: number; halfDouble?: boolean }
  /** The key itself (`is`) or any key that mixes with it on the Camelot wheel (`compatible`). */
  | { kind: 'key'; key: string; match: 'is' | 'compatible'; energyBoost?: boolean }
  /** Inclusive energy band 1–10; either end may be open. */
  | { kind: 'energy'; min?: number; max?: number }
  /** Every word of `contains` appears in the field (case- and accent-insensitive). */
  | { kind: 'text'; field: TextField; contains: string }
  /** Added on/after `after`, on/before `before`, or within the last `withinDays` days (inclusive). */
  | { kind: 'dateAdded'; after?: string; before?: string; withinDays?: number }
  /** Analysed and embedded (has a vector for the active model), or not yet. */
  | { kind: 'hasVector'; value: boolean }
  /** Cosine similarity to track `trackId` of at least `minScore` (0–1). */
  | { kind: 'similarTo'; trackId: string; minScore: number };

export type RuleKind = RuleCondition['kind'];

export interface CrateRules {
  version: typeof RULES_VERSION;
  match: 'all' | 'any';
  conditions: RuleCondition[];
}

/** What a rule can look at for one track (filled by the app from tags and analysis). */
export interface RuleSubject {
  id: string;
  bpm?: number;
  key?: MusicalKey;
  energy?: number;
  title?: string;
  artist?: string;
  album?: string;
  genre?: string;
  label?: string;
  comment?: string;
  /** yyyy-mm-dd. */
  dateAdded?: string;
  hasVector: boolean;
}

export function emptyRules(match: CrateRules['match'] = 'all'): CrateRules {
  return { version: RULES_VERSION, match, conditions: [] };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

function checkRange(name: string, min: number | undefined, max: number | undefined, lowest: number, highest: number): string | undefined {
  if (min === undefined && max === undefined) return `${name}: give a lower or an upper limit`;
  for (const value of [min, max]) {
    if (value !== undefined && !(Number.isFinite(value) && value >= lowest && value <= highest)) return `${name}: ${value} is outside ${lowest}–${highest}`;
  }
  if (min !== undefined && max !== undefined && min > max) return `${name}: the range ${min}–${max} is empty`;
  return undefined;
}

/** What is wrong with one condition, in words for the DJ; undefined when it is usable. */
export function conditionProblem(condition: RuleCondition): string | undefined {
  switch (condition.kind) {
    case 'bpm':
      return checkRange('BPM', condition.min, condition.max, 1, 400);
    case 'energy':
      return checkRange('Energy', condition.min, condition.max, 1, 10);
    case 'key':
      return parseKey(condition.key) ? undefined : `Key: "${condition.key}" is not a key (try 8A, Am or 1m)`;
    case 'text':
      return condition.contains.trim() ? undefined : `Text (${condition.field}): type something to look for`;
    case 'dateAdded': {
      const { after, before, withinDays } = condition;
      if (after === undefined && before === undefined && withinDays === undefined) return 'Date added: give a date or a number of days';
      for (const date of [after, before]) if (date !== undefined && !isDate(date)) return `Date added: "${date}" is not a yyyy-mm-dd date`;
      if (withinDays !== undefined && !(Number.isInteger(withinDays) && withinDays >= 0)) return `Date added: ${withinDays} is not a whole number of days`;
      if (after !== undefined && before !== undefined && after > before) return `Date added: ${after} is after ${before}`;
      return undefined;
    }
    case 'hasVector':
      return undefined;
    case 'similarTo':
      if (!condition.trackId) return 'Similar to: pick a track';
      return Number.isFinite(condition.minScore) && condition.minScore >= -1 && condition.minScore <= 1
        ? undefined
        : `Similar to: score ${condition.minScore} is outside 0–1`;
  }
}

/** Every problem of a rule set (empty when it can be evaluated). */
export function rulesProblems(rules: CrateRules): string[] {
  const problems: string[] = [];
  if (rules.version !== RULES_VERSION) problems.push(`Rules were saved by a newer rbassist (version ${String(rules.version)})`);
  if (rules.match !== 'all' && rules.match !== 'any') problems.push(`Rules must match "all" or "any", not "${String(rules.match)}"`);
  for (const condition of rules.conditions) {
    const problem = conditionProblem(condition);
    if (problem) problems.push(problem);
  }
  return problems;
}

/** Reads stored rules back (the database holds `unknown`); undefined when it is not a rule set. */
export function asRules(value: unknown): CrateRules | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const candidate = value as Partial<CrateRules>;
  if (candidate.version !== RULES_VERSION || !Array.isArray(candidate.conditions)) return undefined;
  if (candidate.match !== 'all' && candidate.match !== 'any') return undefined;
  return candidate as CrateRules;
}

/** A key condition's key in Camelot spelling, whatever the DJ typed ("Am" → "8A"). */
export function normalizeKeyCode(text: string): string | undefined {
  const key = parseKey(text);
  return key ? toCamelot(key) : undefined;
}

/** Ids of the tracks the rules refer to (similar-to seeds), e.g. to fetch their scores first. */
export function similaritySeeds(rules: CrateRules): string[] {
  return [...new Set(rules.conditions.flatMap((c) => (c.kind === 'similarTo' ? [c.trackId] : [])))].sort();
}
