import type { Curves } from '../audio/curves';

/** Hand-made feature curves with known onsets, novelty peaks and silences, for the sampling tests. */
export interface CurveSpec {
  durationSec: number;
  frameRate?: number;
  /** Steady RMS level of the audible parts. */
  level?: number;
  /** Onset spikes (height 10 by default) at these times. */
  onsets?: number[];
  onsetHeight?: number;
  /** Small background flux everywhere audible (like hats and pads). */
  onsetFloor?: number;
  /** Novelty bumps (triangles 2 s wide) at these times with these heights. */
  noveltyPeaks?: { atSec: number; height: number }[];
  /** [from, to) spans of digital silence. */
  silences?: [number, number][];
}

export const FRAME_RATE = 11025 / 256;

export function makeCurves(spec: CurveSpec): Curves {
  const frameRate = spec.frameRate ?? FRAME_RATE;
  const n = Math.floor(spec.durationSec * frameRate) + 1;
  const rms = new Float32Array(n).fill(spec.level ?? 0.2);
  const onset = new Float32Array(n).fill(spec.onsetFloor ?? 0.5);
  const novelty = new Float32Array(n);
  for (const t of spec.onsets ?? []) {
    const k = Math.round(t * frameRate);
    if (k < n) onset[k] = spec.onsetHeight ?? 10;
    // The attack: energy rises over the two frames before the onset frame.
    if (k >= 2 && k < n) {
      rms[k - 2] *= 0.6;
      rms[k - 1] *= 0.8;
    }
  }
  for (const { atSec, height } of spec.noveltyPeaks ?? []) {
    const centre = atSec * frameRate;
    const halfWidth = frameRate;
    for (let k = Math.max(0, Math.floor(centre - halfWidth)); k < Math.min(n, Math.ceil(centre + halfWidth) + 1); k++) {
      novelty[k] = Math.max(novelty[k], height * Math.max(0, 1 - Math.abs(k - centre) / halfWidth));
    }
  }
  for (const [from, to] of spec.silences ?? []) {
    for (let k = Math.max(0, Math.round(from * frameRate)); k < Math.min(n, Math.round(to * frameRate)); k++) {
      rms[k] = 0;
      onset[k] = 0;
    }
  }
  return { frameRate, rms, onset, novelty, durationSec: spec.durationSec };
}

/** Beat times every `periodSec` from `fromSec` to `toSec`. */
export function beats(fromSec: number, toSec: number, periodSec = 0.5): number[] {
  const out: number[] = [];
  for (let t = fromSec; t < toSec; t += periodSec) out.push(Math.round(t * 1000) / 1000);
  return out;
}
