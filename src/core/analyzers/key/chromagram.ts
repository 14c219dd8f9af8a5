/**
 * Tuning-robust pitch-class profile of a whole track (an HPCP in the spirit of Gómez 2006):
 * spectral peaks → tuning estimate → each peak folded onto 12 pitch classes with a cos² weight by
 * its distance to the tuned semitone grid. Harmonic weighting: each peak also votes, with decaying
 * weight, for the notes it could be the 2nd or 3rd harmonic of (the fundamental is often weak in
 * basses and plucks). Noisy, percussive frames count less than tonal ones; the bass register below
 * ~60 Hz is skipped (kick drums live there).
 * @module
 */
import { forEachMagnitudeFrame } from '../../audio/stft';
import { findSpectralPeaks, type PeakList } from './spectralPeaks';
import { TuningAccumulator } from './tuning';

export interface ChromaOptions {
  /** Analysis window in seconds (rounded to a power-of-two frame); long windows resolve bass notes. */
  windowSec: number;
  /** Frames per second of the analysis. */
  framesPerSec: number;
  /** Lowest partial considered: below ~60 Hz sit kick drums, whose pitch says nothing about the key. */
  minHz: number;
  maxHz: number;
  /** Magnitude compression exponent applied to peak amplitudes (1 = linear, 0.5 = square root). */
  compression: number;
  /** A peak votes for the notes it may be harmonic 1…harmonics of. */
  harmonics: number;
  /** Vote weight falls by this factor per harmonic number. */
  harmonicDecay: number;
  /** Frames this many dB below the loudest frame are ignored (fades, breaks, silence). */
  quietDb: number;
  /**
   * Overtone sieve: a peak that sits on harmonic k (one of these) of a stronger, lower peak of the
   * same frame is taken as that note's overtone and votes with `overtoneWeight` only. The 5th
   * harmonic of a bass note is its major third: without the sieve a minor piece over a tonic pedal
   * reads as the parallel major.
   */
  overtoneSieve: readonly number[];
  overtoneWeight: number;
  /** Only peaks below this frequency (Hz) can be the fundamental in the sieve. */
  overtoneMaxRootHz: number;
  /**
   * A peak louder than this share of its would-be fundamental is a played note, not an overtone
   * (the profile chroma). `modeChroma` sieves every candidate overtone instead: it only decides
   * major vs minor on the same tonic, where a bass note's 5th harmonic would fake a major third.
   */
  overtoneMaxRatio: number;
}

export const DEFAULT_CHROMA_OPTIONS: ChromaOptions = {
  windowSec: 0.74,
  framesPerSec: 5.4,
  minHz: 60,
  maxHz: 1500,
  compression: 0.5,
  harmonics: 3,
  harmonicDecay: 0.6,
  quietDb: 40,
  overtoneSieve: [5],
  overtoneWeight: 0.2,
  overtoneMaxRootHz: 20000,
  // 0.35, not 0.25: in a sawtooth chord the 5th harmonic (1/5 of its root) gains from the other
  // notes' partials nearby and passed 0.25, so saw-stab minor chords read major (drum & bass clips).
  overtoneMaxRatio: 0.35,
};

export interface PitchClassProfile {
  /** Summed, frame-weighted chroma of the whole band (index 0 = C). */
  chroma: number[];
  /** The same with every possible overtone sieved out (see `overtoneMaxRatio`). */
  modeChroma: number[];
  tuningCents: number;
  /** 0–1: how consistently the partials sit on one semitone grid (near 0 for noise). */
  tuningStrength: number;
  /** Mean tonalness (0–1) of the frames that counted: low for noise and drums-only audio. */
  tonalness: number;
  /** Share of frames loud enough to count. */
  activeShare: number;
}

interface FramePeaks {
  peaks: PeakList;
  energy: number;
  tonalness: number;
}

export function pitchClassProfile(pcm: Float32Array, sampleRate: number, options: Partial<ChromaOptions> = {}): PitchClassProfile {
  const o = { ...DEFAULT_CHROMA_OPTIONS, ...options };
  const empty = { chroma: new Array(12).fill(0), modeChroma: new Array(12).fill(0), tuningCents: 0, tuningStrength: 0, tonalness: 0, activeShare: 0 };
  const frameSize = 2 ** Math.round(Math.log2(sampleRate * o.windowSec));
  if (pcm.length < frameSize / 4 || frameSize < 64) return empty;
  const hopSize = Math.max(1, Math.round(sampleRate / o.framesPerSec));
  const binHz = sampleRate / frameSize;
  const maxHz = Math.min(o.maxHz, sampleRate * 0.45);
  const frames: FramePeaks[] = [];
  const tuning = new TuningAccumulator();

  forEachMagnitudeFrame(pcm, { frameSize, hopSize, center: true }, (_k, mag) => {
    const peaks = findSpectralPeaks(mag, { binHz, minHz: o.minHz, maxHz, maxPeaks: 48, floorDb: 60 });
    let bandEnergy = 0;
    const lo = Math.floor(o.minHz / binHz);
    const hi = Math.min(mag.length - 1, Math.ceil(maxHz / binHz));
    for (let b = lo; b <= hi; b++) bandEnergy += mag[b] * mag[b];
    let peakEnergy = 0;
    // A Hann-windowed sinusoid puts ~1.5 × its peak² into the bins of its main lobe.
    for (let i = 0; i < peaks.amps.length; i++) peakEnergy += 1.5 * peaks.amps[i] * peaks.amps[i];
    const tonalness = bandEnergy > 0 ? Math.min(1, peakEnergy / bandEnergy) : 0;
    frames.push({ peaks, energy: bandEnergy, tonalness });
    tuning.add(peaks, 80, maxHz);
  });

  let loudest = 0;
  for (const f of frames) loudest = Math.max(loudest, f.energy);
  if (!(loudest > 0)) return empty;
  const quiet = loudest * Math.pow(10, -o.quietDb / 10);
  const { cents, strength: tuningStrength } = tuning.estimate();
  const refHz = 440 * Math.pow(2, cents / 1200);

  const chroma = new Array(12).fill(0);
  const modeChroma = new Array(12).fill(0);
  const frameChroma = new Float64Array(12);
  const frameMode = new Float64Array(12);
  let active = 0;
  let tonalSum = 0;
  for (const frame of frames) {
    if (frame.energy < quiet || frame.energy === 0) continue;
    active++;
    tonalSum += frame.tonalness;
    frameChroma.fill(0);
    frameMode.fill(0);
    const overtone = overtoneMask(frame.peaks, o.overtoneSieve, o.overtoneMaxRootHz, o.overtoneMaxRatio);
    const anyOvertone = overtoneMask(frame.peaks, o.overtoneSieve, o.overtoneMaxRootHz, 1);
    for (let i = 0; i < frame.peaks.freqs.length; i++) {
      const f = frame.peaks.freqs[i];
      const plain = Math.pow(frame.peaks.amps[i], o.compression);
      const amp = plain * (overtone[i] ? o.overtoneWeight : 1);
      const modeAmp = plain * (anyOvertone[i] ? o.overtoneWeight : 1);
      for (let h = 1; h <= o.harmonics; h++) {
        const midi = 69 + 12 * Math.log2(f / h / refHz);
        const nearest = Math.round(midi);
        const w = Math.pow(o.harmonicDecay, h - 1) * Math.cos(Math.PI * (midi - nearest)) ** 2;
        const pc = ((nearest % 12) + 12) % 12;
        frameChroma[pc] += w * amp;
        frameMode[pc] += w * modeAmp;
      }
    }
    // Each frame votes with unit total, scaled by how tonal it is: drum hits and noise count little.
    const norm = frameChroma.reduce((s, v) => s + v, 0);
    if (norm > 0) for (let pc = 0; pc < 12; pc++) chroma[pc] += (frameChroma[pc] / norm) * frame.tonalness;
    const modeNorm = frameMode.reduce((s, v) => s + v, 0);
    if (modeNorm > 0) for (let pc = 0; pc < 12; pc++) modeChroma[pc] += (frameMode[pc] / modeNorm) * frame.tonalness;
  }
  return {
    chroma,
    modeChroma,
    tuningCents: cents,
    tuningStrength,
    tonalness: active > 0 ? tonalSum / active : 0,
    activeShare: frames.length > 0 ? active / frames.length : 0,
  };
}

/** Within this many cents a peak counts as harmonic k of a lower one (a semitone is 100). */
const OVERTONE_TOLERANCE_CENTS = 25;

/** Which peaks (sorted by frequency) are harmonic k ∈ `harmonics` of a stronger peak below them. */
export function overtoneMask(peaks: PeakList, harmonics: readonly number[], maxRootHz = Infinity, maxRatio = 1): Uint8Array {
  const n = peaks.freqs.length;
  const mask = new Uint8Array(n);
  if (harmonics.length === 0) return mask;
  const tolerance = Math.pow(2, OVERTONE_TOLERANCE_CENTS / 1200);
  for (let i = 0; i < n; i++) {
    const f = peaks.freqs[i];
    for (const k of harmonics) {
      const lo = f / k / tolerance;
      const hi = (f / k) * tolerance;
      for (let j = 0; j < i && peaks.freqs[j] <= hi && peaks.freqs[j] <= maxRootHz; j++) {
        if (peaks.freqs[j] >= lo && peaks.amps[i] < maxRatio * peaks.amps[j]) {
          mask[i] = 1;
          break;
        }
      }
      if (mask[i]) break;
    }
  }
  return mask;
}
