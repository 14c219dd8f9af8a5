/** A row-major frames × dim feature matrix (MFCC or log-mel) on the curve frame grid. */
export interface FeatureFrames {
  data: Float32Array;
  frameCount: number;
  dim: number;
  frameRate: number;
}

export interface NoveltyOptions {
  /** Frames are averaged into blocks of this length before comparing (smooths away single beats). */
  blockSec?: number;
  /** How far the checkerboard kernel looks on each side of a candidate boundary. */
  kernelSec?: number;
}

/**
 * Structural novelty (Foote): cosine self-similarity of block-averaged, per-dimension z-scored
 * features, scored at every block boundary with a Gaussian-tapered checkerboard kernel as
 * mean similarity within each side minus mean similarity across it (0 = no change, up to 2).
 * Only the band of the similarity matrix the kernel touches is computed: O(blocks × kernel²).
 * Near the track's ends the kernel is cut to the blocks that exist instead of zero-padding, which
 * would invent a boundary at the start and the end. Returned on the frame grid (linear interpolation).
 */
export function noveltyCurve(features: FeatureFrames, { blockSec = 0.5, kernelSec = 8 }: NoveltyOptions = {}): Float32Array {
  const { data, frameCount, dim, frameRate } = features;
  const out = new Float32Array(frameCount);
  const blockLen = Math.max(1, Math.round(blockSec * frameRate));
  const nb = Math.ceil(frameCount / blockLen);
  const half = Math.max(1, Math.round(kernelSec / blockSec));
  if (nb < 2) return out;

  const blocks = blockMeans(data, frameCount, dim, blockLen, nb);
  zScoreColumns(blocks, nb, dim);
  normaliseRows(blocks, nb, dim);

  // band[i * width + d] = similarity of block i and block i + d, d in 1..width-1 (d = 0 is skipped).
  const width = 2 * half;
  const band = new Float32Array(nb * width);
  for (let i = 0; i < nb; i++) {
    for (let d = 1; d < width && i + d < nb; d++) band[i * width + d] = dotRows(blocks, i, i + d, dim);
  }
  const taper = new Float64Array(half);
  for (let a = 0; a < half; a++) {
    const dist = a + 0.5;
    taper[a] = Math.exp(-0.5 * (dist / (half / 2)) ** 2);
  }

  const boundary = new Float32Array(nb + 1);
  for (let i = 1; i < nb; i++) {
    // Past blocks i-1-a (a < half), future blocks i+a.
    let same = 0;
    let sameW = 0;
    let cross = 0;
    let crossW = 0;
    const pastN = Math.min(half, i);
    const futureN = Math.min(half, nb - i);
    for (let a = 0; a < pastN; a++) {
      const pa = i - 1 - a;
      for (let b = a + 1; b < pastN; b++) {
        const pb = i - 1 - b;
        const w = taper[a] * taper[b];
        same += w * band[pb * width + (pa - pb)];
        sameW += w;
      }
      for (let b = 0; b < futureN; b++) {
        const fb = i + b;
        const w = taper[a] * taper[b];
        cross += w * band[pa * width + (fb - pa)];
        crossW += w;
      }
    }
    for (let a = 0; a < futureN; a++) {
      for (let b = a + 1; b < futureN; b++) {
        const w = taper[a] * taper[b];
        same += w * band[(i + a) * width + (b - a)];
        sameW += w;
      }
    }
    if (sameW > 0 && crossW > 0) boundary[i] = Math.max(0, same / sameW - cross / crossW);
  }

  // Boundary i sits at the first frame of block i.
  for (let k = 0; k < frameCount; k++) {
    const pos = k / blockLen;
    const i = Math.floor(pos);
    const t = pos - i;
    out[k] = boundary[i] * (1 - t) + (i + 1 <= nb ? boundary[i + 1] : 0) * t;
  }
  return out;
}

function blockMeans(data: Float32Array, frameCount: number, dim: number, blockLen: number, nb: number): Float64Array {
  const blocks = new Float64Array(nb * dim);
  for (let i = 0; i < nb; i++) {
    const lo = i * blockLen;
    const hi = Math.min(frameCount, lo + blockLen);
    for (let k = lo; k < hi; k++) for (let j = 0; j < dim; j++) blocks[i * dim + j] += data[k * dim + j];
    for (let j = 0; j < dim; j++) blocks[i * dim + j] /= hi - lo;
  }
  return blocks;
}

/** Each dimension to zero mean, unit variance over the track; constant dimensions become 0. */
function zScoreColumns(m: Float64Array, rows: number, dim: number): void {
  for (let j = 0; j < dim; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += m[i * dim + j];
    mean /= rows;
    let variance = 0;
    for (let i = 0; i < rows; i++) variance += (m[i * dim + j] - mean) ** 2;
    const std = Math.sqrt(variance / rows);
    const scale = std > 1e-6 ? 1 / std : 0;
    for (let i = 0; i < rows; i++) m[i * dim + j] = (m[i * dim + j] - mean) * scale;
  }
}

/** Rows to unit length; all-zero rows stay zero (their similarity to anything is 0). */
function normaliseRows(m: Float64Array, rows: number, dim: number): void {
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += m[i * dim + j] ** 2;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let j = 0; j < dim; j++) m[i * dim + j] /= norm;
  }
}

function dotRows(m: Float64Array, a: number, b: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) s += m[a * dim + j] * m[b * dim + j];
  return s;
}
