/**
 * The labelled corpus for `npm run eval:embeddings` (and a disjoint calibration set for the
 * built-in embedder's standardisation constants). Originals: every family × 3 tempos × 2 keys.
 * For every third original there are variants of the same piece: decoded from an MP3 instead of
 * the FLAC, time-stretched +4 % and −4 % (ffmpeg atempo, pitch kept), and a cut from another
 * section. Audio is cached in .cache/embeddings-corpus/<version>/ as raw float32.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeToMono, encodePcm, loadFFmpegCore, runFFmpeg, type FFmpegCore } from '../../lib/ffmpegNode';
import { fnv1a32, mulberry32 } from '../../../src/core/hash';
import { FAMILIES, SAMPLE_RATE, synthesisePiece, type Family, type PieceSpec } from './synth';

/** Bump when the synthesis or the corpus layout changes: the cache is keyed by it. */
export const CORPUS_VERSION = 3;
export const CLIP_SECONDS = 20;

export type VariantKind = 'original' | 'mp3' | 'stretch+4%' | 'stretch-4%' | 'other-section';

export interface CorpusItem {
  id: string;
  pieceId: string;
  family: Family;
  variant: VariantKind;
  bpm: number;
  tonic: number;
  minor: boolean;
}

export interface LoadedItem extends CorpusItem {
  pcm: Float32Array;
}

export interface CorpusOptions {
  /** "eval" or "calibration": different seeds, tempos and keys. */
  split: 'eval' | 'calibration';
  cacheDir?: string;
  log?: (line: string) => void;
}

interface PiecePlan {
  spec: PieceSpec;
  pieceId: string;
  withVariants: boolean;
}

function planPieces(split: CorpusOptions['split']): PiecePlan[] {
  const tempos = split === 'eval' ? [96, 122, 138] : [104, 128, 145];
  const rng = mulberry32(fnv1a32(`rbassist/embeddings-corpus/${split}`));
  const plans: PiecePlan[] = [];
  for (const family of FAMILIES) {
    for (const bpm of tempos) {
      for (let k = 0; k < 2; k++) {
        const tonic = Math.floor(rng() * 12);
        const minor = rng() < 0.5;
        const pieceId = `${split}-${family}-${bpm}-${k}`;
        plans.push({ spec: { family, bpm, tonic, minor, seed: pieceId }, pieceId, withVariants: split === 'eval' && plans.length % 3 === 0 });
      }
    }
  }
  return plans;
}

async function makeVariants(core: FFmpegCore, plan: PiecePlan, original: Float32Array): Promise<[VariantKind, Float32Array][]> {
  const flac = await encodePcm(core, original, SAMPLE_RATE, 1, 'piece.flac', ['-c:a', 'flac']);
  const mp3 = await encodePcm(core, original, SAMPLE_RATE, 1, 'piece.mp3', ['-c:a', 'libmp3lame', '-b:a', '128k']);
  const stretch = async (tempo: number) => {
    const out = await runFFmpeg(
      core,
      ['-i', 'in.flac', '-af', `atempo=${tempo}`, '-ac', '1', '-ar', String(SAMPLE_RATE), '-f', 'f32le', 'out.f32'],
      { 'in.flac': flac },
      ['out.f32'],
    );
    const bytes = out['out.f32'];
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4).slice();
  };
  return [
    ['mp3', (await decodeToMono(core, mp3, SAMPLE_RATE, 'in.mp3')).slice()],
    ['stretch+4%', await stretch(1.04)],
    ['stretch-4%', await stretch(0.96)],
    ['other-section', synthesisePiece(plan.spec, 1, CLIP_SECONDS)],
  ];
}

/** Generate (or read from the cache) the corpus of a split. */
export async function loadCorpus(options: CorpusOptions): Promise<LoadedItem[]> {
  const dir = join(options.cacheDir ?? '.cache/embeddings-corpus', `v${CORPUS_VERSION}-${options.split}`);
  const indexPath = join(dir, 'index.json');
  const log = options.log ?? (() => {});
  if (existsSync(indexPath)) {
    const items = JSON.parse(readFileSync(indexPath, 'utf8')) as CorpusItem[];
    return items.map((item) => {
      const bytes = readFileSync(join(dir, `${item.id}.f32`));
      return { ...item, pcm: new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4) };
    });
  }
  mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const plans = planPieces(options.split);
  const items: LoadedItem[] = [];
  for (const plan of plans) {
    const base = { pieceId: plan.pieceId, family: plan.spec.family, bpm: plan.spec.bpm, tonic: plan.spec.tonic, minor: plan.spec.minor };
    const original = synthesisePiece(plan.spec, 0, CLIP_SECONDS);
    items.push({ ...base, id: `${plan.pieceId}-original`, variant: 'original', pcm: original });
    if (plan.withVariants) {
      // A fresh ffmpeg core per piece: one instance's heap does not survive dozens of runs.
      for (const [variant, pcm] of await makeVariants(await loadFFmpegCore(), plan, original)) {
        items.push({ ...base, id: `${plan.pieceId}-${variant.replace('%', 'pc')}`, variant, pcm });
      }
    }
  }
  for (const item of items) writeFileSync(join(dir, `${item.id}.f32`), new Uint8Array(item.pcm.buffer, item.pcm.byteOffset, item.pcm.byteLength));
  writeFileSync(
    indexPath,
    JSON.stringify(
      items.map(({ pcm: _pcm, ...rest }) => rest),
      null,
      1,
    ),
  );
  log(`generated ${items.length} ${options.split} items in ${((Date.now() - started) / 1000).toFixed(1)} s → ${dir}`);
  return items;
}
