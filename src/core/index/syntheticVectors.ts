import { mulberry32 } from '../hash';

/**
 * Seeded, clustered unit vectors that look like audio embeddings to an index: points lie near a
 * low-dimensional subspace (styles vary along few directions), grouped around cluster centres
 * (genres), plus full-dimensional noise (what the model cannot explain). Used by the recall tests
 * and the benchmark so both measure the same kind of data; same options, same vectors.
 */
export interface ClusteredVectorOptions {
  count: number;
  dims: number;
  seed: number;
  /** Number of cluster centres. */
  clusters?: number;
  /** Dimension of the subspace the clusters live in. */
  latentDims?: number;
  /** Spread of a point around its centre, relative to the spread of the centres. */
  clusterSpread?: number;
  /** Standard deviation of the isotropic noise per output dimension (the clustered signal has about
   *  unit variance per dimension, so 0.5 puts about a sixth of the energy in noise). */
  noise?: number;
}

export interface ClusteredVectors {
  /** `count` rows of `dims` floats, each row of unit length. */
  vectors: Float32Array;
  /** Cluster of each row (for tests that reason about neighbourhoods). */
  clusterOf: Uint16Array;
  /** Draws fresh points from the same distribution (queries that are not in the index). */
  sample(count: number, seed: number): Float32Array;
}

export function clusteredVectors(options: ClusteredVectorOptions): ClusteredVectors {
  const { count, dims, seed, clusters = 64, latentDims = 64, clusterSpread = 0.5, noise = 0.5 } = options;
  const gauss = gaussianSource(seed);
  // Random projection from the latent space, scaled so each output dimension has about unit variance.
  const projection = new Float32Array(latentDims * dims);
  for (let i = 0; i < projection.length; i++) projection[i] = gauss() / Math.sqrt(latentDims);
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: latentDims }, gauss));

  const draw = (rows: number, pick: () => number, noiseSource: () => number, clusterOf?: Uint16Array): Float32Array => {
    const out = new Float32Array(rows * dims);
    const latent = new Float32Array(latentDims);
    for (let r = 0; r < rows; r++) {
      const c = Math.floor(pick() * clusters);
      if (clusterOf) clusterOf[r] = c;
      for (let l = 0; l < latentDims; l++) latent[l] = centres[c][l] + clusterSpread * noiseSource();
      let norm = 0;
      const base = r * dims;
      for (let d = 0; d < dims; d++) {
        let value = noise * noiseSource();
        for (let l = 0; l < latentDims; l++) value += latent[l] * projection[l * dims + d];
        out[base + d] = value;
        norm += value * value;
      }
      norm = Math.sqrt(norm);
      for (let d = 0; d < dims; d++) out[base + d] /= norm;
    }
    return out;
  };

  const rand = mulberry32(seed ^ 0x9e3779b9);
  const clusterOf = new Uint16Array(count);
  const vectors = draw(count, rand, gauss, clusterOf);
  return {
    vectors,
    clusterOf,
    sample: (rows, sampleSeed) => draw(rows, mulberry32(sampleSeed ^ 0x85ebca6b), gaussianSource(sampleSeed)),
  };
}

/** Standard normal deviates (Box–Muller) from a seeded uniform source. */
function gaussianSource(seed: number): () => number {
  const rand = mulberry32(seed);
  return () => {
    let u = 0;
    while (u === 0) u = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
  };
}
