/**
 * `npm run bench:ingest [-- --tracks 1000 --seconds 180 --distinct 12]`: ingest a generated folder
 * end to end in headless Chromium (scan → decode → analyze → built-in embedding → index) and report
 * tracks/min, the time per stage, peak memory, and the projection to 50 000 tracks. The baseline in
 * the same run is the decode alone (how fast the decode workers could go with nothing after them).
 *
 * `--distinct` synthesised pieces (drums, bass, chords: scripts/corpus/analyzers) are written under
 * `--tracks` different paths, so every track has its own id, seed and windows.
 * @module
 */
import { planCorpus } from '../../scripts/corpus/analyzers/corpusPlan';
import { renderClip } from '../../scripts/corpus/analyzers/clip';
import { encodePcm, loadFFmpegCore } from '../../scripts/lib/ffmpegNode';
import { numberArg, openAppForBench } from './appPage';
import { writeOpfsFiles } from '../support/opfsLibrary';

const TRACKS = numberArg('tracks', 1000);
const SECONDS = numberArg('seconds', 180);
const DISTINCT = Math.min(numberArg('distinct', 12), TRACKS);

console.log(`Generating ${DISTINCT} distinct ${SECONDS}s pieces (mp3 192k)…`);
const core = await loadFFmpegCore();
const SR = 22050;
const pieces: string[] = [];
for (const spec of planCorpus({ count: DISTINCT, durationSec: SECONDS, seed: 'rbassist-bench-ingest' })) {
  const pcm = renderClip(spec, SR);
  pieces.push(Buffer.from(await encodePcm(core, pcm, SR, 1, 'x.mp3', ['-c:a', 'libmp3lame', '-b:a', '192k', '-ar', '44100'])).toString('base64'));
}

const { page, close } = await openAppForBench();
try {
  // One copy of each distinct piece in OPFS; the rest are written in the page from those bytes.
  await writeOpfsFiles(
    page,
    'bench-src',
    pieces.map((base64, i) => ({ path: `piece-${i}.mp3`, base64 })),
  );
  await page.evaluate(
    async ({ tracks, distinct }) => {
      const root = await navigator.storage.getDirectory();
      const src = await root.getDirectoryHandle('bench-src');
      const music = await root.getDirectoryHandle('bench-music', { create: true });
      const bytes = await Promise.all(
        Array.from({ length: distinct }, async (_, i) => (await (await src.getFileHandle(`piece-${i}.mp3`)).getFile()).arrayBuffer()),
      );
      for (let i = 0; i < tracks; i++) {
        const dir = await music.getDirectoryHandle(`Crate ${Math.floor(i / 100)}`, { create: true });
        const w = await (await dir.getFileHandle(`Artist ${i % 97} - Track ${i}.mp3`, { create: true })).createWritable();
        await w.write(bytes[i % distinct]);
        await w.close();
      }
    },
    { tracks: TRACKS, distinct: DISTINCT },
  );

  const result = await page.evaluate(
    async ({ tracks }) => {
      const app = (window as any).rbassist;
      const root = await navigator.storage.getDirectory();
      const music = await root.getDirectoryHandle('bench-music');
      const memory = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;

      // Baseline: decode alone at the analysis rate, all decode workers busy, on the first files.
      const sample = Math.min(tracks, app.decoder.size * 4);
      const files: File[] = [];
      for await (const [, dir] of music.entries()) {
        for await (const [, h] of (dir as FileSystemDirectoryHandle).entries()) {
          if (files.length < sample) files.push(await (h as FileSystemFileHandle).getFile());
        }
      }
      let t0 = performance.now();
      const decoded = await Promise.all(files.map((f) => app.decoder.decode(f, { sampleRate: 11025 })));
      const decodeOnlyMs = performance.now() - t0;
      const audioSec = decoded.reduce((s: number, d: any) => s + (d.ok ? d.value.durationSec : 0), 0);

      t0 = performance.now();
      await app.library.connectDirectory(music);
      const scanMs = performance.now() - t0;
      let peak = memory();
      const sampler = setInterval(() => (peak = Math.max(peak, memory())), 500);
      const longTasks: number[] = [];
      new PerformanceObserver((list) => longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
      t0 = performance.now();
      await app.ingest.start();
      const ingestMs = performance.now() - t0;
      clearInterval(sampler);
      return {
        sample,
        decodeOnlyMs,
        audioSec,
        scanMs,
        ingestMs,
        peak,
        longTasks,
        progress: app.ingest.progress.get(),
        totals: { ...app.stageTotals },
        workers: app.decoder.size,
      };
    },
    { tracks: TRACKS },
  );

  const perMin = (result.progress.done / result.ingestMs) * 60_000;
  const decodePerMin = (result.sample / result.decodeOnlyMs) * 60_000;
  const t = result.totals;
  const per = (ms: number) => `${(ms / Math.max(1, t.tracks) / 1000).toFixed(2)} s`;
  console.log(`\nIngest benchmark: ${TRACKS} tracks of ${SECONDS} s (mp3 192k), built-in embedder, ${result.workers} decode workers`);
  console.log(
    `baseline  decode only (11 kHz)  : ${decodePerMin.toFixed(1)} tracks/min (${(result.audioSec / (result.decodeOnlyMs / 1000)).toFixed(0)}× real time for the pool)`,
  );
  console.log(`scan + tags                     : ${(result.scanMs / 1000).toFixed(1)} s`);
  console.log(
    `ingest end to end               : ${perMin.toFixed(1)} tracks/min = ${(perMin / decodePerMin).toFixed(2)}× the decode-only rate; ${result.progress.done} done, ${result.progress.failed} failed in ${(result.ingestMs / 1000).toFixed(0)} s`,
  );
  console.log(
    `per track (worker time)         : decode ${per(t.decodeMs)}, analyse+embed ${per(t.analyzeMs)}, window decode ${per(t.windowDecodeMs ?? 0)}, round trip ${per(t.roundTripMs)}, store+index ${per(t.indexMs)}`,
  );
  console.log(`projection to 50 000 tracks     : ${(50_000 / perMin / 60).toFixed(1)} h (spec target: < 24 h on a consumer GPU)`);
  console.log(
    `page JS heap peak               : ${(result.peak / 1024 / 1024).toFixed(0)} MB; main-thread long tasks: ${result.longTasks.length} (max ${Math.round(Math.max(0, ...result.longTasks))} ms)`,
  );
} finally {
  await close();
}
