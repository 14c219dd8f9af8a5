/**
 * The CLI end to end on a generated folder, each command in its own process: analyze (with broken
 * files reported per track) → a second analyze that processes nothing → similar with filters →
 * export-rekordbox (valid for the project's rekordbox reader, every track, byte-identical twice) →
 * cues (the auto-cue preview; export --cues off) →
 * import-bandcamp (idempotent) → a changed file is the only one re-analyzed.
 * @module
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCollectionXml } from '../src/core/interop/rekordbox';
import { parseMusicFolder, relativePathFromLocation } from '../src/core/interop/rekordbox/location';
import { parseKey } from '../src/core/music/keys';
import { harmonicRelation, tempoRelation } from '../src/core/recommend';
import { trackIdFromPath } from '../src/core/library/trackId';
import { generateLibrary, type GeneratedLibrary } from './test/generatedLibrary';
import { runCliProcess } from './test/runCliProcess';
import { loadFFmpegCore, runFFmpeg } from '../scripts/lib/ffmpegNode';

let root: string;
let library: GeneratedLibrary;
const state = () => join(root, '.rbassist');
const snapshot = (names: string[]) => Object.fromEntries(names.map((n) => [n, readFileSync(join(state(), n))]));
// tracks.json is left out: each scan updates the tracks' new/changed/unchanged badge.
const STATE_FILES = ['analyses.ndjson', 'jobs.ndjson', 'vectors/builtin-dsp.f32', 'vectors/builtin-dsp.rows.ndjson', 'index/builtin-dsp.hnsw'];

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'rbassist-cli-'));
  library = await generateLibrary(join(root, 'music'));
});
afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe('rbassist CLI on a generated folder', () => {
  it('analyses every readable track, reports each broken file with its reason, and goes on', async () => {
    const run = await runCliProcess(['analyze', 'music', '--workers', '2'], root);
    expect(run.stdout).toContain(`8 new, 0 changed, 0 removed`);
    expect(run.stdout).toContain(`${library.good.length + 1} to analyse, 0 up to date`);
    expect(run.stdout).toMatch(new RegExp(`Analysed ${library.good.length} of ${library.good.length + 1} tracks`));
    for (const bad of library.bad) expect(run.stderr).toMatch(new RegExp(`✗ ${bad.path}: .*${bad.reason.source}`));
    expect(run.code).toBe(3); // finished, some tracks failed

    const jobs = readFileSync(join(state(), 'jobs.ndjson'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const indexed = jobs
      .filter((j) => j.state === 'indexed')
      .map((j) => j.trackId)
      .sort();
    expect(indexed).toEqual(library.good.map(trackIdFromPath).sort());
    expect(statSync(join(state(), 'vectors/builtin-dsp.f32')).size).toBe(library.good.length * 256 * 4);
    // Nothing was written into the music folder.
    expect(() => statSync(join(root, 'music', '.rbassist'))).toThrow();
  });

  it('processes nothing on a second run over the unchanged folder', async () => {
    const before = snapshot(STATE_FILES);
    const run = await runCliProcess(['analyze', 'music'], root);
    expect(run.stdout).toContain('0 new, 0 changed, 0 removed, 8 unchanged');
    expect(run.stdout).toContain(`0 to analyse, ${library.good.length} up to date`);
    expect(run.stdout).not.toContain('Analysed');
    expect(run.stderr).toContain('failed in an earlier run and is skipped');
    expect(snapshot(STATE_FILES)).toEqual(before);
  });

  it('finds similar tracks, and keeps to the BPM range and the Camelot wheel when asked', async () => {
    const all = await runCliProcess(['similar', 'Warm Up', '-k', '5', '--json'], root);
    expect(all.code).toBe(0);
    const result = JSON.parse(all.stdout);
    expect(result.seed.path).toBe('House/Alpha - Warm Up.mp3');
    expect(result.results).toHaveLength(5);
    expect(result.results.map((r: { path: string }) => r.path)).not.toContain(result.seed.path);
    const scores = result.results.map((r: { score: number }) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Same chord (A minor) and 2 BPM apart: the closest of the folder.
    expect(result.results[0].path).toBe('House/Beta - Late Night.flac');

    const filtered = JSON.parse((await runCliProcess(['similar', 'House/Alpha - Warm Up.mp3', '--bpm-range', '±3%', '--harmonic', '--json'], root)).stdout);
    expect(filtered.results.length).toBeGreaterThan(0);
    const seedKey = parseKey(filtered.seed.key)!;
    const range = { min: filtered.seed.bpm * 0.97, max: filtered.seed.bpm * 1.03, halfDouble: true };
    for (const r of filtered.results) {
      expect(tempoRelation(r.bpm, range)).toBeDefined();
      expect(harmonicRelation(seedKey, parseKey(r.key)!, false)).toBeDefined();
    }
    expect(filtered.results.length).toBeLessThan(result.results.length);
  });

  it('exports a rekordbox collection the reader accepts, with every track, byte-identical the second time', async () => {
    const first = await runCliProcess(['export-rekordbox', 'collection.xml', '--folder-path', '/Volumes/Music'], root);
    expect(first.code).toBe(0);
    const xml = readFileSync(join(root, 'collection.xml'), 'utf8');
    const collection = readCollectionXml(xml);
    expect(collection.ok).toBe(true);
    if (!collection.ok) return;
    const folder = parseMusicFolder('/Volumes/Music');
    if (!folder.ok) throw new Error(folder.reason.message);
    const paths = collection.value.tracks.map((t) => relativePathFromLocation(t.location, folder.value)).sort();
    // Every track the library can play: the analyzed ones and the truncated one (its tags are readable).
    expect(paths).toEqual([...library.good, 'Broken/Cut Off.mp3'].sort());
    const warmUp = collection.value.tracks.find((t) => t.name === 'Warm Up' && t.location.includes('Alpha'))!;
    expect(warmUp.bpm).toBeCloseTo(122, 0);
    expect(warmUp.comments).toMatch(/^8A - Energy \d+$/);
    expect(warmUp.tempo).toHaveLength(1);
    // Auto cues (--cues auto by default): the default template's A is the first beat, on the TEMPO
    // anchor of every gridded track, whatever its format (the MP3 timeline offset moves both alike).
    const gridded = collection.value.tracks.filter((t) => t.tempo.length > 0);
    expect(gridded.map((t) => t.kind).sort()).toEqual(expect.arrayContaining(['FLAC File', 'MP3 File', 'WAV File']));
    for (const t of gridded) expect(t.marks.find((m) => m.num === 0)).toMatchObject({ name: '[rb] First beat', startSec: t.tempo[0].startSec });

    await runCliProcess(['export-rekordbox', 'again.xml', '--folder-path', '/Volumes/Music'], root);
    expect(readFileSync(join(root, 'again.xml'))).toEqual(readFileSync(join(root, 'collection.xml')));
  });

  it('previews the auto cues as a table, and export-rekordbox --cues off writes none; a bad choice is refused', async () => {
    const table = await runCliProcess(['cues', '--cue-template', 'Mix points'], root);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Auto cues (template "Mix points"');
    expect(table.stdout).toMatch(/House\/Alpha - Warm Up\.mp3\s+A\s+\[rb\] First beat\s+0:0\d\.\d{3}\s+1\n/);
    expect(table.stdout.match(/ A +\[rb\] First beat /g)).toHaveLength(library.good.length);

    expect((await runCliProcess(['export-rekordbox', 'off.xml', '--folder-path', '/Volumes/Music', '--cues', 'off'], root)).code).toBe(0);
    const off = readCollectionXml(readFileSync(join(root, 'off.xml'), 'utf8'));
    if (!off.ok) throw new Error(off.reason.message);
    expect(off.value.tracks.flatMap((t) => t.marks)).toEqual([]);

    const bad = await runCliProcess(['export-rekordbox', 'bad.xml', '--cues', 'sometimes'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--cues must be auto, keep or off, not "sometimes"');
  });

  it('imports a Bandcamp CSV once: the second import changes nothing', async () => {
    writeFileSync(
      join(root, 'bandcamp.csv'),
      'band_name,item_title,item_url,purchase_date,item_type,label\nAlpha,Warm Up,https://alpharecords.bandcamp.com/track/warm-up,2024-05-01,track,Alpha Records\nNobody,Not Here,https://x.bandcamp.com/track/n,2024-05-02,track,X\n',
    );
    const first = await runCliProcess(['import-bandcamp', 'bandcamp.csv'], root);
    expect(first.code).toBe(0);
    // The truncated copy of Warm Up carries the same tags, so the row matches both files.
    expect(first.stdout).toContain('1 rows matched 2 tracks, 1 unmatched');
    expect(first.stdout).toContain('3 tracks tagged or updated');
    expect(first.stderr).toContain('line 3: Nobody – Not Here');
    const tags = JSON.parse(readFileSync(join(state(), 'bandcamp.json'), 'utf8')).tags;
    expect(tags[trackIdFromPath('House/Alpha - Warm Up.mp3')]).toMatchObject({ label: 'Alpha Records', purchaseDate: '2024-05-01' });
    // Tagged from its "Visit http://betamusic.bandcamp.com" comment, no CSV row needed.
    expect(tags[trackIdFromPath('House/Beta - Late Night.flac')]).toMatchObject({ page: 'betamusic', evidence: ['comment'] });
    const second = await runCliProcess(['import-bandcamp', 'bandcamp.csv'], root);
    expect(second.stdout).toContain('0 tracks tagged or updated');
  });

  it('re-analyses only a file that changed', async () => {
    const changed = join(root, 'music', 'House/Gamma - Sunrise.wav');
    const later = new Date(statSync(changed).mtimeMs + 60_000);
    utimesSync(changed, later, later);
    const run = await runCliProcess(['analyze', 'music'], root);
    expect(run.stdout).toContain('0 new, 1 changed, 0 removed');
    expect(run.stdout).toContain(`1 to analyse, ${library.good.length - 1} up to date`);
    expect(run.stdout).toContain('Analysed 1 of 1 tracks');
  });

  it('a renamed file, a renamed folder and a copied-then-deleted file keep their analyses, vectors and Bandcamp tags', async () => {
    const music = join(root, 'music');
    renameSync(join(music, 'Techno'), join(music, 'Techno Archive'));
    renameSync(join(music, 'House/Alpha - Warm Up.mp3'), join(music, 'House/Alpha - Warm Up (Original Mix).mp3'));
    mkdirSync(join(music, 'Moved'));
    copyFileSync(join(music, 'House/Gamma - Sunrise.wav'), join(music, 'Moved/Gamma - Sunrise.wav'));
    const later = new Date(statSync(join(music, 'House/Gamma - Sunrise.wav')).mtimeMs + 120_000);
    utimesSync(join(music, 'Moved/Gamma - Sunrise.wav'), later, later);
    unlinkSync(join(music, 'House/Gamma - Sunrise.wav'));
    const before = snapshot(['vectors/builtin-dsp.f32']);

    const run = await runCliProcess(['analyze', 'music'], root);
    expect(run.stdout).toContain('0 new, 0 changed, 0 removed, 4 unchanged, 4 moved');
    expect(run.stdout).toContain('moved: House/Alpha - Warm Up.mp3 → House/Alpha - Warm Up (Original Mix).mp3');
    expect(run.stdout).toContain('moved: Techno/Deep/Epsilon - Tunnel.m4a → Techno Archive/Deep/Epsilon - Tunnel.m4a');
    expect(run.stdout).toContain('moved: House/Gamma - Sunrise.wav → Moved/Gamma - Sunrise.wav');
    // Nothing is analyzed or embedded again.
    expect(run.stdout).toContain(`0 to analyse, ${library.good.length} up to date`);
    expect(snapshot(['vectors/builtin-dsp.f32'])).toEqual(before);
    const tracks = JSON.parse(readFileSync(join(state(), 'tracks.json'), 'utf8')).tracks as { id: string; relativePath: string }[];
    const warmUp = tracks.find((t) => t.relativePath === 'House/Alpha - Warm Up (Original Mix).mp3')!;
    expect(warmUp.id).toBe(trackIdFromPath('House/Alpha - Warm Up.mp3'));
    expect(JSON.parse(readFileSync(join(state(), 'bandcamp.json'), 'utf8')).tags[warmUp.id]).toMatchObject({ label: 'Alpha Records' });

    const similar = JSON.parse((await runCliProcess(['similar', 'House/Alpha - Warm Up (Original Mix).mp3', '--json'], root)).stdout);
    expect(similar.seed.path).toBe('House/Alpha - Warm Up (Original Mix).mp3');
    await runCliProcess(['export-rekordbox', 'moved.xml', '--folder-path', '/Volumes/Music', '--previous', 'collection.xml'], root);
    const exported = readCollectionXml(readFileSync(join(root, 'moved.xml'), 'utf8'));
    if (!exported.ok) throw new Error(exported.reason.message);
    const locations = exported.value.tracks.map((t) => decodeURIComponent(t.location));
    expect(locations).toContain('file://localhost/Volumes/Music/Moved/Gamma - Sunrise.wav');
    expect(locations.filter((l) => l.includes('Gamma - Sunrise'))).toHaveLength(1);
  });

  it('lists exact copies and the same recording in another format, with the keeper, and lets the DJ choose another', async () => {
    const music = join(root, 'music');
    mkdirSync(join(music, 'Copies'));
    copyFileSync(join(music, 'House/Beta - Late Night.flac'), join(music, 'Copies/Beta - Late Night.flac'));
    const core = await loadFFmpegCore();
    const ogg = await runFFmpeg(
      core,
      ['-i', 'in.mp3', '-c:a', 'libvorbis', '-q:a', '5', 'out.ogg'],
      { 'in.mp3': readFileSync(join(music, 'Downtempo/Zeta – Café Ünïcode.mp3')) },
      ['out.ogg'],
    );
    writeFileSync(join(music, 'Copies/Zeta - Cafe.ogg'), ogg['out.ogg']);
    expect((await runCliProcess(['analyze', 'music'], root)).stdout).toContain('Analysed 2 of 2 tracks');

    const run = await runCliProcess(['duplicates', '--json'], root);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    const groups = report.groups.filter((g: { kind: string }) => g.kind !== 'versions');
    expect(groups.map((g: { kind: string; tracks: { path: string }[] }) => [g.kind, g.tracks.map((t) => t.path)])).toEqual([
      ['exact', ['Copies/Beta - Late Night.flac', 'House/Beta - Late Night.flac']],
      ['same-recording', ['Copies/Zeta - Cafe.ogg', 'Downtempo/Zeta – Café Ünïcode.mp3']],
    ]);
    expect(groups[0].evidence[0]).toMatchObject({ samePcm: true });
    expect(groups[1].evidence[0].fingerprint).toBeGreaterThan(0.85);
    expect(report.toRemove).toHaveLength(2);

    const kept = await runCliProcess(['duplicates', '--keep', 'House/Beta - Late Night.flac'], root);
    expect(kept.stdout).toContain('keep    House/Beta - Late Night.flac (chosen by you)');
    expect(kept.stdout).toContain('remove  Copies/Beta - Late Night.flac  [same decoded audio]');
    expect(kept.stdout).toContain('2 duplicate files could be removed (rbassist deletes nothing).');
    const wrong = await runCliProcess(['duplicates', 'extra'], root);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('duplicates takes no argument');
  });

  it('watch: a file added while watching is analysed once it settles, and Ctrl-C stops', async () => {
    const child = spawn(process.execPath, [fileURLToPath(new URL('./rbassist.mjs', import.meta.url)), 'watch', 'music'], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await expect.poll(() => stdout, { timeout: 60_000, interval: 200 }).toContain('Watching');
      expect(stdout).toContain('0 to analyse');
      copyFileSync(join(root, 'music', 'House/Alpha - Warm Up (Original Mix).mp3'), join(root, 'music', 'Copies/Alpha - Warm Up (promo).mp3'));
      await expect.poll(() => stdout, { timeout: 60_000, interval: 200 }).toContain('Analysed 1 of 1 tracks');
      expect(stdout).toMatch(/1 new, 0 changed, 0 removed/);
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).not.toBeNull();
  });

  it('a re-tagged file that moved keeps its track id and Bandcamp tag once its audio confirms the move', async () => {
    const music = join(root, 'music');
    const oldPath = 'House/Alpha - Warm Up (Original Mix).mp3';
    const newPath = 'Retagged/Alpha - Warm Up.mp3';
    // Other tags, so other bytes (size and head differ): the scan alone sees a new file and a removed one.
    const core = await loadFFmpegCore();
    const retagged = await runFFmpeg(
      core,
      ['-i', 'in.mp3', '-map', '0:a', '-c', 'copy', '-map_metadata', '-1', '-metadata', 'title=Warm Up (DJ edit tag)', 'out.mp3'],
      { 'in.mp3': readFileSync(join(music, oldPath)) },
      ['out.mp3'],
    );
    mkdirSync(join(music, 'Retagged'));
    writeFileSync(join(music, newPath), retagged['out.mp3']);
    unlinkSync(join(music, oldPath));

    const run = await runCliProcess(['analyze', 'music'], root);
    expect(run.stdout).toContain('1 new, 0 changed, 1 removed');
    expect(run.stdout).toContain(`moved (re-tagged; same audio): ${oldPath} → ${newPath}`);
    const tracks = JSON.parse(readFileSync(join(state(), 'tracks.json'), 'utf8')).tracks as { id: string; relativePath: string; status: string }[];
    const moved = tracks.find((t) => t.relativePath === newPath)!;
    expect(moved.id).toBe(trackIdFromPath('House/Alpha - Warm Up.mp3'));
    expect(moved.status).not.toBe('removed');
    expect(tracks.filter((t) => t.id === trackIdFromPath(newPath))).toEqual([]);
    expect(JSON.parse(readFileSync(join(state(), 'bandcamp.json'), 'utf8')).tags[moved.id]).toMatchObject({ label: 'Alpha Records' });
    // Its vector is the new file's, found under the track it continues.
    const similar = JSON.parse((await runCliProcess(['similar', newPath, '--json'], root)).stdout);
    expect(similar.seed.path).toBe(newPath);
    // The next run has nothing to do.
    expect((await runCliProcess(['analyze', 'music'], root)).stdout).toContain('0 to analyse');
  });

  it('says clearly what is wrong with a bad command line or folder', async () => {
    const missing = await runCliProcess(['analyze', 'no-such-folder'], root);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Cannot open the music folder ${join(root, 'no-such-folder')}: it does not exist.`);
    const unknown = await runCliProcess(['similar', 'Warm Up', '--bpm', '5'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--bpm'/);
    const badRange = await runCliProcess(['similar', 'Warm Up', '--bpm-range', 'fast'], root);
    expect(badRange.stderr).toContain('--bpm-range takes a percentage like ±6%');
  });
});
