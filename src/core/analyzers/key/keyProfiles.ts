/**
 * Key profiles: expected weight of each pitch class (index 0 = tonic) in a major and a minor key.
 * Values as published in the cited papers.
 */
export interface KeyProfile {
  name: string;
  major: readonly number[];
  minor: readonly number[];
}

/** Krumhansl & Kessler (1982), probe-tone ratings. */
export const KRUMHANSL: KeyProfile = {
  name: 'krumhansl',
  major: [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88],
  minor: [6.33, 2.68, 3.52, 5.38, 2.6, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17],
};

/** Temperley (1999), "What's key for key?", revised Kostka–Payne profiles. */
export const TEMPERLEY: KeyProfile = {
  name: 'temperley',
  major: [5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0],
  minor: [5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0],
};

/** Shaath (2011, KeyFinder): Krumhansl's profiles tuned for popular and electronic music. */
export const SHAATH: KeyProfile = {
  name: 'shaath',
  major: [6.6, 2.0, 3.5, 2.3, 4.6, 4.0, 2.5, 5.2, 2.4, 3.7, 2.3, 3.4],
  minor: [6.5, 2.7, 3.5, 5.4, 2.6, 3.5, 2.5, 5.2, 4.0, 2.7, 4.3, 3.2],
};

/** Faraldo et al. (2016), "Key estimation in electronic dance music": profiles from an EDM corpus (edma). */
export const EDMA: KeyProfile = {
  name: 'edma',
  major: [0.16519551, 0.04749026, 0.08293076, 0.06687112, 0.09994645, 0.09274123, 0.05294487, 0.13159476, 0.05218986, 0.07443653, 0.06940723, 0.0642515],
  minor: [0.17235348, 0.05336489, 0.0761009, 0.10043649, 0.05621498, 0.08527853, 0.0497915, 0.13451001, 0.07458916, 0.05003023, 0.09187879, 0.05545106],
};

function normalized(values: readonly number[]): number[] {
  const total = values.reduce((s, v) => s + v, 0);
  return values.map((v) => v / total);
}

/**
 * Mean of the Krumhansl, Temperley and Shaath profiles (each scaled to sum 1). The ensemble was
 * more accurate than any single profile on the corpus and is less tied to one repertoire.
 */
export const ENSEMBLE: KeyProfile = {
  name: 'ensemble',
  major: normalized(KRUMHANSL.major).map((v, i) => (v + normalized(TEMPERLEY.major)[i] + normalized(SHAATH.major)[i]) / 3),
  minor: normalized(KRUMHANSL.minor).map((v, i) => (v + normalized(TEMPERLEY.minor)[i] + normalized(SHAATH.minor)[i]) / 3),
};
