/**
 * Key from pitch-class profiles: Pearson correlation of the track's chroma with each of the 24
 * rotated key profiles. (A separate bass-register term was tried and lowered accuracy on the
 * corpus: bass lines walk the chord roots as much as the tonic.)
 * @module
 */
import { keyFromIndex } from '../../music/keys';
import type { KeyProfile } from './keyProfiles';

export interface KeyScores {
  /** Score per key index (0–11 major, 12–23 minor, see keyIndex). */
  scores: number[];
  best: number;
  runnerUp: number;
}

function pearson(x: readonly number[], profile: readonly number[], shift: number): number {
  let mx = 0;
  let mp = 0;
  for (let i = 0; i < 12; i++) {
    mx += x[i];
    mp += profile[i];
  }
  mx /= 12;
  mp /= 12;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < 12; i++) {
    const dx = x[(i + shift) % 12] - mx;
    const dy = profile[i] - mp;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : 0;
}

export function scoreKeys(chroma: readonly number[], profile: KeyProfile): KeyScores {
  const scores: number[] = [];
  for (let index = 0; index < 24; index++) {
    const key = keyFromIndex(index);
    const p = key.mode === 'major' ? profile.major : profile.minor;
    scores.push(pearson(chroma, p, key.tonic));
  }
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a] || a - b);
  return { scores, best: order[0], runnerUp: order[1] };
}
