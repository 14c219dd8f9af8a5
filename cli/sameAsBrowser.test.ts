/**
 * "Same as the browser", at the core level: what `rbassist analyze` stores for a file (windows,
 * analyses, vector) equals what the browser's analysis task gives for the same file — analyzeFile
 * from src/core/analysis/analyzeFile.ts with a decode function on decodeWithFFmpeg (the decode worker's
 * ffmpeg.wasm path), the app's default settings and, for ONNX, the embed worker's session + embedder.
 * (Which decoder the browser picks per format, and how closely WebCodecs agrees with ffmpeg.wasm,
 * is checked in e2e/decode.e2e.ts.)
 * @module
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMertShapedModel, MERT_SHAPES } from '../models/mertShapedModel';
import { loadFFmpegCore, type FFmpegCore } from '../scripts/lib/ffmpegNode';
import { DEFAULT_SETTINGS, PRESETS } from '../src/core/settings';
import type { AnalyzeRequest } from '../src/core/analysis/protocol';
import { DecodeError, decodeWithFFmpeg } from '../src/core/decode/ffmpegDecode';
import { fail, ok } from '../src/core/errors';
import { bundledManifest, findOnnxModel, findVariant } from '../src/core/embedding/manifest';
import { createValidatedSession } from '../src/core/embedding/modelValidation';
import { OnnxEmbedder } from '../src/core/embedding/onnxEmbedder';
import type { OrtModuleLike } from '../src/core/embedding/ortTypes';
import { trackIdFromPath } from '../src/core/library/trackId';
import { builtInProfile } from '../src/core/sampling';
import { analyzeFile, type DecodeFn } from '../src/core/analysis/analyzeFile';
import { runCli } from './main';
import { LibraryState } from './state/libraryState';
import { VectorStore } from './state/vectorStore';
import { generateLibrary, TRACKS } from './test/generatedLibrary';

let root: string;
let folder: string;
let modelPath: string;
let core: FFmpegCore;
const paths = ['House/Alpha - Warm Up.mp3', 'Techno/Deep/Epsilon - Tunnel.m4a'];
const tiny = findOnnxModel(bundledManifest, 'test-mert-tiny');

/** The browser decode worker's ffmpeg path: the file under its own name in the core's FS, decodeWithFFmpeg. */
const browserDecode: DecodeFn = async (file, request) => {
  const path = `/${file.name}`;
  core.FS.writeFile(path, new Uint8Array(await file.arrayBuffer()));
  try {
    return ok(decodeWithFFmpeg(core, path, file.name, request));
  } catch (error) {
    if (error instanceof DecodeError) return fail(error.message);
    throw error;
  } finally {
    core.FS.unlink(path);
  }
};

async function browserAnalysis(relativePath: string, request: Partial<AnalyzeRequest>) {
  const file = new File([readFileSync(join(folder, relativePath))], relativePath.split('/').pop()!);
  const outcome = await analyzeFile(browserDecode, file, {
    relativePath,
    profile: builtInProfile(PRESETS.fast.profileName!),
    cachedAnalyses: [],
    builtinEmbedding: true,
    analyzers: { bpm: DEFAULT_SETTINGS.bpmRange },
    ...request,
  });
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.value;
}

async function cli(args: string[]): Promise<number> {
  const sink = { write: () => true };
  return runCli(args, { out: sink, err: sink, signal: new AbortController().signal });
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'rbassist-same-'));
  folder = join(root, 'music');
  // Longer than the fast profile's 75 s, so its two spots land at places seeded by the track's path.
  await generateLibrary(folder, { tracks: TRACKS.filter((t) => paths.includes(t.path)), broken: false, seconds: 100 });
  modelPath = join(root, 'tiny.onnx');
  writeFileSync(modelPath, buildMertShapedModel(MERT_SHAPES.tiny, { precision: 'fp32', seed: 1 }).model);
  core = await loadFFmpegCore();
  ort.env.wasm.numThreads = 1;
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('rbassist analyze stores what the browser computes for the same file', () => {
  it('built-in embedder ("fast" preset): identical windows, analyses and vector', async () => {
    expect(await cli(['analyze', folder, '--workers', '1', '--profile', 'fast'])).toBe(0);
    const state = new LibraryState(join(root, '.rbassist'));
    const vectors = new VectorStore(state.dir, 'builtin-dsp', 256);
    try {
      for (const relativePath of paths) {
        const browser = (await browserAnalysis(relativePath, {})).output;
        const id = trackIdFromPath(relativePath);
        const stored = state.analyses.get(id)!;
        expect(stored.windowsCacheKey).toBe(browser.windowsCacheKey);
        expect(stored.windows.filter((w) => w.kind === 'spot')).toHaveLength(2);
        expect(stored.windows).toEqual(browser.windows);
        expect(stored.analyses).toEqual(browser.analyses);
        expect(stored.durationSec).toBe(browser.durationSec);
        const row = vectors.rowsOf.get(id)!.row;
        // Bit for bit: the stored float32 row is the browser's vector.
        expect(Array.from(vectors.read([row]))).toEqual(Array.from(browser.builtinVector!));
      }
    } finally {
      vectors.close();
    }
  });

  it('ONNX model (MERT-shaped tiny test model): same windows at 24 kHz, same vector', async () => {
    expect(await cli(['analyze', folder, '--workers', '1', '--profile', 'fast', '--model', 'test-mert-tiny', '--model-file', modelPath])).toBe(0);
    const session = await createValidatedSession({
      ort: ort as unknown as OrtModuleLike,
      entry: tiny,
      variant: findVariant(tiny, 'fp32'),
      modelBytes: readFileSync(modelPath),
      skipByteCheck: true,
    });
    const embedder = new OnnxEmbedder({ session, Tensor: ort.Tensor as never, entry: tiny });
    const state = new LibraryState(join(root, '.rbassist'));
    const vectors = new VectorStore(state.dir, 'test-mert-tiny', 256);
    try {
      for (const relativePath of paths) {
        const browser = await browserAnalysis(relativePath, {
          builtinEmbedding: false,
          modelSampleRate: bundledManifest.inputContract.sampleRate,
        });
        const stored = state.analyses.get(trackIdFromPath(relativePath))!;
        expect(stored.windows).toEqual(browser.output.windows);
        expect(stored.analyses).toEqual(browser.output.analyses);
        const expected = await embedder.embed(browser.modelWindows!, bundledManifest.inputContract.sampleRate);
        const got = vectors.read([vectors.rowsOf.get(trackIdFromPath(relativePath))!.row]);
        // onnxruntime may batch chunks differently (the batch size adapts to speed), which moves
        // the last float bits; the vectors point the same way.
        const cosine = got.reduce((sum, v, i) => sum + v * expected[i], 0);
        expect(cosine).toBeGreaterThan(0.99999);
      }
    } finally {
      vectors.close();
    }
  });
});
