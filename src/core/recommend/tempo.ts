/**
 * Tempo matching with half/double time: a 70 BPM dub track mixes with 140 BPM material, and beat
 * trackers themselves often report half or double the felt tempo.
 */
export interface BpmRange {
  min: number;
  max: number;
  /** Also accept tracks whose half or double tempo falls in the range. */
  halfDouble?: boolean;
}

export type TempoRelation = 'same' | 'half' | 'double';

/** How `bpm` fits the range: directly, or played at double/half speed; undefined when it does not. */
export function tempoRelation(bpm: number | undefined, range: BpmRange): TempoRelation | undefined {
  if (bpm === undefined || !Number.isFinite(bpm) || bpm <= 0) return undefined;
  const inRange = (value: number) => value >= range.min && value <= range.max;
  if (inRange(bpm)) return 'same';
  if (!range.halfDouble) return undefined;
  if (inRange(bpm * 2)) return 'double';
  if (inRange(bpm / 2)) return 'half';
  return undefined;
}

/** The range a DJ means by "±6 % around 124": pitch-fader reach. */
export function bpmRangeAround(bpm: number, percent: number, halfDouble = true): BpmRange {
  if (!(bpm > 0)) throw new RangeError(`A tempo range needs a positive BPM, got ${bpm}`);
  const spread = (bpm * percent) / 100;
  return { min: bpm - spread, max: bpm + spread, halfDouble };
}
