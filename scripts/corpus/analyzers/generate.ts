/**
 * Generates the labelled analyzer corpus: renders every planned clip, encodes it to mp3 with the
 * project's ffmpeg.wasm core and writes the ground truth beside it.
 *
 *   npx tsx scripts/corpus/analyzers/generate.ts [--out .cache/corpus/analyzers] [--count 48]
 *
 * Output: <out>/<id>.mp3, <out>/<id>.json (truth) and <out>/corpus.json (plan + truth of all clips).
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodePcm, loadFFmpegCore } from '../../lib/ffmpegNode';
import { clipTruth, renderClip, type ClipSpec, type ClipTruth } from './clip';
import { planClubCorpus } from './clubCorpus';
import { DEFAULT_CORPUS, planCorpus } from './corpusPlan';

export const CORPUS_SAMPLE_RATE = 22050;
export const DEFAULT_CORPUS_DIR = '.cache/corpus/analyzers';
/** The extended club corpus (issue 16) lives beside the base one. */
export const DEFAULT_CLUB_CORPUS_DIR = '.cache/corpus/analyzers-club';
/** Bumped whenever the synthesis changes, so a stale corpus on disk is regenerated. */
export const CORPUS_VERSION = 1;
/** The same for the club corpus (clubCorpus.ts, clubPatterns.ts, clubHarmony.ts, mastering.ts). */
export const CLUB_CORPUS_VERSION = 2;

export interface CorpusManifest {
  version: number;
  sampleRate: number;
  clips: (ClipTruth & { file: string })[];
}

export function readManifest(dir: string, version = CORPUS_VERSION): CorpusManifest | undefined {
  const path = join(dir, 'corpus.json');
  if (!existsSync(path)) return undefined;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as CorpusManifest;
  if (manifest.version !== version) return undefined;
  if (!manifest.clips.every((c) => existsSync(join(dir, c.file)))) return undefined;
  return manifest;
}

export async function generateCorpus(dir: string, count = DEFAULT_CORPUS.count, log: (line: string) => void = console.log): Promise<CorpusManifest> {
  return writeCorpus(dir, planCorpus({ count }), log);
}

export async function generateClubCorpus(dir: string, log: (line: string) => void = console.log): Promise<CorpusManifest> {
  return writeCorpus(dir, planClubCorpus(), log, CLUB_CORPUS_VERSION);
}

/** Renders, encodes (mp3 128k) and writes the clips with their truth and a manifest. */
export async function writeCorpus(dir: string, specs: ClipSpec[], log: (line: string) => void, version = CORPUS_VERSION): Promise<CorpusManifest> {
  mkdirSync(dir, { recursive: true });
  let core = await loadFFmpegCore();
  const clips: CorpusManifest['clips'] = [];
  const started = Date.now();
  for (const [i, spec] of specs.entries()) {
    // A fresh core now and then: one core's heap does not last through many encodes.
    if (i > 0 && i % 16 === 0) core = await loadFFmpegCore();
    const pcm = renderClip(spec, CORPUS_SAMPLE_RATE);
    const mp3 = await encodePcm(core, pcm, CORPUS_SAMPLE_RATE, 1, 'out.mp3', ['-c:a', 'libmp3lame', '-b:a', '128k']);
    const file = `${spec.id}.mp3`;
    writeFileSync(join(dir, file), mp3);
    const truth = { ...clipTruth(spec), file };
    writeFileSync(join(dir, `${spec.id}.json`), JSON.stringify({ ...truth, spec }, null, 2) + '\n');
    clips.push(truth);
    log(`${spec.id}  ${spec.bpm.toFixed(1).padStart(5)} BPM  ${spec.style.padEnd(11)} key ${spec.key.tonic}/${spec.key.mode}  energy ${spec.energy}`);
  }
  const manifest: CorpusManifest = { version, sampleRate: CORPUS_SAMPLE_RATE, clips };
  writeFileSync(join(dir, 'corpus.json'), JSON.stringify(manifest, null, 2) + '\n');
  log(`${clips.length} clips in ${((Date.now() - started) / 1000).toFixed(1)} s → ${dir}`);
  return manifest;
}

function argValue(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dir = resolve(argValue('--out') ?? DEFAULT_CORPUS_DIR);
  const count = Number(argValue('--count') ?? DEFAULT_CORPUS.count);
  if (!Number.isInteger(count) || count < 1) throw new Error(`--count must be a positive integer, got ${argValue('--count')}`);
  await generateCorpus(dir, count);
  await generateClubCorpus(resolve(argValue('--club-out') ?? DEFAULT_CLUB_CORPUS_DIR));
}
