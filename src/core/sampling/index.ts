/**
 * Sampling: which parts of a track get decoded at model rate and embedded.
 * @module
 */
export { pickWindows } from './pickWindows';
export type { SampleWindow, WindowKind, WindowSelection } from './pickWindows';
export { ADAPTIVE, BALANCED_120S, BASELINE_75S, BUILT_IN_PROFILES, CLUB_HIFI_150S, DEFAULT_PROFILE_NAME, builtInProfile } from './profile';
export type { AdaptiveSettings, ExtraKind, SamplingProfile } from './profile';
export { assertValidProfile, validateProfile } from './validateProfile';
export type { ProfileValidation } from './validateProfile';
export { SAMPLING_ALGORITHM_VERSION, profileParamsHash, seedFromPath, stableStringify, windowsCacheKey } from './cacheKey';
export { measureComplexity } from './complexity';
export type { Complexity } from './complexity';
export { SILENCE_RMS, isSilent } from './audibility';
