import type { FramingOptions } from './stft';

/** Target frame rate of the feature curves: ~43 frames/s (23 ms), enough to place onsets and beats. */
const TARGET_FRAME_RATE = 43;

/**
 * Default centred framing for a sample rate: hop = the power of two nearest sampleRate / 43
 * (256 at 11 025 Hz, 512 at 22 050/24 000 Hz), frame = 4 × hop (93 ms at 11 025 Hz).
 * Powers of two keep fft.js happy and frame times exact multiples of 1 / frameRate.
 */
export function defaultFraming(sampleRate: number): Required<FramingOptions> {
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) throw new Error(`sampleRate must be a positive number, got ${sampleRate}`);
  const hopSize = 2 ** Math.max(2, Math.round(Math.log2(sampleRate / TARGET_FRAME_RATE)));
  return { frameSize: hopSize * 4, hopSize, center: true };
}
