/**
 * The "energy" analyzer: an integer 1–10 from three measurements that survive lossy encoding (all
 * taken below 5 kHz, which mp3/aac/ogg at usual bitrates keep intact):
 * - loudness (integrated, LUFS-ish), the strongest cue;
 * - onset density (note/drum attacks per second): busier = more energetic;
 * - spectral brightness (centroid): brighter mixes feel more intense.
 */
import { logMelSpectrogram } from '../../audio/mel';
import { onsetStrength } from '../../audio/onset';
import { peakOptionsInSeconds, pickPeaks } from '../../audio/peaks';
import { forEachMagnitudeFrame } from '../../audio/stft';
import type { Analyzer, SharedCurves } from '../types';
import { integratedLoudness } from './loudness';

export type EnergyFields = {
  /** 1 (calm) … 10 (peak time); null for silence. */
  energy: number | null;
  /** The continuous score 0–1 behind the integer. */
  score: number;
  loudnessLufs: number;
  onsetsPerSec: number;
  centroidHz: number;
  reason: string | null;
};

/** Ranges mapped onto 0–1 (chosen to span quiet ambient … loud, busy, bright peak-time tracks). */
const LOUDNESS_RANGE = { low: -30, high: -6 };
const DENSITY_RANGE = { low: 0.5, high: 7 };
const CENTROID_RANGE = { low: 300, high: 1800 };
const WEIGHTS = { loudness: 0.55, density: 0.25, brightness: 0.2 };
const BRIGHTNESS_MAX_HZ = 5000;

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
const scale = (x: number, r: { low: number; high: number }) => clamp01((x - r.low) / (r.high - r.low));
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Energy-weighted mean spectral centroid below 5 kHz. */
export function spectralCentroid(pcm: Float32Array, sampleRate: number): number {
  const frameSize = 2 ** Math.round(Math.log2(sampleRate * 0.093));
  if (pcm.length < frameSize) return 0;
  const binHz = sampleRate / frameSize;
  const maxBin = Math.min(frameSize / 2, Math.floor(BRIGHTNESS_MAX_HZ / binHz));
  let weighted = 0;
  let total = 0;
  forEachMagnitudeFrame(pcm, { frameSize, hopSize: frameSize, center: false }, (_k, mag) => {
    let num = 0;
    let den = 0;
    for (let b = 1; b <= maxBin; b++) {
      const p = mag[b] * mag[b];
      num += p * b * binHz;
      den += p;
    }
    if (den > 0) {
      weighted += num;
      total += den;
    }
  });
  return total > 0 ? weighted / total : 0;
}

/** Attacks per second, from the shared onset curve when the decode stage computed it. */
export function onsetDensity(pcm: Float32Array, sampleRate: number, curves?: SharedCurves): number {
  let onset = curves?.onset;
  let frameRate = curves?.frameRate;
  if (!onset || !frameRate) {
    const spec = logMelSpectrogram(pcm, sampleRate, { nMels: 64 });
    onset = onsetStrength(spec);
    frameRate = spec.frameRate;
  }
  const duration = onset.length / frameRate;
  if (duration <= 0) return 0;
  // An attack: a local maximum over ±50 ms, 1 dB/band above the ±250 ms mean, ≥ 60 ms after the last.
  const peaks = pickPeaks(onset, peakOptionsInSeconds(frameRate, { maxSec: 0.05, avgSec: 0.25, delta: 1, waitSec: 0.06 }));
  return peaks.length / duration;
}

export function estimateEnergy(pcm: Float32Array, sampleRate: number, curves?: SharedCurves): EnergyFields {
  const loudnessLufs = integratedLoudness(pcm, sampleRate);
  if (loudnessLufs <= -70) {
    return { energy: null, score: 0, loudnessLufs: -70, onsetsPerSec: 0, centroidHz: 0, reason: 'silent' };
  }
  const onsetsPerSec = onsetDensity(pcm, sampleRate, curves);
  const centroidHz = spectralCentroid(pcm, sampleRate);
  const score =
    WEIGHTS.loudness * scale(loudnessLufs, LOUDNESS_RANGE) +
    WEIGHTS.density * scale(onsetsPerSec, DENSITY_RANGE) +
    WEIGHTS.brightness * scale(centroidHz, CENTROID_RANGE);
  return {
    energy: Math.max(1, Math.min(10, 1 + Math.round(score * 9))),
    score: round(score, 3),
    loudnessLufs: round(loudnessLufs, 1),
    onsetsPerSec: round(onsetsPerSec, 2),
    centroidHz: Math.round(centroidHz),
    reason: null,
  };
}

export function createEnergyAnalyzer(): Analyzer<EnergyFields> {
  return {
    id: 'energy',
    version: 1,
    analyze: (pcm, sampleRate, curves) => estimateEnergy(pcm, sampleRate, curves),
  };
}
