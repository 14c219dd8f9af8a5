/**
 * Beat phase to the sample. The frame-level grid (23 ms hops, 93 ms windows) only knows where a
 * beat is to ±10–20 ms, and its latency depends on the attack. Here the grid is refined on the
 * full-rate PCM with an onset function that has no latency by construction:
 *
 *   D(t) = ln((ε + energy of [t, t + w)) / (ε + energy of [t − w, t)))
 *
 * For a sound starting at sample s, the window after t holds all of the new sound and the window
 * before holds none of it exactly when t = s, so D peaks on the first sample of the attack (a slow
 * attack peaks a little later, by a fraction of its rise). Period and phase are then fitted jointly,
 * maximising the mean of D over all beats, so the grid sits on the attacks of the whole track
 * rather than on one beat.
 * @module
 */
/**
 * Window of the full-rate onset function. Longer than a bass cycle (shorter windows see the
 * waveform of a 50 Hz saw bass as a string of "attacks"); its length does not bias the peak.
 */
const ONSET_WINDOW_SEC = 0.01;
/** Period search span (relative) around the coarse period; the coarse fit is good to ~0.01 BPM. */
const PERIOD_SPAN = 0.0006;

export interface RefinedGrid {
  /** Beat period in samples. */
  periodSamples: number;
  /** The input beat's position after refinement, in samples. */
  phaseSamples: number;
  /** Mean onset function on the refined grid (ln energy ratio; ~0 means no attacks found). */
  strength: number;
}

/** D(t) around each coarse beat, one value per sample offset in [−radius, radius]. */
function onsetProfiles(pcm: Float32Array, beats: number[], radius: number, w: number): Float32Array[] {
  let total = 0;
  for (let i = 0; i < pcm.length; i++) total += pcm[i] * pcm[i];
  // ε: a floor far below any musical level (−80 dB of the mean power per window) so silence reads 0.
  const eps = (total / Math.max(1, pcm.length)) * w * 1e-8 + 1e-20;
  return beats.map((centre) => {
    const from = Math.round(centre) - radius;
    const span = 2 * radius + 1;
    const out = new Float32Array(span);
    // Running sums over [t − w, t) and [t, t + w) as t walks through the span.
    const energyAt = (i: number) => (i >= 0 && i < pcm.length ? pcm[i] * pcm[i] : 0);
    let before = 0;
    let after = 0;
    for (let i = from - w; i < from; i++) before += energyAt(i);
    for (let i = from; i < from + w; i++) after += energyAt(i);
    for (let k = 0; k < span; k++) {
      const t = from + k;
      out[k] = Math.log((eps + Math.max(0, after)) / (eps + Math.max(0, before)));
      const entering = energyAt(t);
      before += entering - energyAt(t - w);
      after += energyAt(t + w) - entering;
    }
    return out;
  });
}

/**
 * Strongest attack (max of D) within `radiusSec` of each position (in samples): how hard
 * something starts there, on the full-rate signal.
 */
export function attackStrengths(pcm: Float32Array, sampleRate: number, positions: number[], radiusSec = 0.008): number[] {
  const w = Math.max(4, Math.round(ONSET_WINDOW_SEC * sampleRate));
  const radius = Math.max(1, Math.round(radiusSec * sampleRate));
  return onsetProfiles(pcm, positions, radius, w).map((profile) => profile.reduce((m, v) => Math.max(m, v), 0));
}

function profileAt(profile: Float32Array, k: number): number {
  const i = Math.floor(k);
  if (i < 0 || i + 1 >= profile.length) return 0;
  const frac = k - i;
  return profile[i] + (profile[i + 1] - profile[i]) * frac;
}

/**
 * Refine a coarse grid (period and phase in samples) on the full-rate signal, looking for the beat
 * within ±`searchSec` (at most half a beat: by default the whole beat, since the frame-level grid
 * can be 50 ms and more away from the attacks). Returns the coarse grid unchanged when the track
 * has fewer than 4 beats or no attack anywhere near the grid.
 */
export function refineBeatPhase(pcm: Float32Array, sampleRate: number, periodSamples: number, phaseSamples: number, searchSec = Infinity): RefinedGrid {
  const w = Math.max(4, Math.round(ONSET_WINDOW_SEC * sampleRate));
  const radius = Math.max(w, Math.round(Math.min(searchSec * sampleRate, periodSamples / 2)));
  const beats: number[] = [];
  for (let t = phaseSamples; t < pcm.length; t += periodSamples) if (t >= radius + w) beats.push(t);
  const unchanged = { periodSamples, phaseSamples, strength: 0 };
  if (beats.length < 4) return unchanged;
  const profiles = onsetProfiles(pcm, beats, radius, w);
  // Offsets measured from the middle beat so that period and phase errors do not trade off.
  const middle = Math.floor(beats.length / 2);
  const score = (shift: number, dPeriod: number) => {
    let acc = 0;
    for (let j = 0; j < beats.length; j++) {
      const d = profileAt(profiles[j], radius + shift + (j - middle) * dPeriod);
      if (d > 0) acc += d;
    }
    return acc / beats.length;
  };
  const maxDrift = periodSamples * PERIOD_SPAN;
  let best = { shift: 0, dPeriod: 0, score: -Infinity };
  const search = (shifts: [number, number, number], periods: [number, number, number]) => {
    for (let dp = periods[0]; dp <= periods[1] + 1e-9; dp += periods[2]) {
      for (let s = shifts[0]; s <= shifts[1] + 1e-9; s += shifts[2]) {
        const v = score(s, dp);
        if (v > best.score) best = { shift: s, dPeriod: dp, score: v };
      }
    }
  };
  // Phase alone over the whole radius in 2-sample steps, then phase and period together nearby,
  // then both finely.
  search([-radius + 1, radius - 1, 2], [0, 0, 1]);
  const periodStep = Math.max(maxDrift / 4, 1e-3);
  let around = best;
  search([around.shift - 6, around.shift + 6, 1], [-maxDrift, maxDrift, periodStep]);
  around = best;
  search([around.shift - 1.5, around.shift + 1.5, 0.25], [around.dPeriod - periodStep, around.dPeriod + periodStep, periodStep / 8]);
  if (!(best.score > 0)) return unchanged;
  // The input beat lies a whole number of coarse periods before beats[middle] (early beats too close
  // to the start were skipped, so beats[0] need not be it).
  const fromInput = Math.round((beats[middle] - phaseSamples) / periodSamples);
  return {
    periodSamples: periodSamples + best.dPeriod,
    phaseSamples: phaseSamples + best.shift - fromInput * best.dPeriod,
    strength: best.score,
  };
}
