/**
 * bench:cli — `rbassist analyze` throughput on this machine with the built-in embedder: a generated
 * folder of full-length tracks (default 8 × 5 min MP3), analyzed from scratch with 1 worker and
 * with N workers. Baseline measured in the same run: decoding the same files at 11 025 Hz with one
 * ffmpeg.wasm core (the floor the analysis decode cannot beat), so the ratios survive a noisy machine.
 *
 *   npm run bench:cli -- --tracks 8 --seconds 300 --workers 1,2
 * @module
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeToMono, loadFFmpegCore } from '../../scripts/lib/ffmpegNode';
import { ANALYSIS_SAMPLE_RATE } from '../../src/core/analysis/protocol';
import { analyzeFolder, defaultWorkers } from '../commands/analyze';
import { generateLibrary, TRACKS } from '../test/generatedLibrary';

const { values } = parseArgs({
  options: {
    tracks: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '300' },
    workers: { type: 'string', default: `1,${defaultWorkers()}` },
    profile: { type: 'string' },
  },
});
const trackCount = Number(values.tracks);
const seconds = Number(values.seconds);
const workerCounts = [...new Set(values.workers!.split(',').map(Number))];

const root = mkdtempSync(join(tmpdir(), 'rbassist-bench-'));
const source = join(root, 'source');
const music = join(root, 'music');
try {
  // Two distinct MP3s (one house, one techno), copied under N names: every copy is analyzed in full.
  const sources = [TRACKS[0], TRACKS[3]].map((t) => ({
    ...t,
    ext: 'mp3',
    codec: ['-c:a', 'libmp3lame', '-b:a', '192k'],
    path: t.path.replace(/\.\w+$/, '.mp3'),
  }));
  await generateLibrary(source, { tracks: sources, broken: false, seconds });
  mkdirSync(music, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < trackCount; i++) {
    const target = join(music, `Track ${String(i + 1).padStart(4, '0')}.mp3`);
    copyFileSync(join(source, sources[i % 2].path), target);
    files.push(target);
  }

  const core = await loadFFmpegCore();
  const decodeStarted = performance.now();
  for (const file of files) await decodeToMono(core, readFileSync(file), ANALYSIS_SAMPLE_RATE, 'in.mp3');
  const decodeMsPerTrack = (performance.now() - decodeStarted) / trackCount;

  const sink = { write: () => true };
  const rows: Record<string, number | string>[] = [];
  for (const workers of workerCounts) {
    const state = join(root, `state-${workers}`);
    let peakRss = process.memoryUsage().rss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
    const started = performance.now();
    const { summary } = await analyzeFolder(
      { folder: music, state, workers, profile: values.profile },
      { out: sink, err: sink, signal: new AbortController().signal },
    );
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    if (!summary || summary.failed.length) throw new Error(`analyze failed: ${JSON.stringify(summary?.failed)}`);
    const tracksPerMin = trackCount / (wallMs / 60_000);
    rows.push({
      workers,
      wallSec: +(wallMs / 1000).toFixed(1),
      tracksPerMin: +tracksPerMin.toFixed(1),
      msPerTrackVsDecodeOnly: +(wallMs / trackCount / decodeMsPerTrack).toFixed(2),
      decodeMs: Math.round(summary.stageMs.decode),
      analyzeMs: Math.round(summary.stageMs.analyze),
      peakRssMB: Math.round(peakRss / 2 ** 20),
      hoursFor50k: +(50_000 / tracksPerMin / 60).toFixed(1),
    });
  }
  console.log(`bench:cli — ${trackCount} × ${seconds} s MP3, built-in embedder, profile ${values.profile ?? 'default'}`);
  console.log(`baseline: decode only at ${ANALYSIS_SAMPLE_RATE} Hz, one core, ${(decodeMsPerTrack / 1000).toFixed(2)} s/track`);
  console.table(rows);
  console.log(JSON.stringify({ trackCount, seconds, decodeMsPerTrack: Math.round(decodeMsPerTrack), rows }));
} finally {
  rmSync(root, { recursive: true, force: true });
}
