/**
 * Rhythm descriptors from an onset-strength envelope: how strongly the envelope repeats at each
 * tempo (a log-spaced tempo profile, 60–240 BPM), and tempo-independent pattern ratios (how much
 * periodicity sits at half, third and quarter of the main beat period: straight vs swung vs
 * triplet feels, busy vs sparse).
 */
export const TEMPO_BINS = 20;
const TEMPO_MIN_BPM = 60;
const BINS_PER_OCTAVE = 10;
/** Subdivisions and multiples of the main period whose periodicity is reported. */
export const PATTERN_RATIOS = [1 / 4, 1 / 3, 1 / 2, 2 / 3, 3 / 2, 2];

export interface RhythmDescriptors {
  /** Normalized autocorrelation at each tempo bin (clipped at 0). */
  tempoProfile: Float32Array;
  /** Autocorrelation at PATTERN_RATIOS × the strongest period. */
  pattern: Float32Array;
  /** Height of the strongest periodicity (0 = no pulse, 1 = perfectly periodic). */
  pulseClarity: number;
  /** Onset peaks per second. */
  onsetRate: number;
}

export function tempoBinBpm(bin: number): number {
  return TEMPO_MIN_BPM * 2 ** (bin / BINS_PER_OCTAVE);
}

/** Normalized autocorrelation r[lag] / r[0] of the mean-removed envelope, for lags 0..maxLag. */
function autocorrelation(envelope: Float32Array, maxLag: number): Float64Array {
  const n = envelope.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += envelope[i];
  mean /= Math.max(1, n);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = envelope[i] - mean;
  const r = new Float64Array(maxLag + 1);
  for (let lag = 0; lag <= maxLag && lag < n; lag++) {
    let s = 0;
    for (let i = lag; i < n; i++) s += x[i] * x[i - lag];
    // unbiased: each lag averages over the overlap it has
    r[lag] = s / (n - lag);
  }
  const r0 = r[0];
  if (r0 > 0) for (let lag = 0; lag <= maxLag; lag++) r[lag] /= r0;
  else r.fill(0);
  return r;
}

/** r at a fractional lag (linear interpolation), 0 outside the computed range. */
function at(r: Float64Array, lag: number): number {
  if (lag < 0 || lag > r.length - 1) return 0;
  const i = Math.floor(lag);
  const f = lag - i;
  return i + 1 < r.length ? r[i] * (1 - f) + r[i + 1] * f : r[i];
}

export function rhythmDescriptors(envelope: Float32Array, frameRate: number): RhythmDescriptors {
  const slowestLag = (60 * frameRate) / TEMPO_MIN_BPM;
  const maxLag = Math.min(Math.ceil(2 * slowestLag) + 1, Math.max(0, envelope.length - 1));
  const r = autocorrelation(envelope, maxLag);
  const tempoProfile = new Float32Array(TEMPO_BINS);
  let best = 0;
  let bestLag = 0;
  for (let b = 0; b < TEMPO_BINS; b++) {
    const lag = (60 * frameRate) / tempoBinBpm(b);
    const value = Math.max(0, at(r, lag));
    tempoProfile[b] = value;
    if (value > best) {
      best = value;
      bestLag = lag;
    }
  }
  const pattern = Float32Array.from(PATTERN_RATIOS, (ratio) => (bestLag > 0 ? Math.max(0, at(r, bestLag * ratio)) : 0));

  // Onset peaks: local maxima above mean + one standard deviation of the envelope.
  let mean = 0;
  for (const v of envelope) mean += v;
  mean /= Math.max(1, envelope.length);
  let variance = 0;
  for (const v of envelope) variance += (v - mean) ** 2;
  const threshold = mean + Math.sqrt(variance / Math.max(1, envelope.length));
  let peaks = 0;
  for (let i = 1; i + 1 < envelope.length; i++) {
    if (envelope[i] > threshold && envelope[i] >= envelope[i - 1] && envelope[i] > envelope[i + 1]) peaks++;
  }
  const seconds = envelope.length / frameRate;
  return { tempoProfile, pattern, pulseClarity: best, onsetRate: seconds > 0 ? peaks / seconds : 0 };
}
