/**
 * Interop benchmark: rekordbox XML export and import of a generated collection (default 50 000
 * tracks), against a baseline measured in the same run on the same data: JSON.stringify (for
 * export) and JSON.parse (for import). Each phase runs in its own Node process so its peak RSS
 * (process.resourceUsage().maxRSS) is its own.
 *
 *   npm run bench:interop -- --tracks 50000 --repeat 3
 */
import { spawnSync } from 'node:child_process';
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
  check: string;
}

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? NaN : Number(process.argv[at + 1]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

const WORDS = ['Deep', 'Night', 'Acid', 'Rock & Roll', 'Sun', 'Björk', 'Jóga', 'Über', 'Ça va', 'Dub', 'Tokyo 夜', '"Live"', '<Edit>', 'Warehouse', 'Pulse', 'Echo'];
const EXTENSIONS = ['mp3', 'flac', 'wav', 'm4a', 'aiff'];

/** A deterministic library: same N, same tracks, on every run. */
function generateLibrary(count: number): { tracks: ExportTrack[]; crates: ExportCrate[] } {
  const random = mulberry32(0x1b5a5157);
  const pick = <T,>(list: readonly T[]) => list[Math.floor(random() * list.length)];
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
  if (!result.ok) throw new Error(result.problem.message);
  return result.value.xml;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Runs one phase in this process (the child side). */
function runPhase(phase: Phase, count: number, repeat: number): PhaseResult {
  const library = generateLibrary(count);
  const input = phase === 'import' ? exportXml(library) : phase === 'json-parse' ? JSON.stringify(library) : '';
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const setupRss = process.memoryUsage().rss;
  const times: number[] = [];
  let bytes = 0;
  let check = '';
  for (let r = 0; r < repeat; r++) {
    const start = performance.now();
    if (phase === 'export') {
      const xml = exportXml(library);
      times.push(performance.now() - start);
      bytes = Buffer.byteLength(xml);
      check = `${(xml.match(/<TRACK TrackID=/g) ?? []).length} TRACK elements`;
    } else if (phase === 'json-stringify') {
      const json = JSON.stringify(library);
      times.push(performance.now() - start);
      bytes = Buffer.byteLength(json);
      check = `${json.length} chars`;
    } else if (phase === 'import') {
      const result = readCollectionXml(input);
      times.push(performance.now() - start);
      if (!result.ok) throw new Error(result.problem.message);
      bytes = Buffer.byteLength(input);
      check = `${result.value.tracks.length} tracks, ${result.value.tracks.reduce((n, t) => n + t.marks.length, 0)} cues, ${result.value.playlists.length} playlists`;
    } else {
      const parsed = JSON.parse(input) as { tracks: unknown[] };
      times.push(performance.now() - start);
      bytes = Buffer.byteLength(input);
      check = `${parsed.tracks.length} tracks`;
    }
    gc?.();
  }
  const peakRss = process.resourceUsage().maxRSS * 1024;
  return {
    phase,
    ms: median(times),
    bytes,
    peakAboveSetupMb: Math.max(0, peakRss - setupRss) / 2 ** 20,
    peakRssMb: peakRss / 2 ** 20,
    check,
  };
}

function runChild(phase: Phase, count: number, repeat: number): PhaseResult {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', script, '--child', phase, '--tracks', String(count), '--repeat', String(repeat)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`phase ${phase} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1)!) as PhaseResult;
}

function main(): void {
  const count = flag('tracks', 50_000);
  const repeat = flag('repeat', 3);
  const childAt = process.argv.indexOf('--child');
  if (childAt !== -1) {
    console.log(JSON.stringify(runPhase(process.argv[childAt + 1] as Phase, count, repeat)));
    return;
  }
  console.log(`rbassist interop benchmark: ${count} tracks, 100 crates, median of ${repeat} runs, one process per phase`);
  const results = new Map(PHASES.map((phase) => [phase, runChild(phase, count, repeat)]));
  const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
  console.log('phase            time ms   size MB   peak RSS MB (above setup / total)   check');
  for (const r of results.values()) {
    console.log(
      `${r.phase.padEnd(16)} ${r.ms.toFixed(0).padStart(7)}   ${mb(r.bytes).padStart(7)}   ${r.peakAboveSetupMb.toFixed(0).padStart(6)} / ${r.peakRssMb.toFixed(0).padStart(5)}                    ${r.check}`,
    );
  }
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : 'n/a');
  const exp = results.get('export')!;
  const str = results.get('json-stringify')!;
  const imp = results.get('import')!;
  const par = results.get('json-parse')!;
  console.log(`export / JSON.stringify: time ×${ratio(exp.ms, str.ms)}, size ×${ratio(exp.bytes, str.bytes)}, peak memory above setup ×${ratio(exp.peakAboveSetupMb, str.peakAboveSetupMb)}`);
  console.log(`import / JSON.parse:     time ×${ratio(imp.ms, par.ms)}, peak memory above setup ×${ratio(imp.peakAboveSetupMb, par.peakAboveSetupMb)}`);
  console.log(`throughput: export ${((count / exp.ms) * 1000).toFixed(0)} tracks/s, import ${((count / imp.ms) * 1000).toFixed(0)} tracks/s (${mb((imp.bytes / imp.ms) * 1000)} MB/s)`);
}

main();
