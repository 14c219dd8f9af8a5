/**
 * Duplicate grouping benchmark: `findDuplicates` (src/core/library/duplicates, what the app's map
 * worker and `rbassist duplicates` run) on a synthetic library of stored fingerprints (default
 * 50 000 tracks), against a baseline measured in the same run on the same data: turning the stored
 * records into candidates (base64 decode of every fingerprint), work the check does anyway.
 * Synthetic: durations spread like a club library (about 6 min ± 1.5 min, so each track has ~100
 * others within ±1 s), random codes; 1 % exact copies, 2 % re-encodes (5 % of bits flipped, ±0.3 s),
 * and 256-d vectors (re-encodes close to their original). Figures are true of this material only.
 *
 *   npm run bench:duplicates -- --tracks 50000 --repeat 3
 * @module
 */
import { mulberry32 } from '../../src/core/hash';
import { duplicateCandidate, type CandidateSource } from '../../src/core/library/duplicates/candidates';
import { AUDIO_FINGERPRINT_VERSION } from '../../src/core/library/duplicates/audioFingerprint';
import { findDuplicates } from '../../src/core/library/duplicates/findDuplicates';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? NaN : Number(process.argv[at + 1]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

const TRACKS = flag('tracks', 50_000);
const REPEAT = flag('repeat', 3);
const CODES = 480; // 60 s at 0.125 s
const DIMS = 256;

function library(n: number): { sources: CandidateSource[]; vectors: Float32Array[]; exact: number; reencoded: number } {
  const rand = mulberry32(17);
  const gauss = () => Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand());
  const sources: CandidateSource[] = [];
  const vectors: Float32Array[] = [];
  let exact = 0;
  let reencoded = 0;
  const fingerprint = (codes: Uint16Array, durationSec: number, digest: string) => ({
    version: AUDIO_FINGERPRINT_VERSION,
    fields: { version: AUDIO_FINGERPRINT_VERSION, durationSec, digest, hopSec: 0.125, codes: Buffer.from(codes.buffer).toString('base64') },
  });
  const add = (codes: Uint16Array, vector: Float32Array, durationSec: number, digest: string) => {
    const i = sources.length;
    sources.push({
      id: `t${i}`,
      relativePath: `Music/${i}.mp3`,
      dateAdded: '2026-01-01',
      tags: { title: `Track ${i}`, artist: `Artist ${i % 997}` },
      fingerprint: fingerprint(codes, durationSec, digest),
    });
    vectors.push(vector);
  };
  while (sources.length < n) {
    const durationSec = Math.round(Math.min(720, Math.max(120, 360 + 90 * gauss())) * 1000) / 1000;
    const codes = Uint16Array.from({ length: CODES }, () => Math.floor(rand() * 0x10000) & 0xffff);
    const vector = Float32Array.from({ length: DIMS }, gauss);
    const digest = Math.floor(rand() * 2 ** 32).toString(16) + sources.length.toString(16);
    add(codes, vector, durationSec, digest);
    const roll = rand();
    if (roll < 0.01 && sources.length < n) {
      add(codes, vector, durationSec, digest);
      exact++;
    } else if (roll < 0.03 && sources.length < n) {
      const flipped = codes.map((c) => {
        let out = c;
        for (let bit = 0; bit < 16; bit++) if (rand() < 0.05) out ^= 1 << bit;
        return out;
      });
      add(
        flipped,
        vector.map((x) => x + 0.2 * gauss()),
        Math.round((durationSec + (rand() - 0.5) * 0.6) * 1000) / 1000,
        `${digest}r`,
      );
      reencoded++;
    }
  }
  return { sources, vectors, exact, reencoded };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function main(): void {
  const { sources, vectors, exact, reencoded } = library(TRACKS);
  const decodeMs: number[] = [];
  const groupMs: number[] = [];
  let check = '';
  for (let r = 0; r < REPEAT; r++) {
    let started = performance.now();
    const candidates = sources.map((s, i) => duplicateCandidate(s, s.fingerprint, vectors[i]));
    decodeMs.push(performance.now() - started);
    started = performance.now();
    const report = findDuplicates(candidates);
    groupMs.push(performance.now() - started);
    const kinds = (kind: string) => report.groups.filter((g) => g.kind === kind).length;
    check = `${kinds('exact')} exact groups (planted ${exact}), ${kinds('same-recording')} same-recording groups (planted ${reencoded})`;
  }
  const baseline = median(decodeMs);
  const grouping = median(groupMs);
  console.log(`duplicates bench: ${TRACKS} synthetic tracks, ${REPEAT} repeats (median)`);
  console.log(`  baseline: stored records → candidates (fingerprint decode): ${baseline.toFixed(0)} ms`);
  console.log(`  findDuplicates (grouping):                                  ${grouping.toFixed(0)} ms = ${(grouping / baseline).toFixed(1)}× the baseline`);
  console.log(`  found: ${check}`);
}

main();
