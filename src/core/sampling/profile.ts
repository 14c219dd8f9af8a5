/**
 * Sampling profiles are plain data (JSON-safe) so users can copy and edit them in settings; the
 * algorithm in pickWindows reads nothing else. validateProfile checks an edited copy.
 * @module
 */
export type ExtraKind = 'tail' | 'spot';

export interface SamplingProfile {
  /** Identifier stored with the windows (letters, digits, _ and -). */
  name: string;
  /** Shown in settings; not part of the parameters hash. */
  description: string;
  /** Seconds at the start that the main window skips (DJ-friendly intros, dead air). */
  startSkipSec: number;
  main: {
    lengthSec: number;
    /** Start the main window at the first strong onset at or after startSkipSec. */
    alignToOnset: boolean;
    /** How far past startSkipSec to look for that onset before falling back to the first audible frame. */
    onsetSearchSec: number;
    /** At most this far back from the onset to the energy dip before it, to keep the lead-in. */
    backtrackSec: number;
  };
  /** Windows after the main one: tails from the end of the track or spots anywhere after the main. */
  extras: {
    kind: ExtraKind;
    count: number;
    lengthSec: number;
    /** 'novelty': start at high-novelty peaks (section changes); 'random': seeded positions. */
    placement: 'novelty' | 'random';
    /** Extras go in [fraction × duration, end] when that leaves room (0.7 = last 30 %). */
    regionStartFraction: number;
    /** A novelty-placed window starts this long before its peak, so the change itself is inside. */
    leadInSec: number;
    /** One extra must start within the last this-many seconds (plus leadInSec; null: no such rule)… */
    forceOneInLastSec: number | null;
    /** …when the track is longer than this. */
    forceWhenLongerThanSec: number;
  };
  /** Minimum silence between any two windows (kept whenever the track is long enough). */
  minGapSec: number;
  /** Complexity-driven extra length (null: fixed lengths). */
  adaptive: AdaptiveSettings | null;
}

export interface AdaptiveSettings {
  /** A novelty peak counts towards complexity when at least this high (novelty runs 0..2). */
  noveltyPeakMin: number;
  /** An energy section change counts when the 4 s mean level jumps by at least this many dB. */
  sectionChangeDb: number;
  /**
   * Complexity = (novelty peaks + section changes) per minute. The last level whose minComplexity
   * is reached sets the main and extra lengths (replacing main.lengthSec and extras.lengthSec).
   * Ascending, the first at 0.
   */
  levels: AdaptiveLevel[];
}

export interface AdaptiveLevel {
  name: string;
  minComplexity: number;
  mainLengthSec: number;
  extraLengthSec: number;
}

const clubTails = {
  kind: 'tail',
  count: 2,
  placement: 'novelty',
  regionStartFraction: 0.7,
  leadInSec: 1,
  forceOneInLastSec: 60,
  forceWhenLongerThanSec: 90,
} as const;

const alignedMain = { lengthSec: 90, alignToOnset: true, onsetSearchSec: 30, backtrackSec: 1 } as const;

export const CLUB_HIFI_150S: SamplingProfile = {
  name: 'club_hifi_150s',
  description: '90 s from the first strong onset after 10 s, plus two 30 s tails at section changes in the last 30 % (150 s).',
  startSkipSec: 10,
  main: { ...alignedMain },
  extras: { ...clubTails, lengthSec: 30 },
  minGapSec: 10,
  adaptive: null,
};

export const BALANCED_120S: SamplingProfile = {
  name: 'balanced_120s',
  description: '90 s main plus two 15 s tails in the last 30 % (120 s).',
  startSkipSec: 10,
  main: { ...alignedMain },
  extras: { ...clubTails, lengthSec: 15 },
  minGapSec: 10,
  adaptive: null,
};

export const BASELINE_75S: SamplingProfile = {
  name: 'baseline_75s',
  description: 'The first 45 s plus two 15 s spots at seeded random places after it (75 s).',
  startSkipSec: 0,
  main: { lengthSec: 45, alignToOnset: false, onsetSearchSec: 0, backtrackSec: 0 },
  extras: {
    kind: 'spot',
    count: 2,
    lengthSec: 15,
    placement: 'random',
    regionStartFraction: 0,
    leadInSec: 0,
    forceOneInLastSec: null,
    forceWhenLongerThanSec: 0,
  },
  minGapSec: 10,
  adaptive: null,
};

/**
 * The 120 / 135 / 150 s budgets with 15 / 20 / 30 s tails: 90 + 2 × 20 is 130, so the medium level
 * gives the extra 5 s to the main window (95 s) to keep both the budget and the tail length.
 */
export const ADAPTIVE: SamplingProfile = {
  name: 'adaptive',
  description: 'Main plus two tails sized by how often the track changes: 90+2×15 (120 s), 95+2×20 (135 s) or 90+2×30 (150 s).',
  startSkipSec: 10,
  main: { ...alignedMain },
  extras: { ...clubTails, lengthSec: 30 },
  minGapSec: 10,
  adaptive: {
    noveltyPeakMin: 0.3,
    sectionChangeDb: 4,
    levels: [
      { name: 'low', minComplexity: 0, mainLengthSec: 90, extraLengthSec: 15 },
      { name: 'medium', minComplexity: 1.5, mainLengthSec: 95, extraLengthSec: 20 },
      { name: 'high', minComplexity: 3, mainLengthSec: 90, extraLengthSec: 30 },
    ],
  },
};

export const DEFAULT_PROFILE_NAME = 'club_hifi_150s';

export const BUILT_IN_PROFILES: Readonly<Record<string, SamplingProfile>> = Object.freeze({
  [CLUB_HIFI_150S.name]: CLUB_HIFI_150S,
  [BALANCED_120S.name]: BALANCED_120S,
  [BASELINE_75S.name]: BASELINE_75S,
  [ADAPTIVE.name]: ADAPTIVE,
});

/** A built-in profile by name, as a fresh copy the caller may edit. */
export function builtInProfile(name: string): SamplingProfile {
  const profile = BUILT_IN_PROFILES[name];
  if (!profile) throw new Error(`Unknown sampling profile "${name}" (built-in: ${Object.keys(BUILT_IN_PROFILES).join(', ')})`);
  return structuredClone(profile);
}
