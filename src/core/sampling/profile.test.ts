import { describe, expect, it } from 'vitest';
import { profileParamsHash, seedFromPath, stableStringify, windowsCacheKey } from './cacheKey';
import { BUILT_IN_PROFILES, CLUB_HIFI_150S, DEFAULT_PROFILE_NAME, builtInProfile } from './profile';
import { assertValidProfile, validateProfile } from './validateProfile';

describe('built-in profiles', () => {
  it('are all valid and the default is club_hifi_150s', () => {
    expect(DEFAULT_PROFILE_NAME).toBe('club_hifi_150s');
    for (const p of Object.values(BUILT_IN_PROFILES)) expect(validateProfile(p)).toEqual({ ok: true, value: p });
  });

  it('carry the issue numbers', () => {
    const club = builtInProfile('club_hifi_150s');
    expect([club.startSkipSec, club.main.lengthSec, club.extras.count, club.extras.lengthSec, club.minGapSec]).toEqual([10, 90, 2, 30, 10]);
    expect([club.extras.regionStartFraction, club.extras.forceOneInLastSec, club.extras.forceWhenLongerThanSec]).toEqual([0.7, 60, 90]);
    expect(builtInProfile('balanced_120s').extras.lengthSec).toBe(15);
    const base = builtInProfile('baseline_75s');
    expect([base.main.lengthSec, base.extras.count, base.extras.lengthSec, base.extras.placement]).toEqual([45, 2, 15, 'random']);
    const budgets = builtInProfile('adaptive').adaptive!.levels.map((l) => l.mainLengthSec + 2 * l.extraLengthSec);
    expect(budgets).toEqual([120, 135, 150]);
    expect(builtInProfile('adaptive').adaptive!.levels.map((l) => l.extraLengthSec)).toEqual([15, 20, 30]);
  });

  it('hands out copies, so editing one does not change the built-in', () => {
    const p = builtInProfile('club_hifi_150s');
    p.main.lengthSec = 60;
    expect(CLUB_HIFI_150S.main.lengthSec).toBe(90);
    expect(() => builtInProfile('nope')).toThrow(/Unknown sampling profile "nope".*club_hifi_150s/);
  });
});

describe('validateProfile', () => {
  it('names every bad setting with its path and value', () => {
    const p = builtInProfile('club_hifi_150s') as unknown as Record<string, any>;
    p.main.lengthSec = -5;
    p.extras.count = 2.5;
    p.extras.kind = 'outro';
    p.minGapSec = '10';
    p.extra = true;
    const result = validateProfile(p);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toEqual([
      'main.lengthSec must be a number from 5 to 600 (got -5)',
      'extras.kind must be one of "tail", "spot" (got "outro")',
      'extras.count must be a whole number from 0 to 8 (got 2.5)',
      'minGapSec must be a number from 0 to 120 (got "10")',
      'extra is not a known setting (typo?)',
    ]);
  });

  it('checks rules that span fields', () => {
    const p = builtInProfile('adaptive');
    p.extras.forceOneInLastSec = 20;
    p.adaptive!.levels[0].minComplexity = 1;
    p.adaptive!.levels[2].minComplexity = 1;
    const result = validateProfile(p);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason.join('\n')).toMatch(/forceOneInLastSec \(20\) must be at least extras.lengthSec \(30\)/);
    expect(result.reason.join('\n')).toMatch(/levels\[0\].minComplexity must be 0/);
    expect(result.reason.join('\n')).toMatch(/levels\[2\].minComplexity \(1\) is not above levels\[1\]/);
  });

  it('rejects non-objects, missing groups and NaN', () => {
    expect(validateProfile(null)).toEqual({ ok: false, reason: ['profile must be a group of settings (got null)'] });
    const p = builtInProfile('club_hifi_150s') as unknown as Record<string, unknown>;
    delete p.main;
    p.startSkipSec = Number.NaN;
    const r = validateProfile(p);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toEqual(['startSkipSec must be a number from 0 to 120 (got null)', 'main must be a group of settings (got nothing)']);
    expect(() => assertValidProfile(p)).toThrow(/Sampling profile "club_hifi_150s" is invalid:\n- startSkipSec/);
  });

  it('accepts null for the nullable settings', () => {
    const p = builtInProfile('club_hifi_150s');
    p.extras.forceOneInLastSec = null;
    p.adaptive = null;
    expect(validateProfile(p).ok).toBe(true);
  });
});

describe('params hash and cache key', () => {
  it('is stable, ignores key order and the description, and changes with any parameter', () => {
    const a = builtInProfile('club_hifi_150s');
    const reordered = JSON.parse(stableStringify(a));
    expect(profileParamsHash(reordered)).toBe(profileParamsHash(a));
    expect(windowsCacheKey(a)).toMatch(/^club_hifi_150s@[0-9a-f]{16}$/);
    // Pinned: a change here means every stored window set is recomputed — bump deliberately.
    expect(windowsCacheKey(a)).toBe(windowsCacheKey(CLUB_HIFI_150S));
    const described = { ...a, description: 'mine' };
    expect(profileParamsHash(described)).toBe(profileParamsHash(a));
    const edited = builtInProfile('club_hifi_150s');
    edited.extras.leadInSec = 2;
    expect(profileParamsHash(edited)).not.toBe(profileParamsHash(a));
    const hashes = new Set(Object.values(BUILT_IN_PROFILES).map(profileParamsHash));
    expect(hashes.size).toBe(4);
  });

  it('stableStringify sorts keys at every level', () => {
    expect(stableStringify({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });
});

describe('seedFromPath', () => {
  it('is stable and the same for equivalent spellings of a path', () => {
    expect(seedFromPath('Techno\\Artist - Track.mp3')).toBe(seedFromPath('Techno/Artist - Track.mp3'));
    expect(seedFromPath('./Techno/Café.mp3')).toBe(seedFromPath('Techno/Cafe\u0301.mp3'));
    expect(seedFromPath('a.mp3')).not.toBe(seedFromPath('b.mp3'));
    expect(Number.isInteger(seedFromPath('a.mp3'))).toBe(true);
  });
});
