import type { Curves } from '../audio/curves';
import { peakOptionsInSeconds, pickPeaks } from '../audio/peaks';
import type { AdaptiveSettings } from './profile';

export interface Complexity {
  noveltyPeaks: number;
  sectionChanges: number;
  /** (noveltyPeaks + sectionChanges) per minute of track. */
  perMinute: number;
  level: string;
  mainLengthSec: number;
  extraLengthSec: number;
}

/** Section changes compare the mean level over this span before and after each frame. */
const LEVEL_SPAN_SEC = 4;
/** Two counted events (peaks or changes) must be at least this far apart. */
const MIN_EVENT_SPACING_SEC = 4;

/** Novelty peaks at or above the threshold, at least 4 s apart. */
export function countNoveltyPeaks(curves: Curves, minHeight: number): number {
  return pickPeaks(
    curves.novelty,
    peakOptionsInSeconds(curves.frameRate, { maxSec: MIN_EVENT_SPACING_SEC, avgSec: 8, delta: 0, waitSec: MIN_EVENT_SPACING_SEC, minHeight }),
  ).length;
}

/**
 * Places where the level (dB of the mean power over 4 s) after a frame differs from the 4 s before
 * by ≥ minDb. Mean power, not mean dB: a short gap (a loop's lead-in, a stop before a drop) barely
 * moves it, while a breakdown that stays quieter does.
 */
export function countSectionChanges(curves: Curves, minDb: number): number {
  const { rms, frameRate } = curves;
  const n = rms.length;
  const span = Math.max(1, Math.round(LEVEL_SPAN_SEC * frameRate));
  if (n < 2 * span) return 0;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i] + rms[i] * rms[i];
  const levelDb = (from: number, to: number) => 10 * Math.log10(Math.max((prefix[to] - prefix[from]) / (to - from), 1e-10));
  const jump = new Float32Array(n);
  for (let k = span; k <= n - span; k++) jump[k] = Math.abs(levelDb(k, k + span) - levelDb(k - span, k));
  return pickPeaks(
    jump,
    peakOptionsInSeconds(frameRate, { maxSec: MIN_EVENT_SPACING_SEC, avgSec: 8, delta: 0, waitSec: 2 * MIN_EVENT_SPACING_SEC, minHeight: minDb }),
  ).length;
}

/** How busy the track's structure is, and the adaptive level (window lengths) that follows. */
export function measureComplexity(curves: Curves, durationSec: number, settings: AdaptiveSettings): Complexity {
  const noveltyPeaks = countNoveltyPeaks(curves, settings.noveltyPeakMin);
  const sectionChanges = countSectionChanges(curves, settings.sectionChangeDb);
  const minutes = Math.max(durationSec, 1) / 60;
  const perMinute = Math.round(((noveltyPeaks + sectionChanges) / minutes) * 1000) / 1000;
  let level = settings.levels[0];
  for (const candidate of settings.levels) if (perMinute >= candidate.minComplexity) level = candidate;
  return { noveltyPeaks, sectionChanges, perMinute, level: level.name, mainLengthSec: level.mainLengthSec, extraLengthSec: level.extraLengthSec };
}
