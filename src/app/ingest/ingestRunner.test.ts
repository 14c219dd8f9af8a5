import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type JobRecord, type RbassistDb } from '../../storage/db';
import { FolderAccessLostError } from '../musicSource';
import { IngestRunner, TrackFailedError, type TrackProcessor } from './ingestRunner';
import { JobQueue } from './jobQueue';

/** A processor scripted per track id: how long it takes and how it ends. */
class ScriptedProcessor implements TrackProcessor {
  processed: string[] = [];
  inFlight = 0;
  maxInFlight = 0;
  constructor(
    private readonly db: RbassistDb,
    private readonly outcome: (id: string) => 'ok' | Error = () => 'ok',
    private readonly delayMs = 2,
  ) {}
  async process(job: JobRecord, signal: AbortSignal, onStage: (s: string) => void): Promise<void> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      onStage('decoding');
      await new Promise((r) => setTimeout(r, this.delayMs));
      signal.throwIfAborted();
      const outcome = this.outcome(job.trackId);
      if (outcome !== 'ok') throw outcome;
      await this.db.jobs.update(job.trackId, { state: 'indexed' });
      this.processed.push(job.trackId);
    } finally {
      this.inFlight--;
    }
  }
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `t${String(i).padStart(3, '0')}`);

describe('IngestRunner', () => {
  let db: RbassistDb;
  let queue: JobQueue;
  beforeEach(async () => {
    db = openDatabase(`ingest-${Math.random()}`);
    await db.open();
    queue = new JobQueue(db);
  });
  afterEach(() => db.close());

  it('processes every queued track exactly once with bounded concurrency', async () => {
    await queue.enqueue(ids(40));
    const processor = new ScriptedProcessor(db);
    const runner = new IngestRunner(queue, processor, { concurrency: 3 });
    await runner.start();
    expect(processor.processed.sort()).toEqual(ids(40));
    expect(processor.maxInFlight).toBeLessThanOrEqual(3);
    expect(processor.maxInFlight).toBeGreaterThan(1);
    expect(runner.progress.get()).toMatchObject({ status: 'idle', done: 40, failed: 0, total: 40, active: [] });
  });

  it('marks a failing track with its reason and carries on', async () => {
    await queue.enqueue(ids(10));
    const processor = new ScriptedProcessor(db, (id) => (id === 't003' ? new TrackFailedError('Cannot decode: truncated') : 'ok'));
    const runner = new IngestRunner(queue, processor, { concurrency: 2 });
    await runner.start();
    expect(processor.processed).toHaveLength(9);
    expect(await queue.failures()).toMatchObject([{ trackId: 't003', error: 'Cannot decode: truncated', attempts: 1 }]);
    expect(runner.progress.get()).toMatchObject({ done: 9, failed: 1 });
  });

  it('stops cleanly when the folder becomes unreadable, leaving the rest queued', async () => {
    await queue.enqueue(ids(20));
    const processor = new ScriptedProcessor(db, (id) => (id === 't005' ? new FolderAccessLostError('Music', new DOMException('x', 'NotAllowedError')) : 'ok'));
    const runner = new IngestRunner(queue, processor, { concurrency: 1 });
    await runner.start();
    expect(processor.processed).toEqual(ids(5));
    expect(runner.progress.get().message).toMatch(/Access to "Music" was lost/);
    expect((await queue.counts()).pending).toBe(15);
    // Resuming later picks up exactly where it stopped; nothing is processed twice.
    const again = new ScriptedProcessor(db);
    await new IngestRunner(queue, again, { concurrency: 2 }).start();
    expect(again.processed.sort()).toEqual(ids(20).slice(5));
  });

  it('stops on a full disk with a message, and cancel keeps in-flight tracks queued', async () => {
    await queue.enqueue(ids(6));
    const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    const runner = new IngestRunner(queue, new ScriptedProcessor(db, (id) => (id === 't002' ? quota : 'ok')), { concurrency: 1 });
    await runner.start();
    expect(runner.progress.get().message).toMatch(/Storage is full/);
    expect((await queue.counts()).pending).toBe(4);

    const slow = new ScriptedProcessor(db, () => 'ok', 50);
    const cancelled = new IngestRunner(queue, slow, { concurrency: 2 });
    const running = cancelled.start();
    await new Promise((r) => setTimeout(r, 20));
    cancelled.cancel();
    await running;
    expect(slow.processed).toEqual([]);
    expect((await queue.counts()).pending).toBe(4);
  });
});

const STAGES = ['reading', 'decoding + analysing', 'embedding', 'indexing'] as const;

/**
 * A processor that holds tracks at one chosen stage until the test releases them, so the test acts
 * (pause, resume, stop) at a known stage instead of after a guessed delay.
 */
class SteppedProcessor implements TrackProcessor {
  processed: string[] = [];
  held: Array<{ trackId: string; stage: string; release: () => void }> = [];
  /** The stage at which tracks wait; null lets every track run through. */
  holdAt: string | null = null;
  private readonly listeners = new Set<() => void>();
  constructor(private readonly db: RbassistDb) {}

  async process(job: JobRecord, signal: AbortSignal, onStage: (s: string) => void): Promise<void> {
    for (const stage of STAGES) {
      onStage(stage);
      if (stage === this.holdAt) {
        await new Promise<void>((resolve, reject) => {
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          this.held.push({ trackId: job.trackId, stage, release: resolve });
          this.changed();
        });
      }
      signal.throwIfAborted();
    }
    await this.db.jobs.update(job.trackId, { state: 'indexed' });
    this.processed.push(job.trackId);
    this.changed();
  }

  /** Lets every held and future track run through. */
  flow(): void {
    this.holdAt = null;
    const held = this.held;
    this.held = [];
    for (const h of held) h.release();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}

/** Resolves when `check` holds, re-checked on every change of the runner or the processor. */
function until(runner: IngestRunner, processor: SteppedProcessor, check: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const offs: Array<() => void> = [];
    const test = () => {
      if (!check()) return;
      for (const off of offs) off();
      resolve();
    };
    offs.push(runner.progress.subscribe(test), processor.subscribe(test));
    test();
  });
}

describe('IngestRunner pause / resume / stop', () => {
  let db: RbassistDb;
  let queue: JobQueue;
  beforeEach(async () => {
    db = openDatabase(`ingest-pause-${Math.random()}`);
    await db.open();
    queue = new JobQueue(db);
  });
  afterEach(() => db.close());

  const TRACKS = 12;
  async function startHeldAt(stage: string, workers: number) {
    await queue.enqueue(ids(TRACKS));
    const processor = new SteppedProcessor(db);
    processor.holdAt = stage;
    const runner = new IngestRunner(queue, processor, { concurrency: workers });
    const running = runner.start();
    await until(runner, processor, () => processor.held.length === workers);
    return { processor, runner, running };
  }

  for (const workers of [1, 2, 4]) {
    for (const stage of STAGES) {
      it(`${workers} worker(s): paused at "${stage}" until the tracks in flight finish, Resume brings every slot back and ends`, async () => {
        const { processor, runner, running } = await startHeldAt(stage, workers);
        runner.pause();
        // The tracks in flight finish while paused; every slot then waits for Resume.
        processor.flow();
        await until(runner, processor, () => runner.progress.get().active.length === 0 && processor.processed.length === workers);
        expect(runner.progress.get().status).toBe('paused');

        processor.holdAt = 'reading';
        runner.resume();
        // All slots come back, not just one.
        await until(runner, processor, () => processor.held.length === workers);
        expect(runner.progress.get().active).toHaveLength(workers);
        processor.flow();
        await running;
        expect(processor.processed.sort()).toEqual(ids(TRACKS));
        expect(runner.progress.get()).toMatchObject({ status: 'idle', done: TRACKS, total: TRACKS, active: [] });
      });

      it(`${workers} worker(s): Stop while paused at "${stage}" ends the run and keeps unfinished tracks queued`, async () => {
        const { processor, runner, running } = await startHeldAt(stage, workers);
        runner.pause();
        processor.flow();
        await until(runner, processor, () => runner.progress.get().active.length === 0 && processor.processed.length === workers);
        runner.cancel();
        await running;
        expect(runner.progress.get().status).toBe('idle');
        expect((await queue.counts()).pending).toBe(TRACKS - workers);
      });

      it(`${workers} worker(s): Stop at "${stage}" after Pause abandons the tracks in flight, which stay queued`, async () => {
        const { processor, runner, running } = await startHeldAt(stage, workers);
        runner.pause();
        runner.cancel();
        await running;
        expect(processor.processed).toEqual([]);
        expect(runner.progress.get()).toMatchObject({ status: 'idle', active: [] });
        expect((await queue.counts()).pending).toBe(TRACKS);
      });
    }
  }
});
