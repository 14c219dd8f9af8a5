/**
 * The audio fingerprint of a track, computed in the analysis pass from the PCM it already decoded
 * (no second decode), stored as the "fingerprint" analyzer's result:
 * - `digest`: a 64-bit hash of the decoded PCM (16-bit): equal digests are the same audio, whatever
 *   the tags or the container (an exact copy);
 * - `codes`: 16 bits per 0.125 s over the first FINGERPRINT_SECONDS, each the sign of an energy
 *   difference between neighbouring bands and frames (Haitsma & Kalker's scheme). A re-encode at
 *   another bitrate or format flips few bits; different music flips about half.
 * @module
 */
import type { Analyzer } from '../../analyzers/types';
import { forEachPowerFrame } from '../../audio/stft';

export const AUDIO_FINGERPRINT_VERSION = 1;
/** Only the first minute is coded: enough evidence, 1.3 KB per track in the analyses table. */
export const FINGERPRINT_SECONDS = 60;
const FRAME_SIZE = 4096;
const HOP_SEC = 0.125;
const BANDS = 17;
const LOW_HZ = 250;
const HIGH_HZ = 4000;

export interface AudioFingerprint {
  [key: string]: string | number;
  version: number;
  durationSec: number;
  /** 16 hex digits: hash of the 16-bit PCM. */
  digest: string;
  hopSec: number;
  /** Base64 of little-endian uint16 codes, one per hop. */
  codes: string;
}

function pcmDigest(pcm: Float32Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ pcm.length;
  for (let i = 0; i < pcm.length; i++) {
    const s = Math.max(-32768, Math.min(32767, Math.round(pcm[i] * 32767))) & 0xffff;
    a = Math.imul(a ^ s, 0x01000193);
    b = Math.imul(b ^ s, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

function toBase64(codes: Uint16Array): string {
  const bytes = new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength);
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

export function decodeCodes(base64: string): Uint16Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length & ~1);
  for (let i = 0; i < bytes.length; i++) bytes[i] = text.charCodeAt(i);
  return new Uint16Array(bytes.buffer);
}

export function computeAudioFingerprint(pcm: Float32Array, sampleRate: number): AudioFingerprint {
  const hop = Math.max(1, Math.round(HOP_SEC * sampleRate));
  const coded = pcm.subarray(0, Math.min(pcm.length, Math.round(FINGERPRINT_SECONDS * sampleRate) + FRAME_SIZE));
  const binHz = sampleRate / FRAME_SIZE;
  const edges = Array.from({ length: BANDS + 1 }, (_, i) => Math.max(1, Math.round((LOW_HZ * (HIGH_HZ / LOW_HZ) ** (i / BANDS)) / binHz)));
  const codes: number[] = [];
  let previous: Float64Array | undefined;
  const energies = new Float64Array(BANDS);
  if (coded.length >= FRAME_SIZE) {
    forEachPowerFrame(coded, { frameSize: FRAME_SIZE, hopSize: hop }, (_, power) => {
      for (let band = 0; band < BANDS; band++) {
        let sum = 0;
        for (let bin = edges[band]; bin < Math.max(edges[band] + 1, edges[band + 1]); bin++) sum += power[bin];
        energies[band] = sum;
      }
      if (previous) {
        let code = 0;
        for (let m = 0; m < BANDS - 1; m++) {
          const delta = energies[m] - energies[m + 1] - (previous[m] - previous[m + 1]);
          if (delta > 0) code |= 1 << m;
        }
        codes.push(code);
      }
      previous = Float64Array.from(energies);
    });
  }
  return {
    version: AUDIO_FINGERPRINT_VERSION,
    durationSec: Math.round((pcm.length / sampleRate) * 1000) / 1000,
    digest: pcmDigest(pcm),
    hopSec: hop / sampleRate,
    codes: toBase64(Uint16Array.from(codes)),
  };
}

const POPCOUNT16 = (() => {
  const table = new Uint8Array(1 << 16);
  for (let i = 1; i < table.length; i++) table[i] = (i & 1) + table[i >> 1];
  return table;
})();

export interface FingerprintMatch {
  /** 1 − bit error rate at the best alignment (≈ 0.5 for unrelated music, 1 for the same audio). */
  similarity: number;
  /** How much later in the music b starts than a, in seconds, at the best alignment (b trimmed: > 0). */
  offsetSec: number;
}

/**
 * Compare two fingerprints at every alignment within ±maxOffsetSec (a copy trimmed or padded at
 * the start), over at least half of the shorter one. With `stride` > 1 only every stride-th code is
 * compared: an estimate for a quick rejection of unrelated pairs.
 */
export function compareFingerprints(a: Uint16Array, b: Uint16Array, hopSec: number, maxOffsetSec = 1, stride = 1): FingerprintMatch {
  const maxShift = Math.round(maxOffsetSec / hopSec);
  const minOverlap = Math.max(8, Math.floor(Math.min(a.length, b.length) / 2));
  let best: FingerprintMatch = { similarity: 0, offsetSec: 0 };
  for (let shift = -maxShift; shift <= maxShift; shift++) {
    const from = Math.max(0, shift);
    const to = Math.min(a.length, b.length + shift);
    if (to - from < minOverlap) continue;
    let errors = 0;
    let compared = 0;
    for (let i = from; i < to; i += stride, compared++) errors += POPCOUNT16[a[i] ^ b[i - shift]];
    const similarity = 1 - errors / (compared * (BANDS - 1));
    if (similarity > best.similarity) best = { similarity, offsetSec: shift * hopSec };
  }
  return best;
}

/** The fingerprint as an analyzer: versioned and cached like BPM, key and energy. */
export function createFingerprintAnalyzer(): Analyzer<AudioFingerprint> {
  return { id: 'fingerprint', version: AUDIO_FINGERPRINT_VERSION, analyze: computeAudioFingerprint };
}
