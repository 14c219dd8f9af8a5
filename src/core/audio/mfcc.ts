import type { LogMelSpectrogram } from './mel';

const dctCache = new Map<string, Float32Array>();

/**
 * Orthonormal DCT-II basis as a row-major nCoeffs × nInputs matrix (row c = coefficient c):
 * the same transform as scipy.fft.dct(type=2, norm='ortho'), so MFCCs match librosa's convention.
 */
export function dctMatrix(nInputs: number, nCoeffs: number): Float32Array {
  if (!Number.isInteger(nInputs) || nInputs < 1) throw new Error(`DCT input size must be a positive integer, got ${nInputs}`);
  if (!Number.isInteger(nCoeffs) || nCoeffs < 1 || nCoeffs > nInputs) {
    throw new Error(`DCT coefficient count must be an integer in 1..${nInputs}, got ${nCoeffs}`);
  }
  const key = `${nInputs}/${nCoeffs}`;
  let m = dctCache.get(key);
  if (!m) {
    m = new Float32Array(nCoeffs * nInputs);
    for (let c = 0; c < nCoeffs; c++) {
      const scale = Math.sqrt((c === 0 ? 1 : 2) / nInputs);
      for (let n = 0; n < nInputs; n++) m[c * nInputs + n] = scale * Math.cos((Math.PI * c * (2 * n + 1)) / (2 * nInputs));
    }
    dctCache.set(key, m);
  }
  return m;
}

/** DCT-II of one vector (length = nInputs of the basis) into `out` (length nCoeffs). */
export function dct(input: ArrayLike<number>, nCoeffs: number, out = new Float32Array(nCoeffs)): Float32Array {
  const n = input.length;
  const basis = dctMatrix(n, nCoeffs);
  for (let c = 0; c < nCoeffs; c++) {
    let acc = 0;
    const row = c * n;
    for (let i = 0; i < n; i++) acc += basis[row + i] * input[i];
    out[c] = acc;
  }
  return out;
}

/** Row-major frames × nCoeffs MFCC matrix; frame k sits at time k / frameRate like its log-mel frame. */
export interface Mfcc {
  data: Float32Array;
  frameCount: number;
  nCoeffs: number;
  frameRate: number;
}

/** MFCCs from a log-mel spectrogram (dB values, as librosa's mfcc on power_to_db). */
export function mfccFromLogMel(spec: LogMelSpectrogram, nCoeffs = 20): Mfcc {
  const { nMels, frameCount } = spec;
  const basis = dctMatrix(nMels, nCoeffs);
  const data = new Float32Array(frameCount * nCoeffs);
  for (let k = 0; k < frameCount; k++) {
    const inRow = k * nMels;
    const outRow = k * nCoeffs;
    for (let c = 0; c < nCoeffs; c++) {
      let acc = 0;
      const bRow = c * nMels;
      for (let i = 0; i < nMels; i++) acc += basis[bRow + i] * spec.data[inRow + i];
      data[outRow + c] = acc;
    }
  }
  return { data, frameCount, nCoeffs, frameRate: spec.frameRate };
}
