/**
 * Mastering chains for the club corpus: a bus compressor, then make-up gain and a look-ahead peak
 * limiter, iterated until the integrated loudness sits at the target (e.g. −14 LUFS, as streaming
 * and club masters are normalized). Loudness is measured with the analyzers' own meter.
 * @module
 */
import { integratedLoudness } from '../../../src/core/analyzers/energy/loudness';

export interface MasteringChain {
  name: string;
  compressor: { thresholdDb: number; ratio: number; attackMs: number; releaseMs: number };
  limiter: { ceilingDb: number; releaseMs: number };
  targetLufs: number;
}

export const MASTERING_CHAINS: readonly MasteringChain[] = [
  { name: 'gentle', compressor: { thresholdDb: -18, ratio: 2, attackMs: 30, releaseMs: 200 }, limiter: { ceilingDb: -1, releaseMs: 120 }, targetLufs: -14 },
  { name: 'club', compressor: { thresholdDb: -22, ratio: 4, attackMs: 10, releaseMs: 120 }, limiter: { ceilingDb: -0.3, releaseMs: 60 }, targetLufs: -14 },
  { name: 'loud', compressor: { thresholdDb: -26, ratio: 6, attackMs: 3, releaseMs: 80 }, limiter: { ceilingDb: -0.1, releaseMs: 40 }, targetLufs: -14 },
];

const dbToGain = (db: number) => Math.pow(10, db / 20);

/** Feed-forward compressor on a smoothed level (attack/release one-pole on the dB gain reduction). */
function compress(x: Float32Array, sr: number, c: MasteringChain['compressor']): Float32Array {
  const out = new Float32Array(x.length);
  const att = Math.exp(-1 / ((c.attackMs / 1000) * sr));
  const rel = Math.exp(-1 / ((c.releaseMs / 1000) * sr));
  const rmsCoef = Math.exp(-1 / (0.01 * sr));
  let meanSquare = 0;
  let reductionDb = 0;
  for (let i = 0; i < x.length; i++) {
    meanSquare = rmsCoef * meanSquare + (1 - rmsCoef) * x[i] * x[i];
    const levelDb = 10 * Math.log10(meanSquare + 1e-12);
    const over = levelDb - c.thresholdDb;
    const target = over > 0 ? over * (1 - 1 / c.ratio) : 0;
    const coef = target > reductionDb ? att : rel;
    reductionDb = coef * reductionDb + (1 - coef) * target;
    out[i] = x[i] * dbToGain(-reductionDb);
  }
  return out;
}

/** Look-ahead (2 ms) brick-wall limiter: gain drops instantly before a peak, recovers with `releaseMs`. */
function limit(x: Float32Array, sr: number, gain: number, l: MasteringChain['limiter']): Float32Array {
  const ceiling = dbToGain(l.ceilingDb);
  const lookahead = Math.max(1, Math.round(0.002 * sr));
  const rel = Math.exp(-1 / ((l.releaseMs / 1000) * sr));
  // Required gain per sample, then the minimum over the look-ahead window ahead of it.
  const need = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const peak = Math.abs(x[i] * gain);
    need[i] = peak > ceiling ? ceiling / peak : 1;
  }
  const out = new Float32Array(x.length);
  let g = 1;
  for (let i = 0; i < x.length; i++) {
    let want = 1;
    for (let k = i; k < Math.min(x.length, i + lookahead); k++) if (need[k] < want) want = need[k];
    g = want < g ? want : rel * g + (1 - rel) * want;
    out[i] = Math.max(-ceiling, Math.min(ceiling, x[i] * gain * g));
  }
  return out;
}

/** Compress, then find the make-up gain that puts the limited master at the chain's target loudness. */
export function master(mix: Float32Array, sampleRate: number, chain: MasteringChain): Float32Array {
  const compressed = compress(mix, sampleRate, chain.compressor);
  let gainDb = chain.targetLufs - integratedLoudness(compressed, sampleRate);
  let out = limit(compressed, sampleRate, dbToGain(gainDb), chain.limiter);
  // Limiting takes some loudness away: push the gain up until the master is within 0.2 LU.
  for (let pass = 0; pass < 6; pass++) {
    const error = chain.targetLufs - integratedLoudness(out, sampleRate);
    if (Math.abs(error) < 0.2) break;
    gainDb += error;
    out = limit(compressed, sampleRate, dbToGain(gainDb), chain.limiter);
  }
  return out;
}
