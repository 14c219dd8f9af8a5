/**
 * Interop benchmark: rekordbox XML export and import of a generated collection (default 50 000
 * tracks), against a baseline measured in the same run on the same data: JSON.stringify (for
 * export) and JSON.parse (for import). Each phase runs in its own Node process so its peak RSS
 * (process.resourceUsage().maxRSS) is its own; the inputs of the import/parse phases are written to
 * a temporary folder first, so producing them does not count as the reader's memory.
 *
 *   npm run bench:interop -- --tracks 50000 --repeat 3
 * @module
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../../src/core/hash';
import { exportRekordboxXml, readCollectionXml, type ExportCrate, type ExportTrack } from '../../src/core/interop/rekordbox';
import { keyFromIndex } from '../../src/core/music/keys';

type Phase = 'export' | 'import' | 'json-stringify' | 'json-parse';
const PHASES: Phase[] = ['json-stringify', 'export', 'json-parse', 'import'];

interface PhaseResult {
  phase: Phase;
  /** Median wall time of the repeats, ms. */
  ms: number;
  /** Output size (export/stringify) or input size (import/parse), bytes of UTF-8. */
  bytes: number;
  /** Peak RSS above the RSS after setup, MB. */
  peakAboveSetupMb: number;
  /** Peak RSS of the whole process, MB. */
  peakRssMb: number;
  /** JS heap held by the phase's result after a GC, MB (the imported collection, the XML string…). */
  resultHeapMb: number;
  check: string;
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? NaN : Number(process.argv[at + 1]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

const WORDS = [
  'Deep',
  'Night',
  'Acid',
  'Rock & Roll',
  'Sun',
  'Björk',
  'Jóga',
  'Über',
  'Ça va',
  'Dub',
  'Tokyo 夜',
  '"Live"',
  '<Edit>',
  'Warehouse',
  'Pulse',
  'Echo',
];
const EXTENSIONS = ['mp3', 'flac', 'wav', 'm4a', 'aiff'];

/** A deterministic library: same N, same tracks, on every run. */
function generateLibrary(count: number): { tracks: ExportTrack[]; crates: ExportCrate[] } {
  const random = mulberry32(0x1b5a5157);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const tracks: ExportTrack[] = [];
  for (let i = 0; i < count; i++) {
    const artist = `${pick(WORDS)} ${pick(WORDS)} ${i % 997}`;
    const title = `${pick(WORDS)} ${pick(WORDS)} (${pick(['Original Mix', 'Extended Mix', 'Dub', 'Remix'])})`;
    const bpm = 70 + Math.round(random() * 10000) / 100;
    const duration = 120 + random() * 480;
    const track: ExportTrack = {
      id: `t${i.toString(16).padStart(8, '0')}`,
      relativePath: `${pick(WORDS)}/${artist} - ${title} ${i}.${pick(EXTENSIONS)}`,
      title,
      artist,
      album: `${pick(WORDS)} LP`,
      genre: pick(['House', 'Techno', 'Drum & Bass', 'Ambient']),
      label: `${pick(WORDS)} Records`,
      comment: random() < 0.3 ? 'Purchased at Beatport' : undefined,
      sizeBytes: Math.round(duration * 40000),
      durationSec: duration,
      year: 1990 + Math.floor(random() * 35),
      bpm,
      key: keyFromIndex(Math.floor(random() * 24)),
      energy: 1 + Math.floor(random() * 10),
      dateAdded: `20${10 + Math.floor(random() * 15)}-${1 + Math.floor(random() * 12)}-${1 + Math.floor(random() * 28)}`,
      bitrateKbps: 320,
      sampleRate: 44100,
      beatGrid: { anchorSec: random() * 0.5, bpm },
    };
    if (random() < 0.3) {
      track.cues = [
        { name: 'Intro', type: 0, startSec: random() * 30, num: 0, colour: { red: 40, green: 226, blue: 20 } },
        { name: '', type: 0, startSec: 60 + random() * 60, num: -1 },
        { name: 'Loop', type: 4, startSec: 120, endSec: 120 + (60 / bpm) * 8, num: 1 },
      ];
    }
    tracks.push(track);
  }
  const crates: ExportCrate[] = [];
  for (let c = 0; c < 100; c++) {
    const trackIds = Array.from({ length: 50 }, () => tracks[Math.floor(random() * tracks.length)].id);
    crates.push({ id: `c${c}`, name: `Crate ${c % 90}`, trackIds, position: c });
  }
  return { tracks, crates };
}

const OPTIONS = { musicFolderPath: 'D:\\Music', tonality: 'rekordbox' as const, commentTemplate: '{camelot} - Energy {energy}', appVersion: 'bench' };

function exportXml(library: ReturnType<typeof generateLibrary>): string {
  const result = exportRekordboxXml(library.tracks, library.crates, OPTIONS);
  if (!result.ok) throw new Error(result.reason.message);
  return result.value.xml;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs one phase in this process (the child side). */
function runPhase(phase: Phase, count: number, repeat: number, inputDir: string): PhaseResult {
  const reads = phase === 'import' || phase === 'json-parse';
  const library = reads ? undefined : generateLibrary(count);
  const input =
    phase === 'import'
      ? readFileSync(join(inputDir, 'collection.xml'), 'utf8')
      : phase === 'json-parse'
        ? readFileSync(join(inputDir, 'library.json'), 'utf8')
        : '';
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const setupRss = process.memoryUsage().rss;
  const setupHeap = process.memoryUsage().heapUsed;
  const times: number[] = [];
  let bytes = 0;
  let check = '';
  let resultHeap = 0;
  for (let r = 0; r < repeat; r++) {
    let result: unknown;
    const start = performance.now();
    if (phase === 'export') {
      const xml = exportXml(library!);
      times.push(performance.now() - start);
      bytes = Buffer.byteLength(xml);
      check = `${(xml.match(/<TRACK TrackID=/g) ?? []).length} TRACK elements`;
      result = xml;
    } else if (phase === 'json-stringify') {
      const json = JSON.stringify(library);
      times.push(performance.now() - start);
      bytes = Buffer.byteLength(json);
      check = `${json.length} chars`;
      result = json;
    } else if (phase === 'import') {
      const read = readCollectionXml(input);
      times.push(performance.now() - start);
      if (!read.ok) throw new Error(read.reason.message);
      bytes = Buffer.byteLength(input);
      check = `${read.value.tracks.length} tracks, ${read.value.tracks.reduce((n, t) => n + t.marks.length, 0)} cues, ${read.value.playlists.length} playlists`;
      result = read;
    } else {
      const parsed = JSON.parse(input) as { tracks: unknown[] };
      times.push(performance.now() - start);
      bytes = Buffer.byteLength(input);
      check = `${parsed.tracks.length} tracks`;
      result = parsed;
    }
    gc?.();
    resultHeap = process.memoryUsage().heapUsed - setupHeap;
    if (!result) throw new Error('no result');
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  return {
    phase,
    ms: median(times),
    bytes,
    peakAboveSetupMb: Math.max(0, peakRss - setupRss) / 2 ** 20,
    peakRssMb: peakRss / 2 ** 20,
    resultHeapMb: Math.max(0, resultHeap) / 2 ** 20,
    check,
  };
}

/** Writes the inputs of the reading phases (the child side of `--prepare`). */
function prepareInputs(count: number, inputDir: string): void {
  const library = generateLibrary(count);
  writeFileSync(join(inputDir, 'collection.xml'), exportXml(library));
  writeFileSync(join(inputDir, 'library.json'), JSON.stringify(library));
}

function spawnSelf(args: string[]): string {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) throw new Error(`benchmark step ${args.join(' ')} failed:\n${child.stderr}`);
  return child.stdout;
}

function runChild(phase: Phase, count: number, repeat: number, inputDir: string): PhaseResult {
  const stdout = spawnSelf(['--child', phase, '--tracks', String(count), '--repeat', String(repeat), '--input', inputDir]);
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as PhaseResult;
}

function textFlag(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? undefined : process.argv[at + 1];
}

function main(): void {
  const count = flag('tracks', 50_000);
  const repeat = flag('repeat', 3);
  const childPhase = textFlag('child');
  const inputFlag = textFlag('input');
  if (childPhase && inputFlag) {
    console.log(JSON.stringify(runPhase(childPhase as Phase, count, repeat, inputFlag)));
    return;
  }
  const prepareDir = textFlag('prepare');
  if (prepareDir) {
    prepareInputs(count, prepareDir);
    return;
  }
  console.log(`rbassist interop benchmark: ${count} tracks, 100 crates, median of ${repeat} runs, one process per phase`);
  const inputDir = mkdtempSync(join(tmpdir(), 'rbassist-interop-bench-'));
  let results: Map<Phase, PhaseResult>;
  try {
    spawnSelf(['--prepare', inputDir, '--tracks', String(count)]);
    results = new Map(PHASES.map((phase) => [phase, runChild(phase, count, repeat, inputDir)]));
  } finally {
    rmSync(inputDir, { recursive: true, force: true });
  }
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  console.log('phase            time ms   size MB   peak RSS MB (above setup / total)   result heap MB   check');
  for (const r of results.values()) {
    console.log(
      `${r.phase.padEnd(16)} ${r.ms.toFixed(0).padStart(7)}   ${mb(r.bytes).padStart(7)}   ${r.peakAboveSetupMb.toFixed(0).padStart(6)} / ${r.peakRssMb.toFixed(0).padStart(5)}                    ${r.resultHeapMb.toFixed(0).padStart(5)}        ${r.check}`,
    );
  }
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
  const exp = results.get('export')!;
  const str = results.get('json-stringify')!;
  const imp = results.get('import')!;
  const par = results.get('json-parse')!;
  console.log(
    `export / JSON.stringify: time ×${ratio(exp.ms, str.ms)}, size ×${ratio(exp.bytes, str.bytes)}, peak memory above setup ×${ratio(exp.peakAboveSetupMb, str.peakAboveSetupMb)}`,
  );
  console.log(
    `import / JSON.parse:     time ×${ratio(imp.ms, par.ms)}, peak memory above setup ×${ratio(imp.peakAboveSetupMb, par.peakAboveSetupMb)}, result heap ×${ratio(imp.resultHeapMb, par.resultHeapMb)}`,
  );
  console.log(
    `throughput: export ${((count / exp.ms) * 1000).toFixed(0)} tracks/s, import ${((count / imp.ms) * 1000).toFixed(0)} tracks/s (${mb((imp.bytes / imp.ms) * 1000)} MB/s)`,
  );
}

main();
