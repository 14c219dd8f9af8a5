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
  for (let k = 0; k < count; k++) {
    const lo = Math.max(0, k * hopSize - offset);
    const hi = Math.min(n, k * hopSize - offset + frameSize);
    let acc = 0;
    for (let i = lo; i < hi; i++) acc += pcm[i] * pcm[i];
    out[k] = hi > lo ? Math.sqrt(acc / (hi - lo)) : 0;
  }
  return out;
}
