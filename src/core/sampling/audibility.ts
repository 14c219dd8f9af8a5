import type { Curves } from '../audio/curves';
import { percentile } from '../audio/curveOps';

/** A track whose loudest frame stays below this is treated as silent (-60 dBFS RMS). */
export const SILENCE_RMS = 10 ** (-60 / 20);

/** Frames more than this far below the track's loud parts (its 90th percentile RMS) count as inaudible. */
const AUDIBLE_BELOW_LOUD_DB = 30;

export function isSilent(curves: Curves): boolean {
  for (const v of curves.rms) if (v >= SILENCE_RMS) return false;
  return true;
}

/**
 * 1 where a frame is audible: above -60 dBFS and within 30 dB of the track's loud parts. Spectral
 * flux is level-independent, so onsets in a fade or in noise-floor hiss are ignored through this.
 */
export function audibleFrames(curves: Curves): Uint8Array {
  const gate = Math.max(SILENCE_RMS, percentile(curves.rms, 90) * 10 ** (-AUDIBLE_BELOW_LOUD_DB / 20));
  const out = new Uint8Array(curves.rms.length);
  for (let k = 0; k < out.length; k++) out[k] = curves.rms[k] >= gate ? 1 : 0;
  return out;
}

/** Frame index nearest to a time, clamped to the curve. */
export function frameAt(curves: Curves, sec: number): number {
  const last = curves.rms.length - 1;
  return Math.min(last, Math.max(0, Math.round(sec * curves.frameRate)));
}
