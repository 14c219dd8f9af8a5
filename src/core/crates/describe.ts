import { formatKey, parseKey, type KeyNotation } from '../music/keys';
import type { CrateRules, RuleCondition, TextField } from './rules';

export interface DescribeOptions {
  /** How keys are written (the DJ's notation); default Camelot. */
  notation?: KeyNotation;
  /** A track's display name for "similar to …"; default its id. */
  trackName?: (trackId: string) => string | undefined;
}

/** 124 → "124", 123.5 → "123.5". */
function number(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

function range(name: string, min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) return min === max ? `${name} ${number(min)}` : `${name} ${number(min)}–${number(max)}`;
  if (min !== undefined) return `${name} ≥ ${number(min)}`;
  return `${name} ≤ ${number(max!)}`;
}

const FIELD_NAMES: Record<TextField, string> = {
  genre: 'genre',
  label: 'label',
  artist: 'artist',
  album: 'album',
  title: 'title',
  comment: 'comment',
  any: 'tags',
};

/** One condition as a DJ would say it: "key compatible with 8A", "energy ≥ 6". */
export function describeCondition(condition: RuleCondition, options: DescribeOptions = {}): string {
  switch (condition.kind) {
    case 'bpm':
      return range('BPM', condition.min, condition.max) + (condition.halfDouble ? ' (or half/double)' : '');
    case 'energy':
      return range('energy', condition.min, condition.max);
    case 'key': {
      const key = parseKey(condition.key);
      const name = key ? formatKey(key, options.notation ?? 'camelot') : condition.key;
      if (condition.match === 'is') return `key ${name}`;
      return `key compatible with ${name}${condition.energyBoost ? ' (+2 boost)' : ''}`;
    }
    case 'text':
      return `${FIELD_NAMES[condition.field]} ${condition.field === 'any' ? 'contain' : 'contains'} "${condition.contains.trim()}"`;
    case 'dateAdded': {
      const parts: string[] = [];
      if (condition.withinDays !== undefined) parts.push(`added in the last ${condition.withinDays} day${condition.withinDays === 1 ? '' : 's'}`);
      if (condition.after !== undefined && condition.before !== undefined) parts.push(`added ${condition.after} – ${condition.before}`);
      else if (condition.after !== undefined) parts.push(`added since ${condition.after}`);
      else if (condition.before !== undefined) parts.push(`added by ${condition.before}`);
      return parts.join(' and ');
    }
    case 'hasVector':
      return condition.value ? 'analysed' : 'not analysed yet';
    case 'similarTo': {
      const name = options.trackName?.(condition.trackId) ?? condition.trackId;
      return `similar to "${name}" ≥ ${Math.round(condition.minScore * 100)}%`;
    }
  }
}

/**
 * The whole rule set in one line: "BPM 122–128 and key compatible with 8A and energy ≥ 6";
 * "any" rules read "genre contains "house" or label contains "defected"".
 */
export function describeRules(rules: CrateRules, options: DescribeOptions = {}): string {
  if (rules.conditions.length === 0) return 'No conditions yet: the crate stays empty';
  const joiner = rules.match === 'all' ? ' and ' : ' or ';
  return rules.conditions.map((condition) => describeCondition(condition, options)).join(joiner);
}
