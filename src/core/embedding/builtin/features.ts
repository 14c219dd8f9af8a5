/**
 * The built-in embedder's raw feature vector: statistics of timbre (log-mel envelope and its
 * movement, MFCC), spectral shape, harmony (chroma) and rhythm (tempo profile, pattern) over a
 * track's sampled windows. Loudness itself is left out (mastering level says little about how a
 * track sounds); level changes are kept.
 * @module
 */
import { mfccFromLogMel, onsetStrength } from '../../audio';
import { rhythmDescriptors, PATTERN_RATIOS, TEMPO_BINS } from './rhythm';
import { CONTRAST_BANDS, N_MELS, spectralFrames, type SpectralFrames } from './spectralFrames';

const MFCC_COUNT = 20; // c0 (overall level) is dropped: 19 used
const DELTA_COUNT = 12;
/** Windows shorter than this carry too few frames for stable statistics. */
export const MIN_WINDOW_SECONDS = 1;

/**
 * Feature groups in vector order, with how much each group weighs in the distance (see
 * builtinEmbedder). `shared` groups are histograms whose bins are standardised with one mean and
 * spread for the whole group: per-bin constants would depend on which keys and tempos happened to
 * be in the calibration audio, and blow up bins it rarely excited.
 */
export const FEATURE_GROUPS = [
  { name: 'melShape', size: N_MELS, weight: 1.0, shared: false },
  { name: 'melDynamics', size: N_MELS, weight: 0.6, shared: false },
  { name: 'mfccMean', size: MFCC_COUNT - 1, weight: 1.0, shared: false },
  { name: 'mfccStd', size: MFCC_COUNT - 1, weight: 0.6, shared: false },
  { name: 'mfccDeltaStd', size: DELTA_COUNT, weight: 0.5, shared: false },
  { name: 'spectralShape', size: 8, weight: 0.8, shared: false },
  { name: 'contrast', size: CONTRAST_BANDS, weight: 0.8, shared: false },
  { name: 'chroma', size: 12, weight: 0.4, shared: true },
  { name: 'harmony', size: 7, weight: 0.5, shared: false },
  { name: 'tempo', size: TEMPO_BINS, weight: 0.3, shared: true },
  { name: 'rhythmPattern', size: PATTERN_RATIOS.length + 4, weight: 0.3, shared: false },
] as const;

export type FeatureGroupName = (typeof FEATURE_GROUPS)[number]['name'];
export const FEATURE_COUNT = FEATURE_GROUPS.reduce((n, g) => n + g.size, 0);

/** Mean and standard deviation of `values[i·stride + offset]` over active frames. */
function activeStats(values: Float32Array, active: Uint8Array, stride = 1, offset = 0): [number, number] {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (let k = 0; k < active.length; k++) {
    if (!active[k]) continue;
    const v = values[k * stride + offset];
    sum += v;
    squares += v * v;
    n++;
  }
  if (n === 0) return [0, 0];
  const mean = sum / n;
  return [mean, Math.sqrt(Math.max(0, squares / n - mean * mean))];
}

class FeatureWriter {
  readonly vector = new Float32Array(FEATURE_COUNT);
  private index = 0;
  private groupEnd = 0;
  private group = 0;

  begin(name: FeatureGroupName): void {
    if (this.index !== this.groupEnd) throw new Error(`feature group before ${name} wrote ${this.index} of ${this.groupEnd} values`);
    const g = FEATURE_GROUPS[this.group++];
    if (g.name !== name) throw new Error(`feature group ${name} written out of order (expected ${g.name})`);
    this.groupEnd += g.size;
  }

  push(value: number): void {
    this.vector[this.index++] = Number.isFinite(value) ? value : 0;
  }

  finish(): Float32Array {
    if (this.index !== FEATURE_COUNT || this.group !== FEATURE_GROUPS.length) throw new Error(`feature vector incomplete: ${this.index}/${FEATURE_COUNT}`);
    return this.vector;
  }
}

function timbre(w: FeatureWriter, f: SpectralFrames): void {
  const { logMel, active } = f;
  const bandMeans = Array.from({ length: N_MELS }, (_, m) => activeStats(logMel.data, active, N_MELS, m));
  const overall = bandMeans.reduce((s, [mean]) => s + mean, 0) / N_MELS;
  w.begin('melShape');
  for (const [mean] of bandMeans) w.push(mean - overall); // spectral envelope, independent of level
  w.begin('melDynamics');
  for (const [, std] of bandMeans) w.push(std);

  const mfcc = mfccFromLogMel(logMel, MFCC_COUNT);
  w.begin('mfccMean');
  const mfccStats = Array.from({ length: MFCC_COUNT }, (_, c) => activeStats(mfcc.data, active, MFCC_COUNT, c));
  for (let c = 1; c < MFCC_COUNT; c++) w.push(mfccStats[c][0]);
  w.begin('mfccStd');
  for (let c = 1; c < MFCC_COUNT; c++) w.push(mfccStats[c][1]);

  w.begin('mfccDeltaStd');
  const delta = new Float32Array(mfcc.data.length);
  for (let k = 1; k < mfcc.frameCount; k++) {
    for (let c = 0; c < MFCC_COUNT; c++) delta[k * MFCC_COUNT + c] = mfcc.data[k * MFCC_COUNT + c] - mfcc.data[(k - 1) * MFCC_COUNT + c];
  }
  const deltaActive = active.slice();
  deltaActive[0] = 0;
  for (let c = 1; c <= DELTA_COUNT; c++) w.push(activeStats(delta, deltaActive, MFCC_COUNT, c)[1]);
}

function spectralShape(w: FeatureWriter, f: SpectralFrames): void {
  const { active } = f;
  const [centroidMean, centroidStd] = activeStats(f.centroid, active);
  const [spreadMean] = activeStats(f.spread, active);
  const [flatMean, flatStd] = activeStats(f.flatness, active);
  const [rollMean, rollStd] = activeStats(f.rolloff, active);
  const [, levelStd] = activeStats(f.levelDb, active);
  w.begin('spectralShape');
  for (const v of [centroidMean, centroidStd, spreadMean, flatMean, flatStd, rollMean, rollStd, levelStd]) w.push(v);
  w.begin('contrast');
  for (let b = 0; b < CONTRAST_BANDS; b++) w.push(activeStats(f.contrast, active, CONTRAST_BANDS, b)[0]);
}

function harmony(w: FeatureWriter, f: SpectralFrames): void {
  const mean = new Float64Array(12);
  let peakiness = 0;
  let frames = 0;
  for (let k = 0; k < f.frameCount; k++) {
    if (!f.active[k]) continue;
    let sum = 0;
    for (let i = 0; i < 12; i++) {
      mean[i] += f.chroma[k * 12 + i];
      sum += f.chroma[k * 12 + i];
    }
    peakiness += sum > 0 ? 1 / sum : 0; // bins are scaled to a max of 1: 1/sum is high for one clear pitch class
    frames++;
  }
  const total = mean.reduce((a, b) => a + b, 0);
  const profile = Array.from(mean, (v) => (total > 0 ? v / total : 0));
  w.begin('chroma');
  for (const v of profile) w.push(v);
  // |DFT| of the pitch-class profile: the same for every transposition, so it describes interval
  // content (fifths, thirds, whole tones, chromaticism) rather than the key.
  w.begin('harmony');
  for (let k = 1; k <= 6; k++) {
    let re = 0;
    let im = 0;
    for (let i = 0; i < 12; i++) {
      re += profile[i] * Math.cos((2 * Math.PI * k * i) / 12);
      im -= profile[i] * Math.sin((2 * Math.PI * k * i) / 12);
    }
    w.push(Math.hypot(re, im));
  }
  w.push(frames > 0 ? peakiness / frames : 0);
}

function rhythm(w: FeatureWriter, f: SpectralFrames): void {
  const envelope = onsetStrength(f.logMel);
  const r = rhythmDescriptors(envelope, f.frameRate);
  w.begin('tempo');
  for (const v of r.tempoProfile) w.push(v);
  w.begin('rhythmPattern');
  for (const v of r.pattern) w.push(v);
  let mean = 0;
  for (const v of envelope) mean += v;
  mean /= Math.max(1, envelope.length);
  let variance = 0;
  for (const v of envelope) variance += (v - mean) ** 2;
  w.push(r.pulseClarity);
  w.push(r.onsetRate);
  w.push(mean);
  w.push(Math.sqrt(variance / Math.max(1, envelope.length)));
}

/** The window scaled to a fixed RMS, so absolute floors in the DSP cannot make features level-dependent. */
function levelNormalized(pcm: Float32Array): Float32Array {
  let squares = 0;
  for (let i = 0; i < pcm.length; i++) squares += pcm[i] * pcm[i];
  const rms = Math.sqrt(squares / Math.max(1, pcm.length));
  if (!(rms > 1e-9)) return pcm;
  const gain = 0.1 / rms;
  const out = new Float32Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = pcm[i] * gain; // a plain loop: Float32Array.from(fn) is slow in V8
  return out;
}

/** Raw (unstandardised) features of one window. */
export function windowFeatures(pcm: Float32Array, sampleRate: number): Float32Array {
  const frames = spectralFrames(levelNormalized(pcm), sampleRate);
  const w = new FeatureWriter();
  timbre(w, frames);
  spectralShape(w, frames);
  harmony(w, frames);
  rhythm(w, frames);
  return w.finish();
}

/** Raw features of a track: the mean over its windows (each window counts the same). */
export function trackFeatures(windows: readonly Float32Array[], sampleRate: number): Float32Array {
  const usable = windows.filter((w) => w.length >= MIN_WINDOW_SECONDS * sampleRate);
  if (usable.length === 0) {
    const longest = windows.reduce((m, w) => Math.max(m, w.length), 0);
    throw new Error(
      `Audio too short to embed: the longest sampled window is ${(longest / sampleRate).toFixed(2)} s, at least ${MIN_WINDOW_SECONDS} s is needed`,
    );
  }
  const sum = new Float64Array(FEATURE_COUNT);
  for (const window of usable) {
    const v = windowFeatures(window, sampleRate);
    for (let i = 0; i < FEATURE_COUNT; i++) sum[i] += v[i];
  }
  return Float32Array.from(sum, (s) => s / usable.length);
}
