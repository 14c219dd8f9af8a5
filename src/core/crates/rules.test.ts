import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../hash';
import { areCompatible, fromCamelot, parseKey, toCamelot } from '../music/keys';
import { compileRules, RulesError, selectTracks, type RuleContext } from './evaluate';
import { describeRules } from './describe';
import { asRules, emptyRules, normalizeKeyCode, rulesProblems, similaritySeeds, type CrateRules, type RuleCondition, type RuleSubject } from './rules';

const context: RuleContext = { today: '2024-06-30' };

function subject(patch: Partial<RuleSubject>): RuleSubject {
  return { id: 'x', hasVector: true, ...patch };
}

function rules(match: CrateRules['match'], ...conditions: RuleCondition[]): CrateRules {
  return { version: 1, match, conditions };
}

describe('rules engine', () => {
  it('reads the example from the brief as a DJ would say it', () => {
    const r = rules('all', { kind: 'bpm', min: 122, max: 128 }, { kind: 'key', key: '8A', match: 'compatible' }, { kind: 'energy', min: 6 });
    expect(describeRules(r)).toBe('BPM 122–128 and key compatible with 8A and energy ≥ 6');
    expect(describeRules(r, { notation: 'musical' })).toBe('BPM 122–128 and key compatible with Am and energy ≥ 6');
    const any = rules('any', { kind: 'text', field: 'genre', contains: 'house' }, { kind: 'dateAdded', withinDays: 30 }, { kind: 'hasVector', value: false });
    expect(describeRules(any)).toBe('genre contains "house" or added in the last 30 days or not analysed yet');
    const similar = rules(
      'all',
      { kind: 'similarTo', trackId: 'seed', minScore: 0.8 },
      { kind: 'energy', min: 4, max: 4 },
      { kind: 'bpm', max: 100, halfDouble: true },
    );
    expect(describeRules(similar, { trackName: () => 'Seed Song' })).toBe('similar to "Seed Song" ≥ 80% and energy 4 and BPM ≤ 100 (or half/double)');
    expect(describeRules(emptyRules())).toMatch(/No conditions/);
  });

  it('BPM: inclusive range, open ends, half/double, missing BPM never matches', () => {
    const keep = compileRules(rules('all', { kind: 'bpm', min: 122, max: 128 }), context);
    expect([121.9, 122, 125, 128, 128.1].map((bpm) => keep(subject({ bpm })))).toEqual([false, true, true, true, false]);
    expect(keep(subject({}))).toBe(false);
    const halfDouble = compileRules(rules('all', { kind: 'bpm', min: 122, max: 128, halfDouble: true }), context);
    expect([62, 250, 90].map((bpm) => halfDouble(subject({ bpm })))).toEqual([true, true, false]);
    const openTop = compileRules(rules('all', { kind: 'bpm', min: 170 }), context);
    expect(openTop(subject({ bpm: 400 }))).toBe(true);
  });

  it('key: exact key or anything compatible on the Camelot wheel, for every key', () => {
    for (let n = 1; n <= 12; n++) {
      for (const letter of ['A', 'B'] as const) {
        const code = `${n}${letter}`;
        const compatible = compileRules(rules('all', { kind: 'key', key: code, match: 'compatible' }), context);
        const exact = compileRules(rules('all', { kind: 'key', key: code, match: 'is' }), context);
        for (let m = 1; m <= 12; m++) {
          for (const other of ['A', 'B'] as const) {
            const key = fromCamelot(m, other);
            expect(compatible(subject({ key }))).toBe(areCompatible(fromCamelot(n, letter), key));
            expect(exact(subject({ key }))).toBe(toCamelot(key) === code);
          }
        }
      }
    }
    // The DJ may type any notation; it is stored as Camelot.
    expect(normalizeKeyCode('Am')).toBe('8A');
    expect(normalizeKeyCode('1m')).toBe('8A');
    const boost = compileRules(rules('all', { kind: 'key', key: '8A', match: 'compatible', energyBoost: true }), context);
    expect(boost(subject({ key: parseKey('10A') }))).toBe(true);
    expect(boost(subject({ key: parseKey('11A') }))).toBe(false);
  });

  it('text: all words, any order, case- and accent-insensitive, per field or across tags', () => {
    const genre = compileRules(rules('all', { kind: 'text', field: 'genre', contains: 'deep HOUSE' }), context);
    expect(genre(subject({ genre: 'House, Deep' }))).toBe(true);
    expect(genre(subject({ genre: 'Deep Techno' }))).toBe(false);
    expect(genre(subject({ label: 'Deep House Records' }))).toBe(false);
    const label = compileRules(rules('all', { kind: 'text', field: 'label', contains: 'kompakt' }), context);
    expect(label(subject({ label: 'KÖMPAKT' }))).toBe(true);
    const any = compileRules(rules('all', { kind: 'text', field: 'any', contains: 'bjork remix' }), context);
    expect(any(subject({ artist: 'Björk', comment: 'club remix' }))).toBe(true);
  });

  it('date added: since, until, within the last N days (relative to the context day)', () => {
    const within = compileRules(rules('all', { kind: 'dateAdded', withinDays: 7 }), context);
    expect(['2024-06-22', '2024-06-23', '2024-06-30'].map((dateAdded) => within(subject({ dateAdded })))).toEqual([false, true, true]);
    const span = compileRules(rules('all', { kind: 'dateAdded', after: '2024-01-01', before: '2024-01-31' }), context);
    expect(['2023-12-31', '2024-01-01', '2024-01-31', '2024-02-01'].map((dateAdded) => span(subject({ dateAdded })))).toEqual([false, true, true, false]);
    expect(span(subject({}))).toBe(false);
  });

  it('has-vector and similar-to use what the app supplies', () => {
    const analyzed = compileRules(rules('all', { kind: 'hasVector', value: true }), context);
    expect(analyzed(subject({ hasVector: false }))).toBe(false);
    const scores: Record<string, number> = { a: 0.9, b: 0.79 };
    const similar = compileRules(rules('all', { kind: 'similarTo', trackId: 'seed', minScore: 0.8 }), {
      ...context,
      similarity: (seed, id) => (seed === 'seed' ? scores[id] : undefined),
    });
    expect(['a', 'b', 'c', 'seed'].map((id) => similar(subject({ id })))).toEqual([true, false, false, true]);
    expect(
      similaritySeeds(
        rules(
          'any',
          { kind: 'similarTo', trackId: 'z', minScore: 0.5 },
          { kind: 'similarTo', trackId: 'a', minScore: 0.5 },
          { kind: 'similarTo', trackId: 'z', minScore: 0.9 },
        ),
      ),
    ).toEqual(['a', 'z']);
  });

  it('all vs any agree with a direct evaluation on random tracks and random rule sets', () => {
    const random = mulberry32(99);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
    const tracks: RuleSubject[] = Array.from({ length: 400 }, (_, i) => ({
      id: `t${i}`,
      bpm: random() < 0.1 ? undefined : 100 + random() * 40,
      key: random() < 0.1 ? undefined : fromCamelot(1 + Math.floor(random() * 12), random() < 0.5 ? 'A' : 'B'),
      energy: random() < 0.1 ? undefined : 1 + Math.floor(random() * 10),
      genre: pick(['House', 'Techno', 'Deep House', undefined]),
      dateAdded: `2024-0${1 + Math.floor(random() * 6)}-1${Math.floor(random() * 10)}`,
      hasVector: random() < 0.8,
    }));
    for (let trial = 0; trial < 50; trial++) {
      const lo = 100 + Math.floor(random() * 30);
      const conditions: RuleCondition[] = [
        { kind: 'bpm', min: lo, max: lo + 6 },
        { kind: 'energy', min: 1 + Math.floor(random() * 8) },
        { kind: 'key', key: `${1 + Math.floor(random() * 12)}A`, match: 'compatible' },
        { kind: 'text', field: 'genre', contains: pick(['house', 'techno']) },
        { kind: 'hasVector', value: true },
      ].filter(() => random() < 0.6) as RuleCondition[];
      if (conditions.length === 0) continue;
      const single = (c: RuleCondition) => new Set(selectTracks(rules('all', c), tracks, context));
      const sets = conditions.map(single);
      const all = selectTracks(rules('all', ...conditions), tracks, context);
      const any = selectTracks(rules('any', ...conditions), tracks, context);
      expect(all).toEqual(tracks.map((t) => t.id).filter((id) => sets.every((s) => s.has(id))));
      expect(any).toEqual(tracks.map((t) => t.id).filter((id) => sets.some((s) => s.has(id))));
    }
  });

  it('an empty rule set selects nothing; broken rules are refused with the reason', () => {
    expect(selectTracks(emptyRules(), [subject({ bpm: 120 })], context)).toEqual([]);
    const broken = rules(
      'all',
      { kind: 'bpm', min: 130, max: 120 },
      { kind: 'key', key: 'H#', match: 'is' },
      { kind: 'dateAdded', after: '2024-02-30' },
      { kind: 'energy' },
    );
    expect(rulesProblems(broken)).toEqual([
      'BPM: the range 130–120 is empty',
      'Key: "H#" is not a key (try 8A, Am or 1m)',
      'Date added: "2024-02-30" is not a yyyy-mm-dd date',
      'Energy: give a lower or an upper limit',
    ]);
    expect(() => compileRules(broken, context)).toThrow(RulesError);
    expect(() => compileRules(broken, context)).toThrow(/BPM: the range 130–120 is empty/);
  });

  it('rules survive a trip through storage as plain data', () => {
    const r = rules('any', { kind: 'bpm', min: 120, max: 124 }, { kind: 'similarTo', trackId: 'a', minScore: 0.7 });
    const stored = structuredClone(JSON.parse(JSON.stringify(r)));
    expect(asRules(stored)).toEqual(r);
    expect(asRules({ version: 2, match: 'all', conditions: [] })).toBeUndefined();
    expect(asRules(['not rules'])).toBeUndefined();
  });
});
