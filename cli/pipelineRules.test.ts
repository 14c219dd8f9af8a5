/**
 * The pipeline's shared rules (src/core/analysis) as `rbassist analyze` applies them, end to end
 * on a generated folder: a silent track fails with the pipeline's reason, and a stored result made
 * under other analyzer options or by another embedder version is recomputed, the rest reused.
 * e2e/pipelineRules.e2e.ts checks the same rules in the browser.
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePcm, loadFFmpegCore } from '../scripts/lib/ffmpegNode';
import { SILENT_TRACK_REASON } from '../src/core/analysis/outcome';
import { BUILTIN_EMBEDDER_VERSION } from '../src/core/embedding/builtin/builtinEmbedder';
import { trackIdFromPath } from '../src/core/library/trackId';
import { EXIT } from './errors';
import { runCli } from './main';
import { LibraryState } from './state/libraryState';
import { VectorStore } from './state/vectorStore';
import { generateLibrary, TRACKS } from './test/generatedLibrary';

let root: string;
let folder: string;
const music = 'House/Alpha - Warm Up.mp3';
const silent = 'Quiet/Silence.wav';

async function analyze(): Promise<{ code: number; text: string }> {
  let text = '';
  const sink = { write: (chunk: string) => ((text += chunk), true) };
  const code = await runCli(['analyze', folder, '--workers', '1', '--profile', 'fast'], { out: sink, err: sink, signal: new AbortController().signal });
  return { code, text };
}

const state = () => new LibraryState(join(root, '.rbassist'));
function withVectors<T>(use: (vectors: VectorStore) => T): T {
  const vectors = new VectorStore(join(root, '.rbassist'), 'builtin-dsp', 256);
  try {
    return use(vectors);
  } finally {
    vectors.close();
  }
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'rbassist-rules-'));
  folder = join(root, 'music');
  await generateLibrary(folder, { tracks: TRACKS.filter((t) => t.path === music), broken: false });
  mkdirSync(join(folder, 'Quiet'));
  writeFileSync(join(folder, silent), await encodePcm(await loadFFmpegCore(), new Float32Array(20 * 44100), 44100, 1, 'out.wav', ['-c:a', 'pcm_s16le']));
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('rbassist analyze applies the pipeline rules', () => {
  it('fails a silent track with the reason, storing nothing for it, and indexes the other', async () => {
    const { code, text } = await analyze();
    expect(code).toBe(EXIT.someTracksFailed);
    expect(text).toContain(`${silent}: ${SILENT_TRACK_REASON}`);
    const library = state();
    expect(library.job(trackIdFromPath(silent), 'builtin-dsp')).toMatchObject({ state: 'failed', error: SILENT_TRACK_REASON });
    expect(library.analyses.get(trackIdFromPath(silent))).toBeUndefined();
    expect(library.job(trackIdFromPath(music), 'builtin-dsp')).toMatchObject({ state: 'indexed' });
    withVectors((vectors) => {
      expect(vectors.rowsOf.get(trackIdFromPath(silent))).toBeUndefined();
      expect(vectors.rowsOf.get(trackIdFromPath(music))).toMatchObject({ embedderVersion: BUILTIN_EMBEDDER_VERSION });
    });
    expect((await analyze()).text).toContain('0 to analyse, 1 up to date');
  });

  it('recomputes a BPM result made with another BPM range, and only that', async () => {
    const library = state();
    const pass = library.analyses.get(trackIdFromPath(music))!;
    const bpm = pass.analyses.find((a) => a.analyzerId === 'bpm')!;
    expect(bpm.options).toEqual({ minBpm: 70, maxBpm: 180 });
    const marked = pass.analyses.map((a) =>
      a.analyzerId === 'bpm' ? { ...a, options: { minBpm: 60, maxBpm: 150 } } : a.analyzerId === 'key' ? { ...a, fields: { ...a.fields, marker: 'kept' } } : a,
    );
    library.analyses.put({ ...pass, analyses: marked });

    const { text } = await analyze();
    expect(text).toContain('1 to analyse, 0 up to date');
    const after = state().analyses.get(trackIdFromPath(music))!.analyses;
    expect(after.find((a) => a.analyzerId === 'bpm')).toEqual(bpm);
    expect(after.find((a) => a.analyzerId === 'key')!.fields).toMatchObject({ marker: 'kept' });
  });

  it('re-embeds a vector made by another embedder version, reusing the analyses', async () => {
    const rowBefore = withVectors((vectors) => {
      const record = vectors.rowsOf.get(trackIdFromPath(music))!;
      vectors.rowsOf.put({ ...record, embedderVersion: 'builtin-dsp/features:v0/proj:v1' });
      return record.row;
    });
    const { text } = await analyze();
    expect(text).toContain('1 to analyse, 0 up to date');
    withVectors((vectors) => {
      const record = vectors.rowsOf.get(trackIdFromPath(music))!;
      expect(record.embedderVersion).toBe(BUILTIN_EMBEDDER_VERSION);
      expect(record.row).toBeGreaterThan(rowBefore);
    });
    expect(
      state()
        .analyses.get(trackIdFromPath(music))!
        .analyses.find((a) => a.analyzerId === 'key')!.fields,
    ).toMatchObject({ marker: 'kept' });
  });
});
