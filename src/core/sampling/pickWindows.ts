import type { Curves } from '../audio/curves';
import { peakOptionsInSeconds, pickPeaks } from '../audio/peaks';
import { mulberry32 } from '../hash';
import { audibleFrames, frameAt, isSilent } from './audibility';
import { profileParamsHash, windowsCacheKey } from './cacheKey';
import { measureComplexity, type Complexity } from './complexity';
import { chooseExtras, type Candidate } from './extras';
import { planLayout } from './layout';
import { pickMainStart } from './mainStart';
import type { SamplingProfile } from './profile';
import { assertValidProfile } from './validateProfile';

export type WindowKind = 'main' | 'tail' | 'spot';

export interface SampleWindow {
  startSec: number;
  endSec: number;
  kind: WindowKind;
}

export interface WindowSelection {
  /** In time order; never overlapping, inside [0, duration], each longer than zero. Empty only when silent. */
  windows: SampleWindow[];
  profile: string;
  paramsHash: string;
  /** Store with the windows; reuse them while windowsCacheKey(activeProfile) still equals it. */
  cacheKey: string;
  /** The track never rises above -60 dBFS: nothing worth sampling, nothing chosen. */
  silent: boolean;
  /** What the profile asks for (main + extras) and what was actually taken. */
  budgetSec: number;
  totalSec: number;
  complexity: Complexity | null;
  /** Human-readable decisions: shortened windows, fallbacks, moved starts. */
  notes: string[];
}

/** Candidate starts on a grid of this step, besides the novelty peaks and tight-packing positions. */
const GRID_MS = 500;
/** Candidate scores are quantised to this many steps per unit; the seeded tie-break stays below one step. */
const SCORE_STEPS = 1_000_000;
/** Windows with less than half their frames audible are only used when nothing else fits. */
const SILENT_WINDOW_PENALTY = 3;

const toMs = (sec: number) => Math.round(sec * 1000);

/**
 * Picks a track's sampling windows from its feature curves. Deterministic: the same curves,
 * duration, profile and seed give the same windows; the seed (seedFromPath) only breaks exact ties
 * and places 'random' spots.
 */
export function pickWindows(curves: Curves, durationSec: number, profileInput: SamplingProfile, seed: number): WindowSelection {
  const profile = assertValidProfile(profileInput);
  if (!Number.isFinite(durationSec) || durationSec < 0) throw new Error(`Track duration must be a finite number of seconds ≥ 0, got ${durationSec}`);
  if (curves.rms.length !== curves.onset.length || curves.rms.length !== curves.novelty.length) {
    throw new Error(`Feature curves disagree in length (rms ${curves.rms.length}, onset ${curves.onset.length}, novelty ${curves.novelty.length})`);
  }
  const notes: string[] = [];
  const base = {
    profile: profile.name,
    paramsHash: profileParamsHash(profile),
    cacheKey: windowsCacheKey(profile),
  };
  const durationMs = Math.floor(durationSec * 1000);

  if (durationMs <= 0 || curves.rms.length === 0 || isSilent(curves)) {
    notes.push(durationMs <= 0 ? 'empty audio: nothing to sample' : 'silent track (never above -60 dBFS): nothing to sample');
    return { ...base, windows: [], silent: true, budgetSec: 0, totalSec: 0, complexity: null, notes };
  }

  const complexity = profile.adaptive ? measureComplexity(curves, durationSec, profile.adaptive) : null;
  const mainSec = complexity ? complexity.mainLengthSec : profile.main.lengthSec;
  const extraSec = complexity ? complexity.extraLengthSec : profile.extras.lengthSec;
  if (complexity)
    notes.push(
      `complexity ${complexity.perMinute}/min (${complexity.noveltyPeaks} novelty peaks, ${complexity.sectionChanges} section changes): ${complexity.level}`,
    );
  const budgetSec = mainSec + profile.extras.count * extraSec;

  const layout = planLayout({
    durationSec: durationMs / 1000,
    startSkipSec: profile.startSkipSec,
    mainSec,
    extraCount: profile.extras.count,
    extraSec,
    minGapSec: profile.minGapSec,
  });
  notes.push(...layout.notes);
  const done = (windows: SampleWindow[]): WindowSelection => ({
    ...base,
    windows,
    silent: false,
    budgetSec,
    totalSec: Math.round(windows.reduce((s, w) => s + (w.endSec - w.startSec), 0) * 1000) / 1000,
    complexity,
    notes,
  });
  if (layout.whole) return done([{ startSec: 0, endSec: durationMs / 1000, kind: 'main' }]);

  const audible = audibleFrames(curves);
  const gapMs = toMs(profile.minGapSec);
  const mainMs = Math.floor(layout.mainSec * 1000);
  const extraMs = Math.floor(layout.extraSec * 1000);
  const n = layout.extraCount;
  const extrasSpanMs = n > 0 ? n * extraMs + (n - 1) * gapMs : 0;
  const latestMainStart = durationMs - mainMs - (n > 0 ? extrasSpanMs + gapMs : 0);

  const start = pickMainStart(curves, layout.skipSec, profile.main, audible);
  if (start.how === 'first_audible') notes.push(`no strong onset within ${profile.main.onsetSearchSec} s after the skip: main starts where the sound starts`);
  let mainStartMs = Math.max(0, toMs(start.startSec));
  if (mainStartMs > latestMainStart) {
    mainStartMs = Math.max(0, latestMainStart);
    notes.push(`main window starts ${(mainStartMs / 1000).toFixed(1)} s, before its onset, to leave room for the ${profile.extras.kind}s`);
  }
  const mainEndMs = mainStartMs + mainMs;
  const windows: SampleWindow[] = [{ startSec: mainStartMs / 1000, endSec: mainEndMs / 1000, kind: 'main' }];
  if (n === 0) return done(windows);

  const regionStartMs = Math.max(mainEndMs + gapMs, Math.min(toMs(profile.extras.regionStartFraction * durationSec), durationMs - extrasSpanMs));
  const latestStartMs = durationMs - extraMs;
  const rand = mulberry32(seed);
  const candidates = extraCandidates(curves, profile, audible, rand, { regionStartMs, latestStartMs, extraMs, gapMs, n });

  const force = profile.extras.forceOneInLastSec;
  const forceApplies = force !== null && durationSec > profile.extras.forceWhenLongerThanSec;
  // The lead-in is tolerated: a tail starting 1 s before a section change at D - 60 s still counts.
  const forcedFromMs = forceApplies ? durationMs - toMs(force) - toMs(profile.extras.leadInSec) : null;
  let starts = chooseExtras({ candidates, count: n, lengthMs: extraMs, gapMs, forcedFromMs });
  if (!starts && forcedFromMs !== null) {
    notes.push(`no ${profile.extras.kind} fits inside the last ${force} s with the gaps kept: rule skipped`);
    starts = chooseExtras({ candidates, count: n, lengthMs: extraMs, gapMs, forcedFromMs: null });
  }
  if (!starts) throw new Error(`internal: no valid ${profile.extras.kind} layout for a ${durationSec} s track despite a feasible plan`);
  for (const s of starts) windows.push({ startSec: s / 1000, endSec: (s + extraMs) / 1000, kind: profile.extras.kind });
  return done(windows);
}

interface Region {
  regionStartMs: number;
  latestStartMs: number;
  extraMs: number;
  gapMs: number;
  n: number;
}

/**
 * Candidate starts for extra windows: a 0.5 s grid over the region, the tight-packing positions
 * (so a region exactly big enough still fits every window), and for novelty placement one start
 * per novelty peak (leadIn before it). Peak starts outrank any grid start; grid starts are scored
 * by mean novelty (or seeded at random for 'random' placement); mostly inaudible windows sink.
 */
function extraCandidates(curves: Curves, profile: SamplingProfile, audible: Uint8Array, rand: () => number, r: Region): Candidate[] {
  const { regionStartMs, latestStartMs, extraMs, gapMs, n } = r;
  const clamp = (ms: number) => Math.min(latestStartMs, Math.max(regionStartMs, ms));
  const scores = new Map<number, number>();
  const offer = (startMs: number, score: number) => {
    const at = clamp(startMs);
    scores.set(at, Math.max(scores.get(at) ?? -Infinity, score));
  };
  const heardSum = prefixSums(audible);
  const noveltySum = prefixSums(curves.novelty);
  const baseScore = (startMs: number) => {
    const lo = frameAt(curves, startMs / 1000);
    const hi = frameAt(curves, (startMs + extraMs) / 1000) + 1;
    const heard = (heardSum[hi] - heardSum[lo]) / (hi - lo);
    const penalty = heard < 0.5 ? SILENT_WINDOW_PENALTY : 0;
    if (profile.extras.placement === 'random') return rand() - penalty;
    return Math.min(0.99, (0.5 * (noveltySum[hi] - noveltySum[lo])) / (hi - lo)) - penalty;
  };

  for (let ms = regionStartMs; ms <= latestStartMs; ms += GRID_MS) offer(ms, baseScore(ms));
  for (let i = 0; i < n; i++) {
    offer(regionStartMs + i * (extraMs + gapMs), baseScore(clamp(regionStartMs + i * (extraMs + gapMs))));
    offer(latestStartMs - i * (extraMs + gapMs), baseScore(clamp(latestStartMs - i * (extraMs + gapMs))));
  }
  if (profile.extras.placement === 'novelty') {
    const peaks = pickPeaks(curves.novelty, peakOptionsInSeconds(curves.frameRate, { maxSec: 2, avgSec: 8, delta: 0, waitSec: 2, minHeight: 0.05 }));
    for (const k of peaks) {
      const peakMs = toMs(k / curves.frameRate);
      if (peakMs < regionStartMs || peakMs > latestStartMs + extraMs) continue;
      const startMs = clamp(peakMs - toMs(profile.extras.leadInSec));
      offer(startMs, 1 + curves.novelty[k] + Math.min(0, baseScore(startMs)));
    }
  }
  // Quantise, then add a seeded tie-break in [0, 1/(n+1)) so even n summed tie-breaks stay below one step.
  return [...scores.entries()].sort((a, b) => a[0] - b[0]).map(([startMs, score]) => ({ startMs, score: Math.round(score * SCORE_STEPS) + rand() / (n + 1) }));
}

function prefixSums(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) out[i + 1] = out[i] + x[i];
  return out;
}
