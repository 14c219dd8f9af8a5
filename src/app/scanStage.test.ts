import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type RbassistDb } from '../storage/db';
import { FileListSource } from './musicSource';
import { dropComputed, purgeTracks, REMOVED_RETENTION_MS, scanLibrary } from './scanStage';

/** Files as an `<input webkitdirectory>` hands them over (a real MusicSource implementation). */
const folder = (names: string[], stamp = 1000) =>
  new FileListSource(names.map((name) => Object.defineProperty(new File(['x'.repeat(10)], name.split('/').pop()!, { lastModified: stamp }), 'webkitRelativePath', { value: `Music/${name}` })));

const okTags = async (files: File[]) => files.map(() => ({ ok: true as const, tags: {} }));

describe('scanLibrary', () => {
  let db: RbassistDb;
  let now = 1_000_000;
  beforeEach(async () => {
    db = openDatabase(`scan-${Math.random()}`);
    await db.open();
  });
  afterEach(() => db.close());

  const options = () => ({ readTags: okTags, now: () => now, forget: (ids: string[]) => purgeTracks(db, ids), invalidate: (ids: string[]) => dropComputed(db, ids) });
  const scan = (names: string[]) => scanLibrary(db.tracks, folder(names), options());

  it('reads tags of new files and falls back to file names', async () => {
    const report = await scan(['A - One.mp3', 'sub/B - Two.flac', 'cover.jpg', '.hidden.mp3']);
    expect(report.added).toEqual(['A - One.mp3', 'sub/B - Two.flac']);
    const tracks = await db.tracks.orderBy('relativePath').toArray();
    expect(tracks.map((t) => [t.tags.artist, t.tags.title, t.status])).toEqual([['A', 'One', 'ready'], ['B', 'Two', 'ready']]);
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
});
