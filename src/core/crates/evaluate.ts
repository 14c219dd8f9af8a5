import { areCompatible, parseKey, toCamelot } from '../music/keys';
import { tempoRelation } from '../recommend/tempo';
import { foldText } from '../search/textFold';
import { rulesProblems, type CrateRules, type RuleCondition, type RuleSubject, type TextField } from './rules';

export interface RuleContext {
  /** Today as yyyy-mm-dd (for "added in the last N days"); passed in so evaluation stays pure. */
  today: string;
  /**
   * Cosine similarity of `trackId` to `seedTrackId`, undefined when either has no vector. The app
   * fetches these scores before evaluating (see `similaritySeeds`).
   */
  similarity?: (seedTrackId: string, trackId: string) => number | undefined;
}

export class RulesError extends Error {
  constructor(readonly problems: string[]) {
    super(`These rules cannot be used: ${problems.join('; ')}`);
    this.name = 'RulesError';
  }
}

type Test = (subject: RuleSubject) => boolean;

function shiftDate(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

function fieldText(subject: RuleSubject, field: TextField): string {
  if (field === 'any') return [subject.title, subject.artist, subject.album, subject.genre, subject.label, subject.comment].filter(Boolean).join(' ');
  return subject[field] ?? '';
}

function compileCondition(condition: RuleCondition, context: RuleContext): Test {
  switch (condition.kind) {
    case 'bpm': {
      const range = { min: condition.min ?? 0, max: condition.max ?? Infinity, halfDouble: condition.halfDouble };
      return (s) => tempoRelation(s.bpm, range) !== undefined;
    }
    case 'energy': {
      const min = condition.min ?? -Infinity;
      const max = condition.max ?? Infinity;
      return (s) => s.energy !== undefined && s.energy >= min && s.energy <= max;
    }
    case 'key': {
      const reference = parseKey(condition.key)!;
      if (condition.match === 'is') {
        const code = toCamelot(reference);
        return (s) => s.key !== undefined && toCamelot(s.key) === code;
      }
      const options = { energyBoost: condition.energyBoost ?? false };
      return (s) => s.key !== undefined && areCompatible(reference, s.key, options);
    }
    case 'text': {
      const words = foldText(condition.contains).split(/\s+/).filter(Boolean);
      return (s) => {
        const haystack = foldText(fieldText(s, condition.field));
        return words.every((word) => haystack.includes(word));
      };
    }
    case 'dateAdded': {
      let from = condition.after;
      if (condition.withinDays !== undefined) {
        const since = shiftDate(context.today, -condition.withinDays);
        if (from === undefined || since > from) from = since;
      }
      const until = condition.before;
      // yyyy-mm-dd strings order like the dates they name.
      return (s) => s.dateAdded !== undefined && (from === undefined || s.dateAdded >= from) && (until === undefined || s.dateAdded <= until);
    }
    case 'hasVector':
      return (s) => s.hasVector === condition.value;
    case 'similarTo': {
      const { trackId, minScore } = condition;
      const similarity = context.similarity;
      return (s) => {
        if (s.id === trackId) return true; // a track is as similar to itself as it gets
        const score = similarity?.(trackId, s.id);
        return score !== undefined && score >= minScore;
      };
    }
  }
}

/**
 * One predicate for a rule set. A condition on a value a track does not have (no BPM yet) does not
 * hold. A rule set with no conditions matches nothing: an empty smart crate should stay empty
 * rather than fill up with the whole library. Throws `RulesError` for rules that cannot be used.
 */
export function compileRules(rules: CrateRules, context: RuleContext): (subject: RuleSubject) => boolean {
  const problems = rulesProblems(rules);
  if (problems.length) throw new RulesError(problems);
  const tests = rules.conditions.map((condition) => compileCondition(condition, context));
  if (tests.length === 0) return () => false;
  return rules.match === 'all' ? (s) => tests.every((test) => test(s)) : (s) => tests.some((test) => test(s));
}

/** Ids of the subjects the rules select, in the order given. */
export function selectTracks(rules: CrateRules, subjects: Iterable<RuleSubject>, context: RuleContext): string[] {
  const keep = compileRules(rules, context);
  const ids: string[] = [];
  for (const subject of subjects) if (keep(subject)) ids.push(subject.id);
  return ids;
}
