/**
 * npm run eval:duplicates — precision and recall of duplicate detection (src/core/library/duplicates)
 * on a generated set. Bases: clips from the analyzers corpus generator (drums + bass + chords/arps,
 * several synthesised timbres, humanised timing, a mastering bus). For each base:
 *   exact copies      FLAC ↔ WAV of the same PCM; an MP3 ↔ the same MP3 re-tagged (stream copied)
 *   same recording    MP3 128/320 kbps, Ogg Vorbis, AAC, trimmed 0.5 s at the start, 0.5 s of silence added
 *   negatives         time-stretched ±2 % and ±4 % (other versions), and a "same artist" sibling:
 *                     same tempo, key, groove style and voices, other notes and pattern
 * Every file is decoded like the CLI does (ffmpeg, mono, 11 025 Hz) and goes through the real analysis
 * pass (fingerprint analyzer + built-in embedding). Figures are pairwise, and true of generated
 * material only.
 *
 *   npm run eval:duplicates [-- --bases 12] [-- --json out.json]
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeTrack } from '../../src/core/analysis/analyzeTrack';
import { AnalyzerRegistry } from '../../src/core/analyzers/registry';
import { compareFingerprints, createFingerprintAnalyzer, decodeCodes, type AudioFingerprint } from '../../src/core/library/duplicates/audioFingerprint';
import { findDuplicates, type DuplicateCandidate } from '../../src/core/library/duplicates/findDuplicates';
import { CLUB_HIFI_150S } from '../../src/core/sampling';
import { renderClip } from '../corpus/analyzers/clip';
import { planCorpus } from '../corpus/analyzers/corpusPlan';
import { decodeToMono, encodePcm, loadFFmpegCore, runFFmpeg, type FFmpegCore } from '../lib/ffmpegNode';

const { values: args } = parseArgs({ options: { bases: { type: 'string', default: '12' }, json: { type: 'string' } } });
const BASES = Number(args.bases);
const SECONDS = 30;
const SOURCE_RATE = 44_100;
const ANALYSIS_RATE = 11_025;
const CACHE = join('.cache/duplicates-corpus', `v2-${BASES}`);

type Role = 'exact-lossless' | 'exact-mp3' | 'same' | 'stretch' | 'sibling';
interface Item {
  id: string;
  base: number;
  role: Role;
  /** Files with the same group hold identical decoded audio by construction. */
  exactGroup?: string;
  ext: string;
  codec: string;
  bitrateKbps?: number;
  title: string;
  artist: string;
}

async function stretched(core: FFmpegCore, wav: Uint8Array, tempo: number): Promise<Uint8Array> {
  const out = await runFFmpeg(core, ['-i', 'in.wav', '-af', `atempo=${tempo}`, '-c:a', 'libmp3lame', '-b:a', '256k', 'out.mp3'], { 'in.wav': wav }, [
    'out.mp3',
  ]);
  return out['out.mp3'];
}

async function makeFiles(core: FFmpegCore, base: number, pcm: Float32Array, sibling: Float32Array): Promise<{ item: Item; bytes: Uint8Array }[]> {
  const artist = `Producer ${base + 1}`;
  const title = `Track ${base + 1}`;
  const tags = { title, artist };
  const stereo = (x: Float32Array) => Float32Array.from({ length: x.length * 2 }, (_, i) => x[i >> 1]);
  const encode = (x: Float32Array, name: string, codec: string[], meta: Record<string, string> = tags) =>
    encodePcm(core, stereo(x), SOURCE_RATE, 2, name, codec, meta);
  const wav = await encode(pcm, 'a.wav', ['-c:a', 'pcm_s16le']);
  const mp3 = await encode(pcm, 'a.mp3', ['-c:a', 'libmp3lame', '-b:a', '320k']);
  const retagged = (
    await runFFmpeg(
      core,
      ['-i', 'in.mp3', '-map_metadata', '-1', '-metadata', `title=${title.toUpperCase()} (copy)`, '-metadata', 'comment=re-tagged', '-c:a', 'copy', 'out.mp3'],
      { 'in.mp3': mp3 },
      ['out.mp3'],
    )
  )['out.mp3'];
  const lead = Math.round(0.5 * SOURCE_RATE);
  const trimmed = pcm.subarray(lead);
  const padded = new Float32Array(pcm.length + lead);
  padded.set(pcm, lead);
  const mk = (suffix: string, role: Role, ext: string, codec: string, bytes: Uint8Array, extra: Partial<Item> = {}) => ({
    item: { id: `b${base}-${suffix}`, base, role, ext, codec, title, artist, ...extra },
    bytes,
  });
  return [
    // From the 16-bit WAV: the same samples, losslessly packed (straight from float it would keep 24 bits).
    mk(
      'flac',
      'exact-lossless',
      'flac',
      'flac',
      (await runFFmpeg(core, ['-i', 'in.wav', '-c:a', 'flac', 'out.flac'], { 'in.wav': wav }, ['out.flac']))['out.flac'],
      { exactGroup: `${base}-pcm` },
    ),
    mk('wav', 'exact-lossless', 'wav', 'pcm_s16le', wav, { exactGroup: `${base}-pcm` }),
    mk('mp3-320', 'exact-mp3', 'mp3', 'mp3', mp3, { exactGroup: `${base}-mp3`, bitrateKbps: 320 }),
    mk('mp3-320-retagged', 'exact-mp3', 'mp3', 'mp3', retagged, { exactGroup: `${base}-mp3`, bitrateKbps: 320, title: `${title.toUpperCase()} (copy)` }),
    mk('mp3-128', 'same', 'mp3', 'mp3', await encode(pcm, 'a.mp3', ['-c:a', 'libmp3lame', '-b:a', '128k']), { bitrateKbps: 128 }),
    mk('ogg', 'same', 'ogg', 'vorbis', await encode(pcm, 'a.ogg', ['-c:a', 'libvorbis', '-q:a', '4']), { bitrateKbps: 128 }),
    mk('m4a', 'same', 'm4a', 'aac', await encode(pcm, 'a.m4a', ['-c:a', 'aac', '-b:a', '192k']), { bitrateKbps: 192 }),
    mk('trim-start', 'same', 'mp3', 'mp3', await encode(trimmed, 'a.mp3', ['-c:a', 'libmp3lame', '-b:a', '192k']), { bitrateKbps: 192 }),
    mk('pad-start', 'same', 'mp3', 'mp3', await encode(padded, 'a.mp3', ['-c:a', 'libmp3lame', '-b:a', '256k']), { bitrateKbps: 256 }),
    mk('stretch+2', 'stretch', 'mp3', 'mp3', await stretched(core, wav, 1.02), { bitrateKbps: 256, title: `${title} (Club Mix)` }),
    mk('stretch-2', 'stretch', 'mp3', 'mp3', await stretched(core, wav, 0.98), { bitrateKbps: 256, title: `${title} (Extended Mix)` }),
    mk('stretch+4', 'stretch', 'mp3', 'mp3', await stretched(core, wav, 1.04), { bitrateKbps: 256, title: `${title} (Radio Edit)` }),
    mk('stretch-4', 'stretch', 'mp3', 'mp3', await stretched(core, wav, 0.96), { bitrateKbps: 256, title: `${title} (Dub)` }),
    mk('sibling', 'sibling', 'mp3', 'mp3', await encode(sibling, 'a.mp3', ['-c:a', 'libmp3lame', '-b:a', '320k'], { title: `Other ${title}`, artist }), {
      bitrateKbps: 320,
      title: `Other ${title}`,
    }),
  ];
}

interface Analyzed {
  item: Item;
  fingerprint: AudioFingerprint;
  vector: Float32Array;
}

async function corpus(): Promise<Analyzed[]> {
  const indexPath = join(CACHE, 'index.json');
  if (existsSync(indexPath)) {
    const items = JSON.parse(readFileSync(indexPath, 'utf8')) as Item[];
    return items.map((item) => analyze(item, readPcm(join(CACHE, `${item.id}.f32`))));
  }
  mkdirSync(CACHE, { recursive: true });
  const specs = planCorpus({ count: BASES, seed: 'rbassist-duplicates-v1', durationSec: SECONDS });
  const out: Analyzed[] = [];
  for (const [base, spec] of specs.entries()) {
    const pcm = renderClip(spec, SOURCE_RATE);
    // Same producer, same template: tempo, key, style and voices; other notes, groove and seed.
    const sibling = renderClip(
      {
        ...spec,
        id: `${spec.id}-sibling`,
        seed: spec.seed ^ 0x5bd1e995,
        grooveVariant: (spec.grooveVariant + 1) % 4,
        progressionVariant: (spec.progressionVariant + 2) % 5,
      },
      SOURCE_RATE,
    );
    const core = await loadFFmpegCore(); // a fresh core per base: one heap does not survive hundreds of runs
    for (const { item, bytes } of await makeFiles(core, base, pcm, sibling)) {
      const decoded = (await decodeToMono(await loadFFmpegCore(), bytes, ANALYSIS_RATE, `in.${item.ext}`)).slice();
      writeFileSync(join(CACHE, `${item.id}.f32`), new Uint8Array(decoded.buffer));
      out.push(analyze(item, decoded));
    }
    console.log(`base ${base + 1}/${BASES} done`);
  }
  writeFileSync(
    indexPath,
    JSON.stringify(
      out.map((a) => a.item),
      null,
      1,
    ),
  );
  return out;
}

function readPcm(path: string): Float32Array {
  const bytes = readFileSync(path);
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

const registry = new AnalyzerRegistry([createFingerprintAnalyzer()]);
function analyze(item: Item, pcm: Float32Array): Analyzed {
  const result = analyzeTrack({
    pcm,
    sampleRate: ANALYSIS_RATE,
    durationSec: 0,
    relativePath: `${item.id}.${item.ext}`,
    profile: CLUB_HIFI_150S,
    cachedAnalyses: [],
    registry,
    builtinEmbedding: true,
  });
  return { item, fingerprint: result.analyses[0].fields as AudioFingerprint, vector: result.builtinVector! };
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

function prf(predicted: Set<string>, truth: Set<string>) {
  let tp = 0;
  for (const p of predicted) if (truth.has(p)) tp++;
  const kinds = (pairs: string[]) => [
    ...new Set(
      pairs.map((p) =>
        p
          .split('|')
          .map((id) => id.replace(/^b\d+-/, ''))
          .sort()
          .join(' ~ '),
      ),
    ),
  ];
  return {
    precision: round3(predicted.size ? tp / predicted.size : 1),
    recall: round3(truth.size ? tp / truth.size : 1),
    predicted: predicted.size,
    truth: truth.size,
    falsePositives: kinds([...predicted].filter((p) => !truth.has(p))),
    missed: kinds([...truth].filter((p) => !predicted.has(p))),
  };
}
const round3 = (x: number) => Math.round(x * 1000) / 1000;

async function main() {
  const started = performance.now();
  const items = await corpus();
  const candidates: DuplicateCandidate[] = items.map(({ item, fingerprint, vector }) => ({
    id: item.id,
    relativePath: `${item.id}.${item.ext}`,
    title: item.title,
    artist: item.artist,
    durationSec: fingerprint.durationSec,
    bitrateKbps: item.bitrateKbps,
    codec: item.codec,
    dateAdded: '2024-01-01',
    fingerprint: { digest: fingerprint.digest, hopSec: fingerprint.hopSec, codes: decodeCodes(fingerprint.codes) },
    vector,
  }));
  const findStarted = performance.now();
  const report = findDuplicates(candidates);
  const findMs = performance.now() - findStarted;

  // Truth: duplicates = the same base among exact/same roles; exact = the same exactGroup.
  const truthDup = new Set<string>();
  const truthExact = new Set<string>();
  const dupRoles = new Set<Role>(['exact-lossless', 'exact-mp3', 'same']);
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const [a, b] = [items[i].item, items[j].item];
      if (a.base === b.base && dupRoles.has(a.role) && dupRoles.has(b.role)) truthDup.add(pairKey(a.id, b.id));
      if (a.exactGroup && a.exactGroup === b.exactGroup) truthExact.add(pairKey(a.id, b.id));
    }
  }
  const predictedDup = new Set<string>();
  const predictedExact = new Set<string>();
  const byId = new Map(items.map((a) => [a.item.id, a]));
  for (const group of report.groups) {
    if (group.kind === 'versions') continue;
    for (let i = 0; i < group.trackIds.length; i++) {
      for (let j = i + 1; j < group.trackIds.length; j++) {
        const [a, b] = [group.trackIds[i], group.trackIds[j]];
        predictedDup.add(pairKey(a, b));
        if (byId.get(a)!.fingerprint.digest === byId.get(b)!.fingerprint.digest) predictedExact.add(pairKey(a, b));
      }
    }
  }
  const duplicates = prf(predictedDup, truthDup);
  const exact = prf(predictedExact, truthExact);
  // Versions: every base's stretched edits should be grouped with it as versions.
  const versionGroups = report.groups.filter((g) => g.kind === 'versions');
  const wrongKeepers = report.groups.filter((g) => g.kind !== 'versions' && !['flac', 'wav'].includes(byId.get(g.keeper!)!.item.ext));
  const fpStats = (role: Role) => {
    const values = report.groups
      .flatMap((g) => g.evidence)
      .filter((e) => e.kind !== 'versions' && [e.a, e.b].some((id) => byId.get(id)!.item.role === role))
      .map((e) => e.fingerprint!);
    return values.length ? Math.min(...values) : null;
  };
  // Margin: how close the hardest negatives come to the threshold (each compared with its base's WAV).
  const highestNegative: Record<string, number> = {};
  for (const { item, fingerprint } of items) {
    if (item.role !== 'stretch' && item.role !== 'sibling') continue;
    const wav = byId.get(`b${item.base}-wav`)!.fingerprint;
    const similarity = compareFingerprints(decodeCodes(wav.codes), decodeCodes(fingerprint.codes), wav.hopSec, 1).similarity;
    const kind = item.role === 'sibling' ? 'sibling' : item.id.replace(/^b\d+-/, '').replace(/[+-]/, '±');
    highestNegative[kind] = round3(Math.max(highestNegative[kind] ?? 0, similarity));
  }
  const result = {
    files: items.length,
    bases: BASES,
    clipSeconds: SECONDS,
    exact,
    duplicates,
    versionGroups: versionGroups.length,
    groupsWithLossyKeeper: wrongKeepers.length,
    lowestFingerprintOfAMatch: { same: fpStats('same'), exactMp3: fpStats('exact-mp3') },
    highestFingerprintOfANegative: highestNegative,
    findDuplicatesMs: Math.round(findMs),
    totalSeconds: Math.round((performance.now() - started) / 1000),
  };
  console.log(JSON.stringify(result, null, 1));
  if (args.json) writeFileSync(args.json, JSON.stringify({ ...result, groups: report.groups }, null, 1));
}

await main();
