import type { Curves } from '../audio/curves';
import { percentile } from '../audio/curveOps';
import { frameAt } from './audibility';
import type { SamplingProfile } from './profile';

export interface MainStart {
  startSec: number;
  /** The onset the start was aligned to, or null when it fell back. */
  onsetSec: number | null;
  how: 'onset' | 'first_audible' | 'skip';
}

/**
 * Strong onset: at or above the 90th percentile of the audible onsets after the skip, and clearly
 * above the typical (median) flux, so a steady texture's flickers never qualify.
 */
const STRONG_ONSET_PERCENTILE = 90;
const STRONG_OVER_MEDIAN = 2;
/** A strong onset must also be the largest within ±50 ms (one hit, not its tail). */
const LOCAL_MAX_SEC = 0.05;
/** 1 dB in amplitude. */
const NEAR_DIP_RATIO = 10 ** (1 / 20);

/**
 * Where the main window starts: the first strong onset in [skip, skip + onsetSearchSec], moved back
 * to the energy dip before it (at most backtrackSec) so the attack and lead-in are inside.
 * Falls back to the first audible frame after the skip (a long silent intro), then to the skip.
 */
export function pickMainStart(curves: Curves, skipSec: number, main: SamplingProfile['main'], audible: Uint8Array): MainStart {
  if (!main.alignToOnset || curves.onset.length === 0) return { startSec: skipSec, onsetSec: null, how: 'skip' };
  const { onset, rms, frameRate } = curves;
  const first = frameAt(curves, skipSec);
  const last = frameAt(curves, skipSec + main.onsetSearchSec);

  const audibleOnsets: number[] = [];
  for (let k = first; k < onset.length; k++) if (audible[k]) audibleOnsets.push(onset[k]);
  const threshold = Math.max(percentile(audibleOnsets, STRONG_ONSET_PERCENTILE), STRONG_OVER_MEDIAN * percentile(audibleOnsets, 50));
  const radius = Math.max(1, Math.round(LOCAL_MAX_SEC * frameRate));

  if (threshold > 0) {
    for (let k = Math.max(first, 1); k <= last; k++) {
      if (!audible[k] || onset[k] < threshold) continue;
      let isMax = true;
      for (let j = Math.max(0, k - radius); j <= Math.min(onset.length - 1, k + radius) && isMax; j++) if (onset[j] > onset[k]) isMax = false;
      if (!isMax) continue;
      // Back to the quietest point before the attack: the latest frame within backtrackSec whose RMS
      // is within 1 dB of that span's minimum (the closest near-dip, not a far one).
      const from = Math.max(0, k - Math.round(main.backtrackSec * frameRate));
      let quietest = Infinity;
      for (let i = from; i <= k; i++) quietest = Math.min(quietest, rms[i]);
      let j = k;
      while (j > from && rms[j] > quietest * NEAR_DIP_RATIO) j--;
      return { startSec: j / frameRate, onsetSec: k / frameRate, how: 'onset' };
    }
  }
  for (let k = first; k < audible.length; k++) if (audible[k]) return { startSec: k / frameRate, onsetSec: null, how: 'first_audible' };
  return { startSec: skipSec, onsetSec: null, how: 'skip' };
}
