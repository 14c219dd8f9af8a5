/**
 * The built-in embedder ("builtin-dsp"): no download, CPU only. Raw DSP features of the sampled
 * windows (features.ts) are standardised with fixed constants (standardisation.ts), each feature
 * group is weighted so that groups of many dimensions do not drown small ones, and the result goes
 * through the shared fixed projection to 256-d and L2 normalization.
 * @module
 */
import type { Embedder } from '../embedder';
import { PROJECTION_VERSION, toEmbedding } from '../projection';
import { FEATURE_COUNT, FEATURE_GROUPS, trackFeatures } from './features';
import { STANDARDISATION } from './standardisation';

export const BUILTIN_MODEL_ID = 'builtin-dsp';
/** Bump when features, weights or standardisation change (stored vectors must be recomputed). */
export const BUILTIN_FEATURE_VERSION = 1;

/** Per-dimension multiplier: 1/σ of the feature times its group's weight / √(group size). */
function dimensionScales(): Float32Array {
  if (STANDARDISATION.means.length !== FEATURE_COUNT || STANDARDISATION.scales.length !== FEATURE_COUNT) {
    throw new Error(
      `Built-in standardisation has ${STANDARDISATION.means.length} constants for ${FEATURE_COUNT} features: re-run scripts/corpus/embeddings/calibrate-builtin.ts`,
    );
  }
  const out = new Float32Array(FEATURE_COUNT);
  let i = 0;
  for (const group of FEATURE_GROUPS) {
    const groupScale = group.weight / Math.sqrt(group.size);
    for (let k = 0; k < group.size; k++, i++) out[i] = groupScale / STANDARDISATION.scales[i];
  }
  return out;
}

const scales = dimensionScales();

/** Standardised, group-weighted feature vector (before projection). */
export function standardiseFeatures(raw: Float32Array): Float32Array {
  return Float32Array.from(raw, (v, i) => (v - STANDARDISATION.means[i]) * scales[i]);
}

/** 256-d unit vector from windows (synchronous: the decode workers call it directly). */
export function embedBuiltin(windows: readonly Float32Array[], sampleRate: number): Float32Array {
  return toEmbedding(standardiseFeatures(trackFeatures(windows, sampleRate)));
}

/** Changes whenever built-in vectors would change (features or projection). */
export const BUILTIN_EMBEDDER_VERSION = `${BUILTIN_MODEL_ID}/features:v${BUILTIN_FEATURE_VERSION}/proj:v${PROJECTION_VERSION}`;

export class BuiltinDspEmbedder implements Embedder {
  readonly modelId = BUILTIN_MODEL_ID;
  readonly version = BUILTIN_EMBEDDER_VERSION;

  async embed(windows: readonly Float32Array[], sampleRate: number): Promise<Float32Array> {
    return embedBuiltin(windows, sampleRate);
  }
}
