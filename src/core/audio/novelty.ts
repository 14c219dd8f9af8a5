import { dctMatrix } from './mfcc';

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
  /**
   * Turn each block of log-mel frames into this many MFCCs before comparing. The DCT is linear, so
   * the MFCC of a block mean equals the block mean of the MFCCs, at a fraction of the cost.
   */
  mfccCoeffs?: number;
  /**
   * Differences smaller than this (dB, per feature) count as noise: it floors each dimension's
   * spread before z-scoring, so a steady track's tiny wobbles are not blown up into "changes".
   */
  minSpreadDb?: number;
  /** A boundary closer than this to either end of the track is not scored (too little context). */
  minContextSec?: number;
}

/**
 * Structural novelty (Foote): cosine self-similarity of block-averaged, per-dimension z-scored
 * features, scored at every block boundary with a Gaussian-tapered checkerboard kernel as
 * mean similarity within each side minus mean similarity across it (0 = no change, up to 2).
 * Only the band of the similarity matrix the kernel touches is computed: O(blocks × kernel²).
 * Near the track's ends the kernel is cut to the blocks that exist instead of zero-padding, which
 * would invent a boundary at the start and the end, and boundaries with less than minContextSec on
 * either side score 0. Returned on the frame grid (linear interpolation).
 */
export function noveltyCurve(
  features: FeatureFrames,
  { blockSec = 0.5, kernelSec = 8, mfccCoeffs, minSpreadDb = 1, minContextSec = 2 }: NoveltyOptions = {},
): Float32Array {
  const { data, frameCount, frameRate } = features;
  const out = new Float32Array(frameCount);
  const blockLen = Math.max(1, Math.round(blockSec * frameRate));
  const nb = Math.ceil(frameCount / blockLen);
  const half = Math.max(1, Math.round(kernelSec / blockSec));
  if (nb < 2) return out;

  let blocks = blockMeans(data, frameCount, features.dim, blockLen, nb);
  let dim = features.dim;
  // Spread floor per dimension, in that dimension's units: a pattern of 1 dB across n log-mel
  // bands has an orthonormal-DCT coefficient of √n (c0) or about √(n/2) (the others).
  let spreadFloor = new Float64Array(dim).fill(minSpreadDb);
  if (mfccCoeffs !== undefined) {
    const nIn = dim;
    blocks = applyDct(blocks, nb, dim, mfccCoeffs);
    dim = mfccCoeffs;
    spreadFloor = Float64Array.from({ length: dim }, (_, c) => minSpreadDb * Math.sqrt(c === 0 ? nIn : nIn / 2));
  }
  zScoreColumns(blocks, nb, dim, spreadFloor);
  normalizeRows(blocks, nb, dim);
  const minContext = Math.max(1, Math.round(minContextSec / blockSec));

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
  for (let i = minContext; i <= nb - minContext; i++) {
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

function applyDct(rows: Float64Array, count: number, dim: number, nCoeffs: number): Float64Array {
  const basis = dctMatrix(dim, nCoeffs);
  const out = new Float64Array(count * nCoeffs);
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < nCoeffs; c++) {
      let acc = 0;
      for (let j = 0; j < dim; j++) acc += basis[c * dim + j] * rows[i * dim + j];
      out[i * nCoeffs + c] = acc;
    }
  }
  return out;
}

/** Each dimension to zero mean and unit spread over the track, the spread floored at spreadFloor[j]. */
function zScoreColumns(m: Float64Array, rows: number, dim: number, spreadFloor: Float64Array): void {
  for (let j = 0; j < dim; j++) {
    let mean = 0;
    for (let i = 0; i < rows; i++) mean += m[i * dim + j];
    mean /= rows;
    let variance = 0;
    for (let i = 0; i < rows; i++) variance += (m[i * dim + j] - mean) ** 2;
    const std = Math.sqrt(variance / rows);
    const scale = 1 / Math.max(std, spreadFloor[j], 1e-9);
    for (let i = 0; i < rows; i++) m[i * dim + j] = (m[i * dim + j] - mean) * scale;
  }
}

/**
 * Rows to unit length, except rows shorter than 1 (closer to the track's average than one spread
 * in total), which are divided by 1 instead: near-average blocks then have near-zero similarity to
 * everything rather than a random ±1 from the direction of their noise.
 */
function normalizeRows(m: Float64Array, rows: number, dim: number): void {
  for (let i = 0; i < rows; i++) {
    let norm = 0;
    for (let j = 0; j < dim; j++) norm += m[i * dim + j] ** 2;
    norm = Math.max(1, Math.sqrt(norm));
    for (let j = 0; j < dim; j++) m[i * dim + j] /= norm;
  }
}

function dotRows(m: Float64Array, a: number, b: number, dim: number): number {
  let s = 0;
  for (let j = 0; j < dim; j++) s += m[a * dim + j] * m[b * dim + j];
  return s;
}
