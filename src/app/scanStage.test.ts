import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type RbassistDb } from '../storage/db';
import { FileListSource } from './musicSource';
import { REMOVED_RETENTION_MS, scanLibrary } from '../core/library/scanLibrary';
import { dropComputed, purgeTracks } from './scanStage';

/** Files as an `<input webkitdirectory>` hands them over (a real MusicSource implementation). */
const folder = (names: string[], stamp = 1000) =>
  new FileListSource(
    names.map((name) =>
      Object.defineProperty(new File(['x'.repeat(10)], name.split('/').pop()!, { lastModified: stamp }), 'webkitRelativePath', { value: `Music/${name}` }),
    ),
  );

const okTags = async (files: File[]) => files.map(() => ({ ok: true as const, value: {} }));

describe('scanLibrary', () => {
  let db: RbassistDb;
  let now = 1_000_000;
  beforeEach(async () => {
    db = openDatabase(`scan-${Math.random()}`);
    await db.open();
  });
  afterEach(() => db.close());

  const options = () => ({
    readTags: okTags,
    now: () => now,
    forget: (ids: string[]) => purgeTracks(db, ids),
    invalidate: (ids: string[]) => dropComputed(db, ids),
  });
  const scan = (names: string[]) => scanLibrary(db.tracks, folder(names), options());

  it('reads tags of new files and falls back to file names', async () => {
    const report = await scan(['A - One.mp3', 'sub/B - Two.flac', 'cover.jpg', '.hidden.mp3']);
    expect(report.added).toEqual(['A - One.mp3', 'sub/B - Two.flac']);
    const tracks = await db.tracks.orderBy('relativePath').toArray();
    expect(tracks.map((t) => [t.tags.artist, t.tags.title, t.status])).toEqual([
      ['A', 'One', 'ready'],
      ['B', 'Two', 'ready'],
    ]);
  });

  it('an empty or unplugged folder removes nothing', async () => {
    await scan(['A - One.mp3', 'B - Two.mp3']);
    const report = await scan([]);
    expect(report.removed).toEqual([]);
    expect(report.stoppedEarly).toMatch(/looks empty or offline/);
    expect(await db.tracks.where('status').equals('removed').count()).toBe(0);
  });

  it('keeps removed tracks for 30 days, then forgets them and their data', async () => {
    await scan(['A - One.mp3', 'B - Two.mp3']);
    const gone = (await db.tracks.where('relativePath').equals('B - Two.mp3').first())!;
    await db.analyses.put({ trackId: gone.id, analyzerId: 'bpm', version: 1, result: { analyzerId: 'bpm', version: 1 }, at: now });
    expect((await scan(['A - One.mp3'])).removed).toEqual(['B - Two.mp3']);
    expect((await db.tracks.get(gone.id))?.status).toBe('removed');
    now += REMOVED_RETENTION_MS - 1;
    await scan(['A - One.mp3']);
    expect(await db.tracks.get(gone.id)).toBeDefined();
    now += 2;
    await scan(['A - One.mp3']);
    expect(await db.tracks.get(gone.id)).toBeUndefined();
    expect(await db.analyses.where('trackId').equals(gone.id).count()).toBe(0);
  });

  it('forgets cached windows and analyses of a changed file', async () => {
    await scan(['A - One.mp3']);
    const track = (await db.tracks.toCollection().first())!;
    await db.analyses.put({ trackId: track.id, analyzerId: 'key', version: 1, result: { analyzerId: 'key', version: 1 }, at: now });
    await db.windows.put({ trackId: track.id, cacheKey: 'k', windows: [], durationSec: 1, at: now });
    const report = await scanLibrary(db.tracks, folder(['A - One.mp3'], 2000), options());
    expect(report.changed).toEqual(['A - One.mp3']);
    expect(await db.analyses.where('trackId').equals(track.id).count()).toBe(0);
    expect(await db.windows.get(track.id)).toBeUndefined();
  });

  it('a track that comes back keeps its date added', async () => {
    await scan(['A - One.mp3', 'B - Two.mp3']);
    const first = (await db.tracks.where('relativePath').equals('B - Two.mp3').first())!;
    now += 5 * 24 * 3600 * 1000;
    await scan(['A - One.mp3']);
    const back = await scan(['A - One.mp3', 'B - Two.mp3']);
    expect(back.added).toEqual(['B - Two.mp3']);
    expect((await db.tracks.get(first.id))?.dateAdded).toBe(first.dateAdded);
  });

  describe('moves and renames', () => {
    /** Files with their own bytes (a move is recognised by content, so each file needs distinct content). */
    const files = (entries: Record<string, string>, stamp = 1000) =>
      new FileListSource(
        Object.entries(entries).map(([name, body]) =>
          Object.defineProperty(new File([body.repeat(5000)], name.split('/').pop()!, { lastModified: stamp }), 'webkitRelativePath', {
            value: `Music/${name}`,
          }),
        ),
      );
    const scanFiles = (entries: Record<string, string>, stamp?: number) => scanLibrary(db.tracks, files(entries, stamp), options());

    it('a renamed file keeps its id and everything keyed by it', async () => {
      await scanFiles({ 'A - One.mp3': 'one', 'B - Two.mp3': 'two' });
      const one = (await db.tracks.where('relativePath').equals('A - One.mp3').first())!;
      await db.analyses.put({ trackId: one.id, analyzerId: 'bpm', version: 1, result: { analyzerId: 'bpm', version: 1 }, at: now });
      await db.tracks.update(one.id, { bandcamp: { label: 'Label' } as never });
      const report = await scanFiles({ 'Renamed One.mp3': 'one', 'B - Two.mp3': 'two' });
      expect(report.added).toEqual([]);
      expect(report.removed).toEqual([]);
      expect(report.moved.map(({ id, from, to }) => ({ id, from, to }))).toEqual([{ id: one.id, from: 'A - One.mp3', to: 'Renamed One.mp3' }]);
      const moved = (await db.tracks.get(one.id))!;
      expect(moved).toMatchObject({
        relativePath: 'Renamed One.mp3',
        fileName: 'Renamed One.mp3',
        scanState: 'moved',
        status: 'ready',
        formerPaths: ['A - One.mp3'],
        bandcamp: { label: 'Label' },
      });
      expect(await db.analyses.where('trackId').equals(one.id).count()).toBe(1);
      expect(await db.tracks.count()).toBe(2);
      // The next scan sees the moved track as unchanged at its new path.
      const again = await scanFiles({ 'Renamed One.mp3': 'one', 'B - Two.mp3': 'two' });
      expect([again.added, again.removed, again.moved, again.unchanged]).toEqual([[], [], [], 2]);
      expect((await db.tracks.get(one.id))!.scanState).toBe('unchanged');
    });

    it('a whole folder renamed, and files moved between subfolders', async () => {
      await scanFiles({ 'House/a.mp3': 'a', 'House/b.mp3': 'b', 'Techno/c.mp3': 'c' });
      const ids = new Map((await db.tracks.toArray()).map((t) => [t.relativePath, t.id]));
      const report = await scanFiles({ 'Deep House/a.mp3': 'a', 'Deep House/b.mp3': 'b', 'House/c.mp3': 'c' });
      expect(report.moved.map((m) => [m.from, m.to, m.id])).toEqual([
        ['House/a.mp3', 'Deep House/a.mp3', ids.get('House/a.mp3')],
        ['House/b.mp3', 'Deep House/b.mp3', ids.get('House/b.mp3')],
        ['Techno/c.mp3', 'House/c.mp3', ids.get('Techno/c.mp3')],
      ]);
      expect([report.added, report.removed]).toEqual([[], []]);
      // A new file at a path a moved track once had gets an id of its own.
      const later = await scanFiles({ 'Deep House/a.mp3': 'a', 'Deep House/b.mp3': 'b', 'House/c.mp3': 'c', 'House/a.mp3': 'new' });
      expect(later.added).toEqual(['House/a.mp3']);
      expect(new Set((await db.tracks.toArray()).map((t) => t.id)).size).toBe(4);
      expect(later.ids.added[0]).not.toBe(ids.get('House/a.mp3'));
    });

    it('a file whose bytes changed while it moved is removed + new, and a track removed earlier is found again', async () => {
      await scanFiles({ 'a.mp3': 'a', 'b.mp3': 'b' });
      const b = (await db.tracks.where('relativePath').equals('b.mp3').first())!;
      const edited = await scanFiles({ 'a2.mp3': 'A', 'b.mp3': 'b' });
      expect([edited.added, edited.removed, edited.moved]).toEqual([['a2.mp3'], ['a.mp3'], []]);
      await scanFiles({ 'a2.mp3': 'A' });
      expect((await db.tracks.get(b.id))!.status).toBe('removed');
      const back = await scanFiles({ 'a2.mp3': 'A', 'Archive/b.mp3': 'b' }, 5000);
      expect(back.moved.map((m) => [m.id, m.to, m.before.lastModified, m.after.lastModified])).toEqual([[b.id, 'Archive/b.mp3', 1000, 5000]]);
      expect((await db.tracks.get(b.id))!).toMatchObject({ status: 'ready', relativePath: 'Archive/b.mp3', lastModified: 5000 });
    });

    it('byte-identical copies that move together pair by file name', async () => {
      await scanFiles({ 'x/copy.mp3': 'same', 'x/other.mp3': 'same' });
      const ids = new Map((await db.tracks.toArray()).map((t) => [t.relativePath, t.id]));
      const report = await scanFiles({ 'y/copy.mp3': 'same', 'y/other.mp3': 'same' });
      expect(report.moved.map((m) => [m.from, m.to, m.id])).toEqual([
        ['x/copy.mp3', 'y/copy.mp3', ids.get('x/copy.mp3')],
        ['x/other.mp3', 'y/other.mp3', ids.get('x/other.mp3')],
      ]);
    });
  });
});
