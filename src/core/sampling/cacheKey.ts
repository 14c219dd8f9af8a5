import { fnv1a32, fnv1a64Hex } from '../hash';
import { normalizeRelativePath } from '../library/trackId';
import type { SamplingProfile } from './profile';

/**
 * Bumped whenever pickWindows would choose differently for the same curves and parameters, so
 * stored windows from an older algorithm are recomputed rather than trusted.
 */
export const SAMPLING_ALGORITHM_VERSION = 1;

/** JSON with object keys sorted at every level: the same parameters always give the same text. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableStringify(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Hash of everything that affects the windows (the description does not). */
export function profileParamsHash(profile: SamplingProfile): string {
  const { description: _ignored, ...params } = profile;
  return fnv1a64Hex(`sampling/v${SAMPLING_ALGORITHM_VERSION}/${stableStringify(params)}`);
}

/**
 * Key stored beside a track's windows: while it matches the active profile's key the stored
 * windows are reused; editing any parameter (or switching profile) changes it.
 */
export function windowsCacheKey(profile: SamplingProfile): string {
  return `${profile.name}@${profileParamsHash(profile)}`;
}

/** Seed for a track's tie-breaks and random spots, from its path relative to the music folder. */
export function seedFromPath(relativePath: string): number {
  return fnv1a32(`sampling:${normalizeRelativePath(relativePath)}`);
}
