/**
 * Which beat of the grid starts the bar. Bars begin where the kick lands hardest and where the
 * harmony changes (chords and bass notes change on the "one"), so each of the four bar phases is
 * scored by low-band onset strength plus beat-to-beat spectral change at its beats.
 */
import type { LogMelSpectrogram } from '../../audio/mel';
import { sampleAt } from './onsetEnvelope';

export interface DownbeatEstimate {
  /** Index of the first beat (0–3) that is a downbeat. */
  firstDownbeatBeat: number;
  /** 0–1: how clearly that phase beats the others. */
  confidence: number;
}

/** Mean log-mel vector over [from, to) frames for bands in [loBand, hiBand). */
function meanSpectrum(spec: LogMelSpectrogram, from: number, to: number, loBand: number, hiBand: number): Float32Array {
  const out = new Float32Array(hiBand - loBand);
  const a = Math.max(0, Math.floor(from));
  const b = Math.min(spec.frameCount, Math.ceil(to));
  if (b <= a) return out;
  for (let k = a; k < b; k++) for (let m = loBand; m < hiBand; m++) out[m - loBand] += spec.data[k * spec.nMels + m];
  for (let i = 0; i < out.length; i++) out[i] /= b - a;
  return out;
}

function zScores(x: number[]): number[] {
  const mean = x.reduce((s, v) => s + v, 0) / Math.max(1, x.length);
  const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, x.length));
  return x.map((v) => (sd > 1e-9 ? (v - mean) / sd : 0));
}

export function estimateDownbeat(
  spec: LogMelSpectrogram,
  centersHz: ArrayLike<number>,
  lowEnv: Float32Array,
  periodFrames: number,
  phaseFrames: number,
): DownbeatEstimate {
  const beats: number[] = [];
  for (let t = phaseFrames; t < spec.frameCount - 1; t += periodFrames) beats.push(t);
  if (beats.length < 8) return { firstDownbeatBeat: 0, confidence: 0 };
  let loBand = 0;
  while (loBand < spec.nMels && centersHz[loBand] < 100) loBand++;
  let hiBand = loBand;
  while (hiBand < spec.nMels && centersHz[hiBand] < 2000) hiBand++;
  const kick = beats.map((t) => Math.max(sampleAt(lowEnv, t - 1), sampleAt(lowEnv, t), sampleAt(lowEnv, t + 1)));
  const change: number[] = [0];
  let previous = meanSpectrum(spec, beats[0] - periodFrames, beats[0], loBand, hiBand);
  for (let j = 0; j < beats.length; j++) {
    const current = meanSpectrum(spec, beats[j], beats[j] + periodFrames, loBand, hiBand);
    if (j > 0) {
      let d = 0;
      for (let i = 0; i < current.length; i++) d += Math.abs(current[i] - previous[i]);
      change.push(d / Math.max(1, current.length));
    }
    previous = current;
  }
  const kz = zScores(kick);
  const cz = zScores(change);
  const phaseScore = [0, 0, 0, 0];
  const counts = [0, 0, 0, 0];
  for (let j = 1; j < beats.length; j++) {
    phaseScore[j % 4] += kz[j] + cz[j];
    counts[j % 4]++;
  }
  const means = phaseScore.map((s, i) => (counts[i] > 0 ? s / counts[i] : -Infinity));
  const order = [0, 1, 2, 3].sort((a, b) => means[b] - means[a]);
  const margin = means[order[0]] - means[order[1]];
  return { firstDownbeatBeat: order[0], confidence: Math.max(0, Math.min(1, margin / 1.5)) };
}
