/**
 * Energy shapes for a set: the target energy (1–10) at each position, starting from the seed's.
 * build: rises steadily; peak: rises to a high point about 60 % in, then comes back; cool down:
 * falls steadily; flat: stays where the seed is.
 */
export type EnergyCurve = 'build' | 'peak' | 'cooldown' | 'flat';

export const ENERGY_CURVES: readonly EnergyCurve[] = ['build', 'peak', 'cooldown', 'flat'];

export const CURVE_NAMES: Record<EnergyCurve, string> = { build: 'Build', peak: 'Peak', cooldown: 'Cool down', flat: 'Flat' };

/** How far a build or cool-down travels, in energy points. */
const SPAN = 4;

const clamp = (value: number) => Math.min(10, Math.max(1, value));
const round1 = (value: number) => Math.round(value * 10) / 10;

export function energyTargets(curve: EnergyCurve, length: number, startEnergy: number): number[] {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`A set needs at least one track, got ${length}`);
  const start = clamp(startEnergy);
  const at = (i: number) => (length === 1 ? 0 : i / (length - 1));
  return Array.from({ length }, (_, i) => {
    const t = at(i);
    switch (curve) {
      case 'build':
        return round1(start + (clamp(start + SPAN) - start) * t);
      case 'cooldown':
        return round1(start + (clamp(start - SPAN) - start) * t);
      case 'peak': {
        const top = clamp(start + SPAN - 1);
        const peakAt = 0.6;
        const rise = t <= peakAt ? t / peakAt : (1 - t) / (1 - peakAt);
        return round1(start + (top - start) * rise);
      }
      case 'flat':
        return start;
    }
  });
}
