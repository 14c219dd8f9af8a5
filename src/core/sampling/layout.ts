/**
 * How much of each window type a track of a given length can hold. Pure arithmetic on lengths;
 * where the windows go is decided afterwards.
 * @module
 */
/** Below this the whole track is one window: too short to skip an intro or split. */
export const WHOLE_TRACK_BELOW_SEC = 60;
/** The start skip never takes more than this share of the track. */
const MAX_SKIP_FRACTION = 0.1;
/**
 * Extras that would have to shrink below this (or below their configured length, if shorter) are
 * dropped instead: one fewer, the rest longer. 10 s still holds two 5 s model chunks.
 */
export const MIN_EXTRA_SEC = 10;

export interface LengthRequest {
  durationSec: number;
  startSkipSec: number;
  mainSec: number;
  extraCount: number;
  extraSec: number;
  minGapSec: number;
}

export type Layout =
  { whole: true; notes: string[] } | { whole: false; skipSec: number; mainSec: number; extraCount: number; extraSec: number; notes: string[] };

export function planLayout(req: LengthRequest): Layout {
  const { durationSec: d, mainSec, extraSec, minGapSec: gap } = req;
  if (d < WHOLE_TRACK_BELOW_SEC) {
    return { whole: true, notes: [`short track (${d.toFixed(1)} s < ${WHOLE_TRACK_BELOW_SEC} s): the whole track is one window`] };
  }
  const skipSec = Math.min(req.startSkipSec, MAX_SKIP_FRACTION * d);
  const notes: string[] = [];
  if (skipSec < req.startSkipSec) notes.push(`start skip shortened to ${skipSec.toFixed(1)} s (at most ${MAX_SKIP_FRACTION * 100} % of the track)`);
  const available = d - skipSec;

  for (let n = req.extraCount; n >= 0; n--) {
    if (mainSec + n * (extraSec + gap) <= available) {
      if (n < req.extraCount) notes.push(`${req.extraCount - n} extra window(s) dropped: the track is too short for ${req.extraCount}`);
      return { whole: false, skipSec, mainSec, extraCount: n, extraSec: n > 0 ? extraSec : 0, notes };
    }
    if (n === 0) {
      if (req.extraCount > 0) notes.push(`no room for extra windows: the main window takes the whole track after the skip`);
      return { whole: false, skipSec, mainSec: available, extraCount: 0, extraSec: 0, notes };
    }
    // Shrink main and extras in proportion (gaps stay) while extras stay long enough to be useful.
    const scale = (available - n * gap) / (mainSec + n * extraSec);
    if (scale > 0 && extraSec * scale >= Math.min(MIN_EXTRA_SEC, extraSec)) {
      if (n < req.extraCount) notes.push(`${req.extraCount - n} extra window(s) dropped: the track is too short for ${req.extraCount}`);
      notes.push(`windows shortened to ${Math.round(scale * 100)} % to fit a ${d.toFixed(1)} s track`);
      return { whole: false, skipSec, mainSec: mainSec * scale, extraCount: n, extraSec: extraSec * scale, notes };
    }
  }
  throw new Error('unreachable: n = 0 always returns');
}
