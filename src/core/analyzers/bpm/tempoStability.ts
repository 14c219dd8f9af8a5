/**
 * Does one tempo hold through the track? Each ~8 s window's own onset periodicity is compared with
 * the global beat period: the share of windows that agree. A track that changes tempo half-way
 * scores ~0.5, a steady one ~1.
 * @module
 */
import { autocorrelation, combSalience } from './tempoSalience';

export function tempoStability(env: Float32Array, frameRate: number, bpm: number, windowSec = 8): number {
  const win = Math.round(windowSec * frameRate);
  if (env.length < win * 1.5) return 1; // too short to split: the global fit already covers it
  const hop = Math.round(win / 2);
  const maxLag = Math.ceil(((60 * frameRate) / bpm) * 4 * 1.4);
  let agree = 0;
  let total = 0;
  for (let start = 0; start + win <= env.length; start += hop) {
    const acf = autocorrelation(env.subarray(start, start + win), maxLag);
    const here = combSalience(acf, frameRate, bpm);
    // Strongest competing tempo within ±30 % (outside ±2 % of the global one).
    let rival = 0;
    for (let t = bpm * 0.77; t <= bpm * 1.3; t += bpm * 0.005) {
      if (Math.abs(t / bpm - 1) < 0.02) continue;
      rival = Math.max(rival, combSalience(acf, frameRate, t));
    }
    total++;
    if (here >= 0.85 * rival && here > 0) agree++;
  }
  return total > 0 ? agree / total : 1;
}
