/**
 * Checks a user-edited profile; every problem is reported with its setting path and the bad value.
 * @module
 */
import type { SamplingProfile } from './profile';
import type { Result } from '../errors';

type Rule =
  | { type: 'number'; min: number; max: number; integer?: boolean; nullable?: boolean }
  | { type: 'boolean' }
  | { type: 'string'; pattern?: RegExp; patternHint?: string; maxLength: number }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'object'; fields: Record<string, Rule>; nullable?: boolean }
  | { type: 'array'; item: Rule; minItems: number; maxItems: number };

const seconds = (min: number, max: number, extra: Partial<{ nullable: boolean }> = {}): Rule => ({ type: 'number', min, max, ...extra });

const PROFILE_RULE: Rule = {
  type: 'object',
  fields: {
    name: { type: 'string', pattern: /^[A-Za-z0-9_-]+$/, patternHint: 'letters, digits, _ and - only', maxLength: 64 },
    description: { type: 'string', maxLength: 500 },
    startSkipSec: seconds(0, 120),
    main: {
      type: 'object',
      fields: {
        lengthSec: seconds(5, 600),
        alignToOnset: { type: 'boolean' },
        onsetSearchSec: seconds(0, 300),
        backtrackSec: seconds(0, 10),
      },
    },
    extras: {
      type: 'object',
      fields: {
        kind: { type: 'enum', values: ['tail', 'spot'] },
        count: { type: 'number', min: 0, max: 8, integer: true },
        lengthSec: seconds(1, 300),
        placement: { type: 'enum', values: ['novelty', 'random'] },
        regionStartFraction: { type: 'number', min: 0, max: 0.95 },
        leadInSec: seconds(0, 10),
        forceOneInLastSec: seconds(1, 600, { nullable: true }),
        forceWhenLongerThanSec: seconds(0, 3600),
      },
    },
    minGapSec: seconds(0, 120),
    adaptive: {
      type: 'object',
      nullable: true,
      fields: {
        noveltyPeakMin: { type: 'number', min: 0, max: 2 },
        sectionChangeDb: { type: 'number', min: 0.5, max: 40 },
        levels: {
          type: 'array',
          minItems: 1,
          maxItems: 6,
          item: {
            type: 'object',
            fields: {
              name: { type: 'string', maxLength: 32 },
              minComplexity: { type: 'number', min: 0, max: 100 },
              mainLengthSec: seconds(5, 600),
              extraLengthSec: seconds(1, 300),
            },
          },
        },
      },
    },
  },
};

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function check(rule: Rule, value: unknown, path: string, errors: string[]): void {
  const where = path || 'profile';
  switch (rule.type) {
    case 'number': {
      if (value === null && rule.nullable) return;
      const ok = typeof value === 'number' && Number.isFinite(value) && value >= rule.min && value <= rule.max && (!rule.integer || Number.isInteger(value));
      if (!ok) {
        const what = rule.integer ? 'a whole number' : 'a number';
        errors.push(`${where} must be ${what} from ${rule.min} to ${rule.max}${rule.nullable ? ' or null' : ''} (got ${describe(value)})`);
      }
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${where} must be true or false (got ${describe(value)})`);
      return;
    case 'string':
      if (typeof value !== 'string' || value.length > rule.maxLength || (rule.pattern && !rule.pattern.test(value))) {
        const hint = rule.patternHint ? `, ${rule.patternHint}` : '';
        errors.push(`${where} must be text of at most ${rule.maxLength} characters${hint} (got ${describe(value)})`);
      }
      return;
    case 'enum':
      if (typeof value !== 'string' || !rule.values.includes(value)) {
        errors.push(`${where} must be one of ${rule.values.map((v) => `"${v}"`).join(', ')} (got ${describe(value)})`);
      }
      return;
    case 'array':
      if (!Array.isArray(value) || value.length < rule.minItems || value.length > rule.maxItems) {
        errors.push(`${where} must be a list of ${rule.minItems} to ${rule.maxItems} entries (got ${describe(value)})`);
        return;
      }
      value.forEach((item, i) => check(rule.item, item, `${where}[${i}]`, errors));
      return;
    case 'object': {
      if (value === null && rule.nullable) return;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        errors.push(`${where} must be a group of settings${rule.nullable ? ' or null' : ''} (got ${describe(value)})`);
        return;
      }
      const record = value as Record<string, unknown>;
      for (const [key, fieldRule] of Object.entries(rule.fields)) check(fieldRule, record[key], path ? `${path}.${key}` : key, errors);
      for (const key of Object.keys(record)) {
        if (!(key in rule.fields)) errors.push(`${path ? `${path}.${key}` : key} is not a known setting (typo?)`);
      }
      return;
    }
  }
}

/** Rules that involve more than one field. Only run once every field has the right type. */
function checkRelations(p: SamplingProfile, errors: string[]): void {
  const force = p.extras.forceOneInLastSec;
  if (force !== null && force < p.extras.lengthSec) {
    errors.push(`extras.forceOneInLastSec (${force}) must be at least extras.lengthSec (${p.extras.lengthSec}) so a whole window fits there`);
  }
  if (p.adaptive) {
    const levels = p.adaptive.levels;
    if (levels[0].minComplexity !== 0) errors.push(`adaptive.levels[0].minComplexity must be 0 so every track gets a level (got ${levels[0].minComplexity})`);
    for (let i = 1; i < levels.length; i++) {
      if (!(levels[i].minComplexity > levels[i - 1].minComplexity)) {
        errors.push(
          `adaptive.levels must rise: levels[${i}].minComplexity (${levels[i].minComplexity}) is not above levels[${i - 1}] (${levels[i - 1].minComplexity})`,
        );
      }
    }
    if (levels.some((l) => p.extras.forceOneInLastSec !== null && l.extraLengthSec > p.extras.forceOneInLastSec)) {
      errors.push(`every adaptive.levels[].extraLengthSec must fit in extras.forceOneInLastSec (${p.extras.forceOneInLastSec})`);
    }
  }
}

/** A valid profile, or every problem found (one sentence each). */
export type ProfileValidation = Result<SamplingProfile, string[]>;

export function validateProfile(input: unknown): ProfileValidation {
  const errors: string[] = [];
  check(PROFILE_RULE, input, '', errors);
  if (errors.length > 0) return { ok: false, reason: errors };
  const profile = structuredClone(input) as SamplingProfile;
  checkRelations(profile, errors);
  return errors.length > 0 ? { ok: false, reason: errors } : { ok: true, value: profile };
}

/** validateProfile that throws one readable error listing every problem. */
export function assertValidProfile(input: unknown): SamplingProfile {
  const result = validateProfile(input);
  if (!result.ok) {
    const name =
      typeof input === 'object' && input !== null && typeof (input as { name?: unknown }).name === 'string' ? ` "${(input as { name: string }).name}"` : '';
    throw new Error(`Sampling profile${name} is invalid:\n- ${result.reason.join('\n- ')}`);
  }
  return result.value;
}
