/**
 * One STFT pass over a window that keeps, per frame, everything the built-in embedder summarises:
 * log-mel bands (timbre envelope, also the input of MFCC and onset strength), a 12-bin chroma
 * (harmony), and spectral shape scalars (centroid, spread, flatness, roll-off, octave-band
 * contrast, level). The FFT and mel filters come from core/audio.
 * @module
 */
import { forEachPowerFrame, melFilterbank, type LogMelSpectrogram } from '../../audio';

export const FRAME_SIZE = 2048;
export const HOP_SIZE = 512;
export const N_MELS = 40;
/** Octave bands for spectral contrast (Hz edges). */
export const CONTRAST_EDGES = [0, 200, 400, 800, 1600, 3200, 6400, 12000];
export const CONTRAST_BANDS = CONTRAST_EDGES.length - 1;
const CHROMA_MIN_HZ = 80;
const CHROMA_MAX_HZ = 5000;
/** Frames quieter than the window's loudest frame by more than this are left out of the statistics. */
const ACTIVE_RANGE_DB = 60;
const LOG_FLOOR = 1e-12;

export interface SpectralFrames {
  logMel: LogMelSpectrogram;
  /** frames × 12, each active frame scaled so its largest bin is 1 (silent frames all zero). */
  chroma: Float32Array;
  /** Per frame: log2(centroid / 1 kHz) in octaves. */
  centroid: Float32Array;
  /** Per frame: spread around the centroid in octaves. */
  spread: Float32Array;
  /** Per frame: spectral flatness in dB (0 = white noise, very negative = tonal). */
  flatness: Float32Array;
  /** Per frame: log2(85 % roll-off frequency / 1 kHz). */
  rolloff: Float32Array;
  /** frames × CONTRAST_BANDS: peak minus valley dB per octave band. */
  contrast: Float32Array;
  /** Per frame level in dB (relative, arbitrary reference). */
  levelDb: Float32Array;
  /** Whether the frame is within ACTIVE_RANGE_DB of the loudest frame. */
  active: Uint8Array;
  frameCount: number;
  frameRate: number;
}

interface BinTables {
  log2Hz: Float32Array;
  pitchClass: Int8Array;
  bandOf: Int8Array;
  bandStarts: number[];
}

const tableCache = new Map<number, BinTables>();

function binTables(sampleRate: number): BinTables {
  let t = tableCache.get(sampleRate);
  if (t) return t;
  const bins = FRAME_SIZE / 2 + 1;
  const log2Hz = new Float32Array(bins);
  const pitchClass = new Int8Array(bins).fill(-1);
  const bandOf = new Int8Array(bins).fill(-1);
  const bandStarts: number[] = [];
  for (let b = 0; b < bins; b++) {
    const hz = (b * sampleRate) / FRAME_SIZE;
    log2Hz[b] = Math.log2(Math.max(hz, 20) / 1000);
    if (hz >= CHROMA_MIN_HZ && hz <= CHROMA_MAX_HZ) pitchClass[b] = (((Math.round(12 * Math.log2(hz / 440)) + 9) % 12) + 12) % 12;
    for (let k = 0; k < CONTRAST_BANDS; k++) if (hz >= CONTRAST_EDGES[k] && hz < CONTRAST_EDGES[k + 1]) bandOf[b] = k;
  }
  for (let k = 0; k < CONTRAST_BANDS; k++) bandStarts.push(bandOf.indexOf(k));
  t = { log2Hz, pitchClass, bandOf, bandStarts };
  tableCache.set(sampleRate, t);
  return t;
}

/** Peak minus valley (mean of the top and bottom fifth) in dB of the power values in `band`. */
function contrastDb(band: Float32Array, scratch: Float32Array): number {
  const n = band.length;
  if (n < 5) return 0;
  const sorted = scratch.subarray(0, n);
  sorted.set(band);
  sorted.sort();
  const q = Math.max(1, Math.floor(n / 5));
  let low = 0;
  let high = 0;
  for (let i = 0; i < q; i++) {
    low += sorted[i];
    high += sorted[n - 1 - i];
  }
  return 10 * Math.log10((high / q + LOG_FLOOR) / (low / q + LOG_FLOOR));
}

export function spectralFrames(pcm: Float32Array, sampleRate: number): SpectralFrames {
  const framing = { frameSize: FRAME_SIZE, hopSize: HOP_SIZE, center: true };
  const bank = melFilterbank(sampleRate, FRAME_SIZE, { nMels: N_MELS, fMinHz: 30, fMaxHz: Math.min(11_000, sampleRate / 2) });
  const tables = binTables(sampleRate);
  const bins = FRAME_SIZE / 2 + 1;
  const frameCount = Math.floor(pcm.length / HOP_SIZE) + 1;
  const mel = new Float32Array(frameCount * N_MELS);
  const chroma = new Float32Array(frameCount * 12);
  const centroid = new Float32Array(frameCount);
  const spread = new Float32Array(frameCount);
  const flatness = new Float32Array(frameCount);
  const rolloff = new Float32Array(frameCount);
  const contrast = new Float32Array(frameCount * CONTRAST_BANDS);
  const levelDb = new Float32Array(frameCount);
  const scratch = new Float32Array(bins);

  forEachPowerFrame(pcm, framing, (k, power) => {
    let total = 0;
    let weighted = 0;
    let logSum = 0;
    for (let b = 1; b < bins; b++) {
      const p = power[b];
      total += p;
      weighted += p * tables.log2Hz[b];
      logSum += Math.log(p + LOG_FLOOR);
    }
    levelDb[k] = 10 * Math.log10(total + LOG_FLOOR);
    const c = total > 0 ? weighted / total : 0;
    centroid[k] = c;
    let variance = 0;
    let cumulative = 0;
    let rolloffBin = bins - 1;
    for (let b = 1; b < bins; b++) {
      const d = tables.log2Hz[b] - c;
      variance += power[b] * d * d;
      cumulative += power[b];
      if (rolloffBin === bins - 1 && cumulative >= 0.85 * total) rolloffBin = b;
    }
    spread[k] = total > 0 ? Math.sqrt(variance / total) : 0;
    rolloff[k] = tables.log2Hz[rolloffBin];
    const arithmetic = total / (bins - 1) + LOG_FLOOR;
    flatness[k] = 10 * Math.log10(Math.exp(logSum / (bins - 1)) / arithmetic);

    for (let m = 0; m < N_MELS; m++) {
      const w = bank.weights[m];
      const s = bank.start[m];
      let acc = 0;
      for (let i = 0; i < w.length; i++) acc += w[i] * power[s + i];
      mel[k * N_MELS + m] = 10 * Math.log10(acc + LOG_FLOOR);
    }

    const row = k * 12;
    let peak = 0;
    for (let b = 1; b < bins; b++) {
      const pc = tables.pitchClass[b];
      if (pc >= 0) chroma[row + pc] += Math.sqrt(power[b]);
    }
    for (let i = 0; i < 12; i++) peak = Math.max(peak, chroma[row + i]);
    if (peak > 0) for (let i = 0; i < 12; i++) chroma[row + i] /= peak;

    for (let band = 0; band < CONTRAST_BANDS; band++) {
      const start = tables.bandStarts[band];
      if (start < 0) continue;
      let end = start;
      while (end < bins && tables.bandOf[end] === band) end++;
      contrast[k * CONTRAST_BANDS + band] = contrastDb(power.subarray(start, end), scratch);
    }
  });

  // Keep 80 dB of range in the log-mel matrix (as librosa's top_db) so silence does not dominate.
  let loudestMel = -Infinity;
  for (let i = 0; i < mel.length; i++) if (mel[i] > loudestMel) loudestMel = mel[i];
  for (let i = 0; i < mel.length; i++) if (mel[i] < loudestMel - 80) mel[i] = loudestMel - 80;

  let loudest = -Infinity;
  for (let k = 0; k < frameCount; k++) loudest = Math.max(loudest, levelDb[k]);
  const active = new Uint8Array(frameCount);
  const silentWindow = !(loudest > 10 * Math.log10(LOG_FLOOR) + 1);
  for (let k = 0; k < frameCount; k++) active[k] = !silentWindow && levelDb[k] >= loudest - ACTIVE_RANGE_DB ? 1 : 0;

  const frameRate = sampleRate / HOP_SIZE;
  const logMel: LogMelSpectrogram = { data: mel, frameCount, nMels: N_MELS, frameRate, sampleRate, hopSize: HOP_SIZE, frameSize: FRAME_SIZE };
  return { logMel, chroma, centroid, spread, flatness, rolloff, contrast, levelDb, active, frameCount, frameRate };
}
