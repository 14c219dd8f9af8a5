/**
 * Concert-pitch estimation: where the track's partials sit relative to the A440 semitone grid.
 * A magnitude-weighted circular mean of each peak's deviation (in semitones, modulo 1) is robust to
 * which notes are played and gives the offset in cents (records at A=432…446 are common).
 * @module
 */
import type { PeakList } from './spectralPeaks';

export interface TuningEstimate {
  /** Offset from A440 in cents, in [-50, 50). */
  cents: number;
  /** Resultant length 0–1: near 1 when all partials agree on one grid. */
  strength: number;
}

export class TuningAccumulator {
  private re = 0;
  private im = 0;
  private total = 0;

  add(peaks: PeakList, minHz: number, maxHz: number): void {
    for (let i = 0; i < peaks.freqs.length; i++) {
      const f = peaks.freqs[i];
      if (f < minHz || f > maxHz) continue;
      const semis = 12 * Math.log2(f / 440);
      const angle = 2 * Math.PI * (semis - Math.round(semis));
      const w = peaks.amps[i];
      this.re += w * Math.cos(angle);
      this.im += w * Math.sin(angle);
      this.total += w;
    }
  }

  estimate(): TuningEstimate {
    if (!(this.total > 0)) return { cents: 0, strength: 0 };
    const cents = (100 * Math.atan2(this.im, this.re)) / (2 * Math.PI);
    const strength = Math.hypot(this.re, this.im) / this.total;
    return { cents: cents >= 50 ? cents - 100 : cents, strength };
  }
}
