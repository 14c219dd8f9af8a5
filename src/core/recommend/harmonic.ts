import { compatibleCamelot, toCamelot, type MusicalKey } from '../music/keys';

/**
 * Harmonic mixing on the Camelot wheel: how a candidate key relates to the reference key, using
 * core/music/keys `compatibleCamelot` (same key, one step either way, relative major/minor, and
 * optionally +2 as the "energy boost").
 */
export type HarmonicRelation = 'same' | 'up' | 'down' | 'relative' | 'boost';

const RELATIONS: readonly HarmonicRelation[] = ['same', 'up', 'down', 'relative', 'boost'];

/** The relation of `key` to `reference`, or undefined when they do not mix harmonically. */
export function harmonicRelation(reference: MusicalKey, key: MusicalKey, energyBoost = false): HarmonicRelation | undefined {
  // compatibleCamelot lists: same, +1, −1, relative, then +2 when asked for.
  const at = compatibleCamelot(reference, { energyBoost }).indexOf(toCamelot(key));
  return at < 0 ? undefined : RELATIONS[at];
}
