import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type RbassistDb, type TrackRecord } from '../../storage/db';
import { Store } from '../store';
import type { TrackView } from '../../core/library/trackView';
import { crateToM3u8, crateToRekordbox, ExportRefusedError, safeFileName } from './crateExport';
import { CrateService } from './crateService';

function view(id: string, patch: { bpm?: number; energy?: number; genre?: string; vector?: boolean } = {}): TrackView {
  const track: TrackRecord = {
    id,
    relativePath: `Music/${id}.mp3`,
    fileName: `${id}.mp3`,
    size: 1000,
    lastModified: 1,
    dateAdded: '2024-05-01',
    status: 'ready',
    scanState: 'new',
    tags: { title: `Title ${id}`, artist: 'Artist', genre: patch.genre, durationSec: 200 },
  };
  return {
    track,
    versions: {},
    bpm:
      patch.bpm === undefined
        ? undefined
        : ({ bpm: patch.bpm, confidence: 1, firstBeatSec: 0.1, anchorSec: 0.1, stability: 1, octaves: [] } as unknown as TrackView['bpm']),
    energy: patch.energy === undefined ? undefined : ({ energy: patch.energy } as TrackView['energy']),
    vectorRow: patch.vector ? 0 : undefined,
  };
}

describe('CrateService', () => {
  let db: RbassistDb;
  let library: Store<{ tracks: TrackView[] }>;
  let service: CrateService;
  let scores: Map<string, number>;

  beforeEach(async () => {
    db = openDatabase(`crates-${Math.random()}`);
    await db.open();
    library = new Store({
      tracks: [
        view('a', { bpm: 124, energy: 7, genre: 'House', vector: true }),
        view('b', { bpm: 128, energy: 5, genre: 'Techno', vector: true }),
        view('c', { genre: 'House' }),
      ],
    });
    scores = new Map([
      ['b', 0.9],
      ['c', 0.2],
    ]);
    service = new CrateService(
      db,
      { tracks: () => library.get().tracks, view: (id) => library.get().tracks.find((v) => v.track.id === id), subscribe: library.subscribe },
      {
        preference: () => 'analysed',
        similarity: async (seed) => {
          if (seed !== 'a') throw new Error('"x" has no vector yet');
          return scores;
        },
        trackName: (id) => `Title ${id}`,
        now: () => Date.parse('2024-05-10T12:00:00Z'),
        debounceMs: 5,
      },
    );
    await service.load();
  });
  afterEach(() => db.close());

  it('creates, renames, reorders and deletes crates, and keeps them in IndexedDB', async () => {
    const one = await service.create('Warm-up');
    const two = await service.create('Warm-up');
    const three = await service.create('Peak');
    expect(service.store.get().crates.map((c) => c.name)).toEqual(['Warm-up', 'Warm-up 2', 'Peak']);
    await service.rename(two, '  Closing   set ');
    await expect(service.rename(three, 'warm-up')).rejects.toThrow('There is already a crate called "warm-up"');
    await expect(service.rename(three, '   ')).rejects.toThrow('A crate needs a name');
    await service.move(three, 0);
    expect(service.store.get().crates.map((c) => c.name)).toEqual(['Peak', 'Warm-up', 'Closing set']);
    await service.remove(one);
    const stored = await db.crates.orderBy('position').toArray();
    expect(stored.map((c) => [c.name, c.position])).toEqual([
      ['Peak', 0],
      ['Closing set', 1],
    ]);
  });

  it('adds tracks once, in order, removes and reorders them', async () => {
    const id = await service.create('Set');
    expect(await service.addTracks(id, ['b', 'a', 'b'])).toBe(2);
    expect(await service.addTracks(id, ['a', 'c'])).toBe(1);
    expect(service.trackIdsOf(id)).toEqual(['b', 'a', 'c']);
    await service.moveTrack(id, 2, 0);
    expect(service.trackIdsOf(id)).toEqual(['c', 'b', 'a']);
    await service.removeTracks(id, ['b']);
    expect((await db.crates.get(id))!.trackIds).toEqual(['c', 'a']);
  });

  it('edits started together (quick clicks) all land, each on the state the previous one left', async () => {
    const id = await service.create('Set');
    const other = await service.create('Other');
    // Not awaited one by one: each reads the crates before the previous write has finished.
    const failedRename = service.rename(other, 'set');
    await Promise.all([
      service.addTracks(id, ['a']),
      service.addTracks(id, ['b']),
      service.addToTarget(['c']),
      service.move(other, 0),
      service.addTracks(id, ['c']),
    ]);
    await expect(failedRename).rejects.toThrow('There is already a crate called "set"');
    const target = service.store.get().target!;
    expect(service.trackIdsOf(id)).toEqual(['a', 'b', 'c']);
    expect(service.trackIdsOf(target)).toEqual(['c']);
    const stored = await db.crates.orderBy('position').toArray();
    expect(stored.map((c) => [c.name, c.trackIds])).toEqual([
      ['Other', []],
      ['Set', ['a', 'b', 'c']],
      ['New crate', ['c']],
    ]);
  });

  it('smart crates fill from their rules and follow library changes', async () => {
    const id = await service.createSmart('House 120s', {
      version: 1,
      match: 'all',
      conditions: [
        { kind: 'bpm', min: 120, max: 126 },
        { kind: 'text', field: 'genre', contains: 'house' },
      ],
    });
    expect(service.trackIdsOf(id)).toEqual(['a']);
    expect(service.summary(service.get(id)!)).toBe('BPM 120–126 and genre contains "house"');
    await expect(service.addTracks(id, ['b'])).rejects.toThrow(/smart crate/);
    // Track c gets analyzed: it joins without anyone asking.
    const evaluations = service.store.get().evaluations;
    library.set({ tracks: library.get().tracks.map((v) => (v.track.id === 'c' ? view('c', { bpm: 122, genre: 'Deep House', vector: true }) : v)) });
    await expect.poll(() => service.store.get().evaluations).toBeGreaterThan(evaluations);
    expect(service.trackIdsOf(id)).toEqual(['a', 'c']);
  });

  it('similar-to rules use the scores; a seed without a vector is reported', async () => {
    const id = await service.createSmart('Like A', { version: 1, match: 'all', conditions: [{ kind: 'similarTo', trackId: 'a', minScore: 0.5 }] });
    expect(service.trackIdsOf(id)).toEqual(['a', 'b']);
    const broken = await service.createSmart('Like X', { version: 1, match: 'all', conditions: [{ kind: 'similarTo', trackId: 'x', minScore: 0.5 }] });
    expect(service.trackIdsOf(broken)).toEqual([]);
    expect(service.store.get().problems[broken]).toBe('"x" has no vector yet');
    await expect(service.createSmart('Bad', { version: 1, match: 'all', conditions: [{ kind: 'energy', min: 9, max: 2 }] })).rejects.toThrow(
      'Energy: the range 9–2 is empty',
    );
  });
});

describe('crate export', () => {
  const rows = new Map(['a', 'b'].map((id) => [id, view(id, { bpm: 124, energy: 6 })]));
  const crate = { id: 'c1', name: 'Friday: peak/time?', position: 0, trackIds: ['a', 'gone', 'b'] };

  it('writes an M3U8 of the crate in order and notes what was left out', () => {
    const file = crateToM3u8(crate, (id) => rows.get(id), '');
    expect(file.fileName).toBe('Friday peak time.m3u8');
    expect(file.text).toBe('#EXTM3U\n#EXTINF:200,Artist - Title a\nMusic/a.mp3\n#EXTINF:200,Artist - Title b\nMusic/b.mp3\n');
    expect(file.warnings[0]).toBe('1 track is no longer in the library and was left out');
    const absolute = crateToM3u8(crate, (id) => rows.get(id), 'D:\\DJ');
    expect(absolute.text).toContain('D:\\DJ\\Music\\a.mp3');
  });

  it('leaves duplicates out of both files when the DJ asked for it, and says so', () => {
    const withDuplicates = { ...crate, leaveOut: new Set(['b']) };
    const m3u8 = crateToM3u8(withDuplicates, (id) => rows.get(id), '');
    expect(m3u8.text).toBe('#EXTM3U\n#EXTINF:200,Artist - Title a\nMusic/a.mp3\n');
    expect(m3u8.warnings).toContain('1 duplicate was left out (Duplicates view: “Leave duplicates out of exports”)');
    const xml = crateToRekordbox(withDuplicates, (id) => rows.get(id), {
      musicFolderPath: '/Volumes/Music',
      commentTemplate: '',
      tonality: 'camelot',
      appVersion: '0.1.0',
      exportTrack: (v: TrackView) => ({ id: v.track.id, relativePath: v.track.relativePath, title: v.track.tags.title, bpm: 124 }),
    });
    expect(xml.text).toContain('Entries="1"');
    expect(xml.text).not.toContain('Music/b.mp3');
    expect(xml.warnings[1]).toMatch(/^1 duplicate was left out/);
  });

  it('writes a rekordbox playlist, and refuses clearly without the music folder path', () => {
    const settings = {
      musicFolderPath: '',
      commentTemplate: '',
      tonality: 'camelot' as const,
      appVersion: '0.1.0',
      exportTrack: (v: TrackView) => ({ id: v.track.id, relativePath: v.track.relativePath, title: v.track.tags.title, bpm: 124 }),
    };
    expect(() => crateToRekordbox(crate, (id) => rows.get(id), settings)).toThrow(ExportRefusedError);
    expect(() => crateToRekordbox(crate, (id) => rows.get(id), settings)).toThrow(/Set the music folder path in Settings first/);
    const file = crateToRekordbox(crate, (id) => rows.get(id), { ...settings, musicFolderPath: '/Volumes/Music' });
    expect(file.text).toContain('<NODE Name="Friday: peak/time?" Type="1" KeyType="0" Entries="2">');
    expect(file.text).toContain('Location="file://localhost/Volumes/Music/Music/a.mp3"');
    expect(file.text).toBe(crateToRekordbox(crate, (id) => rows.get(id), { ...settings, musicFolderPath: '/Volumes/Music' }).text);
    expect(safeFileName('..')).toBe('crate');
  });
});
