/**
 * `npm run bench:scan [-- --files 50000]`: scan a generated tree of tiny WAV files in OPFS through
 * the app's real scan (walk + diff + IndexedDB + tag workers) in headless Chromium, and compare it
 * with a bare directory listing of the same tree measured in the same run.
 * @module
 */
import { numberArg, openAppForBench } from './appPage';

const FILES = numberArg('files', 50_000);
const PER_DIR = 200;

const { page, close } = await openAppForBench();
try {
  const generateMs = await page.evaluate(
    async ({ files, perDir }) => {
      const t0 = performance.now();
      // 44-byte WAV header + 32 samples: a real (tiny) audio file the tag reader accepts.
      const wav = new Uint8Array(44 + 64);
      const view = new DataView(wav.buffer);
      const put = (at: number, s: string) => [...s].forEach((c, i) => (wav[at + i] = c.charCodeAt(0)));
      put(0, 'RIFF');
      view.setUint32(4, 36 + 64, true);
      put(8, 'WAVE');
      put(12, 'fmt ');
      view.setUint32(16, 16, true);
      view.setUint16(20, 1, true);
      view.setUint16(22, 1, true);
      view.setUint32(24, 44100, true);
      view.setUint32(28, 88200, true);
      view.setUint16(32, 2, true);
      view.setUint16(34, 16, true);
      put(36, 'data');
      view.setUint32(40, 64, true);
      const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('bench-music', { create: true });
      for (let d = 0; d * perDir < files; d++) {
        const dir = await (await root.getDirectoryHandle(`Genre ${d % 10}`, { create: true })).getDirectoryHandle(`Album ${d}`, { create: true });
        const writes = [];
        for (let i = d * perDir; i < Math.min(files, (d + 1) * perDir); i++) {
          writes.push(
            dir.getFileHandle(`Artist ${i % 997} - Track ${i}.wav`, { create: true }).then(async (h) => {
              const w = await h.createWritable();
              await w.write(wav);
              await w.close();
            }),
          );
        }
        await Promise.all(writes);
      }
      return performance.now() - t0;
    },
    { files: FILES, perDir: PER_DIR },
  );

  const result = await page.evaluate(async () => {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle('bench-music');
    // Baseline: list the tree (names only), the floor any scan has to pay.
    let t0 = performance.now();
    let listed = 0;
    const stack = [root];
    while (stack.length) {
      for await (const [, h] of stack.pop()!.entries()) {
        if (h.kind === 'directory') stack.push(h as FileSystemDirectoryHandle);
        else listed++;
      }
    }
    const listMs = performance.now() - t0;
    const memory = () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0;
    const heapBefore = memory();
    let peakHeap = heapBefore;
    const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, memory())), 200);
    t0 = performance.now();
    const report = await (window as any).rbassist.library.connectDirectory(root);
    const firstScanMs = performance.now() - t0;
    t0 = performance.now();
    const rescan = await (window as any).rbassist.library.rescan();
    const rescanMs = performance.now() - t0;
    clearInterval(sampler);
    return {
      listed,
      listMs,
      firstScanMs,
      rescanMs,
      added: report.added.length,
      problems: report.problems.length,
      unchanged: rescan.unchanged,
      heapBefore,
      peakHeap,
    };
  });

  const mb = (b: number) => (b / 1024 / 1024).toFixed(0);
  console.log(`\nScan benchmark: ${FILES} tiny WAV files in OPFS (generation took ${(generateMs / 1000).toFixed(1)} s)`);
  console.log(`baseline  directory listing only : ${(result.listed / (result.listMs / 1000)).toFixed(0)} files/s (${(result.listMs / 1000).toFixed(1)} s)`);
  console.log(
    `first scan (walk+diff+db+tags)   : ${(result.added / (result.firstScanMs / 1000)).toFixed(0)} files/s (${(result.firstScanMs / 1000).toFixed(1)} s) = ${(result.firstScanMs / result.listMs).toFixed(1)}× the listing time`,
  );
  console.log(
    `re-scan, nothing changed         : ${(result.unchanged / (result.rescanMs / 1000)).toFixed(0)} files/s (${(result.rescanMs / 1000).toFixed(1)} s) = ${(result.rescanMs / result.listMs).toFixed(1)}× the listing time`,
  );
  console.log(`page JS heap: ${mb(result.heapBefore)} MB before, ${mb(result.peakHeap)} MB peak during the scans; problems reported: ${result.problems}`);
} finally {
  await close();
}
