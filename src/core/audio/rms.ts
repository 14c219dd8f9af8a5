import { stftFrameCount, type FramingOptions } from './stft';

/**
 * RMS energy per frame (linear amplitude, a sine of amplitude A reads A/√2), on the same frame grid
 * as the STFT with the same framing. Frames running past either end average only the samples that
 * exist, so the curve does not sag at the track's edges.
 */
export function rmsCurve(pcm: Float32Array, framing: FramingOptions): Float32Array {
  const { frameSize, hopSize, center = false } = framing;
  const count = stftFrameCount(pcm.length, framing);
  const out = new Float32Array(count);
  const offset = center ? frameSize >> 1 : 0;
  const n = pcm.length;
  const blocksPerFrame = frameSize / hopSize;
  // Fast path: when frame edges fall on hop boundaries, sum each hop-sized chunk once and add up
  // frameSize / hop chunks per frame instead of touching every sample frameSize / hop times.
  const aligned = Number.isInteger(blocksPerFrame) && offset % hopSize === 0;
  if (aligned) {
    const lead = offset / hopSize; // chunks before sample 0 (all zero, and not counted)
    const chunkCount = Math.ceil(n / hopSize);
    const chunkSum = new Float64Array(chunkCount);
    for (let c = 0; c < chunkCount; c++) {
      let acc = 0;
      const hi = Math.min(n, (c + 1) * hopSize);
      for (let i = c * hopSize; i < hi; i++) acc += pcm[i] * pcm[i];
      chunkSum[c] = acc;
    }
    for (let k = 0; k < count; k++) {
      const firstChunk = k - lead;
      let acc = 0;
      for (let c = Math.max(0, firstChunk); c < Math.min(chunkCount, firstChunk + blocksPerFrame); c++) acc += chunkSum[c];
      const lo = Math.max(0, k * hopSize - offset);
      const hi = Math.min(n, k * hopSize - offset + frameSize);
      out[k] = hi > lo ? Math.sqrt(acc / (hi - lo)) : 0;
    }
    return out;
  }
  for (let k = 0; k < count; k++) {
    const lo = Math.max(0, k * hopSize - offset);
    const hi = Math.min(n, k * hopSize - offset + frameSize);
    let acc = 0;
    for (let i = lo; i < hi; i++) acc += pcm[i] * pcm[i];
    out[k] = hi > lo ? Math.sqrt(acc / (hi - lo)) : 0;
  }
  return out;
}
