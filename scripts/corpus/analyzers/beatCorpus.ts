/**
 * Beat-grid cases of the analyzer corpus: the same arrangements as the main plan, with each kick
 * attack shape (click, punch, soft 4 ms fade-in, slow 12 ms fade-in) and swing from straight to
 * triplet feel, crossed. Every beat's true position is exact to the sample (kicks are never
 * humanised; the swing only moves off-beat 16ths).
 * @module
 */
import type { KickAttack } from './drumVoices';
import type { ClipSpec } from './clip';
import { planCorpus } from './corpusPlan';

export const KICK_ATTACKS: readonly KickAttack[] = ['click', 'punch', 'soft', 'slow'];
export const SWINGS: readonly number[] = [0, 0.1, 0.2, 0.33];

export function planBeatCorpus(options: { count?: number; seed?: string; durationSec?: number } = {}): ClipSpec[] {
  const count = options.count ?? 32;
  return planCorpus({ count, seed: options.seed ?? 'rbassist-beats-v1', durationSec: options.durationSec ?? 30 }).map((spec, i) => ({
    ...spec,
    id: `beat${String(i + 1).padStart(2, '0')}`,
    kickAttack: KICK_ATTACKS[i % KICK_ATTACKS.length],
    swing: SWINGS[Math.floor(i / KICK_ATTACKS.length) % SWINGS.length],
  }));
}
