import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type RbassistDb } from '../../storage/db';
import { JobQueue } from './jobQueue';

describe('JobQueue', () => {
  let db: RbassistDb;
  let queue: JobQueue;
  beforeEach(async () => {
    db = openDatabase(`jobs-${Math.random()}`);
    await db.open();
    queue = new JobQueue(db, () => 1000);
  });
  afterEach(async () => {
    db.close();
  });

  it('hands out unfinished jobs once, skipping the ones in flight', async () => {
    await queue.enqueue(['a', 'b', 'c']);
    const first = await queue.take(2, new Set());
    expect(first.map((j) => j.trackId)).toEqual(['a', 'b']);
    const next = await queue.take(5, new Set(['a', 'b']));
    expect(next.map((j) => j.trackId)).toEqual(['c']);
  });

  it('tracks stages, failures and retries, and counts them', async () => {
    await queue.enqueue(['a', 'b', 'c']);
    await queue.advance('a', 'analysed');
    await queue.advance('a', 'indexed');
    await queue.fail('b', 'Cannot decode: truncated');
    expect(await queue.counts()).toEqual({ pending: 1, done: 1, failed: 1, total: 3 });
    expect((await queue.failures())[0]).toMatchObject({ trackId: 'b', attempts: 1, error: 'Cannot decode: truncated' });
    // A job in a middle stage (e.g. after a crash) is still open and is picked up again.
    await queue.advance('c', 'analysed');
    expect((await queue.take(5, new Set())).map((j) => j.trackId)).toEqual(['c']);
    expect(await queue.retry()).toBe(1);
    expect((await queue.take(5, new Set())).map((j) => j.trackId).sort()).toEqual(['b', 'c']);
    const b = await db.jobs.get('b');
    expect(b).toMatchObject({ state: 'pending', attempts: 1 });
  });

  it('re-queuing a finished track starts it again; dropping forgets it', async () => {
    await queue.enqueue(['a']);
    await queue.advance('a', 'indexed');
    await queue.enqueue(['a']);
    expect((await queue.take(1, new Set()))[0]).toMatchObject({ trackId: 'a', state: 'pending' });
    await queue.drop(['a']);
    expect(await queue.counts()).toEqual({ pending: 0, done: 0, failed: 0, total: 0 });
  });
});
