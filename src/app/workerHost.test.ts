import { Worker as NodeWorker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WorkerHost, WorkerTaskError, type WorkerHostOptions } from './workerHost';

/** The test worker's API (workerHost.testWorker.mjs). */
interface TestApi {
  echo<V>(value: V): Promise<V>;
  whoami(): Promise<{ threadId: number; opened: string | null; released: boolean }>;
  open(name: string): Promise<string>;
  release(): Promise<void>;
  park(): Promise<number>;
  unpark(): Promise<void>;
  crash(): Promise<never>;
  hang(): Promise<never>;
}

const threads: ThreadWorker[] = [];

/**
 * A Node worker thread behind the browser's Worker interface (messages and `error` events), so the
 * host supervises real threads: they really crash, hang and get terminated.
 */
class ThreadWorker extends EventTarget {
  readonly thread = new NodeWorker(new URL('./workerHost.testWorker.mjs', import.meta.url));
  readonly exited: Promise<void>;

  constructor() {
    super();
    threads.push(this);
    this.thread.on('message', (data) => this.dispatchEvent(new MessageEvent('message', { data })));
    this.thread.on('error', (error) => this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message: error.message })));
    this.exited = new Promise((resolve) => this.thread.once('exit', () => resolve()));
  }

  postMessage(data: unknown, transfer?: Transferable[]): void {
    this.thread.postMessage(data, transfer as never);
  }

  terminate(): void {
    void this.thread.terminate();
  }
}

/**
 * Watch for `count` calls parked in the test workers (call before starting them); the returned
 * function waits for them, then frees them all (each worker runs one task at a time, so no call
 * through the host could).
 */
function watchParkedCalls(count: number): () => Promise<void> {
  const channel = new BroadcastChannel('worker-host-test');
  let parked = 0;
  const allParked = new Promise<void>((resolve) => {
    channel.onmessage = (event: MessageEvent) => {
      if (event.data === 'parked' && ++parked === count) resolve();
    };
  });
  return async () => {
    await allParked;
    channel.postMessage('unpark');
    channel.close();
  };
}

function host(options: Partial<WorkerHostOptions<TestApi>> = {}): WorkerHost<TestApi> {
  return new WorkerHost<TestApi>({ name: 'test', create: () => new ThreadWorker() as unknown as Worker, ...options });
}

afterEach(async () => {
  await Promise.all(threads.splice(0).map((t) => t.thread.terminate()));
});

describe('WorkerHost', () => {
  it('runs typed calls on at most `size` workers, started on first use', async () => {
    const pool = host({ size: 2 });
    const unpark = watchParkedCalls(2);
    expect(pool.started).toBe(0);
    const parked = [pool.run((api) => api.park()), pool.run((api) => api.park())];
    const third = pool.run((api) => api.echo('third'));
    expect(pool.started).toBe(2);
    expect(pool.pending).toBe(3);
    await unpark();
    const ids = await Promise.all(parked);
    expect(new Set(ids).size).toBe(2);
    expect(await third).toBe('third');
    pool.terminate();
  });

  it('replaces a crashed worker: its task fails with a clear error, the next runs on a fresh one', async () => {
    const single = host();
    const first = await single.run((api) => api.whoami());
    const crash = single.run((api) => api.crash(), { label: 'Crashing' });
    await expect(crash).rejects.toThrow(WorkerTaskError);
    await expect(crash).rejects.toMatchObject({ kind: 'crash', message: expect.stringMatching(/^The test worker crashed \(.*boom/) });
    const second = await single.run((api) => api.whoami());
    expect(second.threadId).not.toBe(first.threadId);
    expect(single.replacements).toBe(1);
    single.terminate();
  });

  it('terminates a hung worker at the time limit and replaces it', async () => {
    // Only the hanging task has a limit: a fresh thread may take long to start on a busy machine.
    const single = host();
    await single.run((api) => api.echo(1));
    const hung = single.run((api) => api.hang(), { label: 'Hanging', timeoutMs: 500 });
    await expect(hung).rejects.toMatchObject({ kind: 'timeout', message: 'Hanging took longer than 1 s; the test worker was restarted' });
    await threads[0].exited; // really stopped, not just abandoned
    expect(await single.run((api) => api.echo('after'))).toBe('after');
    expect(single.replacements).toBe(1);
    single.terminate();
  });

  it('runs a task once more on a fresh worker when it may repeat, and fails the others', async () => {
    const single = host({ tasksPerWorker: Infinity });
    const { threadId: lostThread } = await single.run((api) => api.whoami());
    const repeatable = single.run((api) => api.park(), { retryOnLoss: true });
    const once = single.run((api) => api.park());
    const crash = single.run((api) => api.crash());
    await expect(once).rejects.toMatchObject({ kind: 'crash' });
    await expect(crash).rejects.toMatchObject({ kind: 'crash' });
    await single.run((api) => api.unpark());
    const answeredBy = await repeatable;
    expect(answeredBy).not.toBe(lostThread);
    single.terminate();
  });

  it('retries a task only once', async () => {
    const single = host({ tasksPerWorker: Infinity });
    const crashTwice = single.run((api) => api.crash(), { retryOnLoss: true });
    await expect(crashTwice).rejects.toMatchObject({ kind: 'crash' });
    expect(single.replacements).toBe(2);
    single.terminate();
  });

  it('prepares every fresh worker before its first task (a stateful worker reopens what it had)', async () => {
    const prepared: number[] = [];
    const single = host({
      prepare: async (api) => {
        await api.open('library');
        prepared.push((await api.whoami()).threadId);
      },
    });
    const first = await single.run((api) => api.whoami());
    expect(first.opened).toBe('library');
    await single.run((api) => api.echo('no second preparation'));
    await expect(single.run((api) => api.crash())).rejects.toMatchObject({ kind: 'crash' });
    const fresh = await single.run((api) => api.whoami());
    expect(fresh.opened).toBe('library');
    expect(prepared).toEqual([first.threadId, fresh.threadId]);
    single.terminate();
  });

  it('fails the tasks of a worker whose preparation fails, and tries a fresh worker for the next', async () => {
    let name = 'refused';
    const single = host({ prepare: (api) => api.open(name) });
    await expect(single.run((api) => api.echo(1))).rejects.toThrow('refused cannot be opened');
    name = 'library';
    expect((await single.run((api) => api.whoami())).opened).toBe('library');
    single.terminate();
  });

  it('drops a queued task when its signal aborts, and releases the caller of a running one', async () => {
    const single = host();
    const unpark = watchParkedCalls(1);
    const abort = new AbortController();
    const running = single.run((api) => api.park(), { signal: abort.signal });
    const queued = single.run((api) => api.echo('never'), { signal: abort.signal });
    const next = single.run((api) => api.echo('next'));
    abort.abort(new Error('stopped by the DJ'));
    await expect(running).rejects.toThrow('stopped by the DJ');
    await expect(queued).rejects.toThrow('stopped by the DJ');
    // The worker is still busy with the abandoned call: the next task waits for it.
    expect(single.pending).toBe(2);
    await unpark();
    expect(await next).toBe('next');
    await expect(single.run((api) => api.echo(1), { signal: AbortSignal.abort(new Error('too late')) })).rejects.toThrow('too late');
    single.terminate();
  });

  it('shuts an idle worker down and starts a fresh one when needed', async () => {
    const single = host({ idleShutdownMs: 10, release: (api) => api.release() });
    await single.run((api) => api.echo(1));
    await vi.waitFor(() => expect(single.started).toBe(0));
    await threads[0].exited;
    expect(await single.run((api) => api.echo(2))).toBe(2);
    expect(threads).toHaveLength(2);
    expect(single.replacements).toBe(0);
    single.terminate();
  });

  it('recycles a worker after a number of tasks', async () => {
    const single = host({ recycleAfterTasks: 2 });
    const a = await single.run((api) => api.whoami());
    const b = await single.run((api) => api.whoami());
    const c = await single.run((api) => api.whoami());
    expect(a.threadId).toBe(b.threadId);
    expect(c.threadId).not.toBe(a.threadId);
    expect(single.replacements).toBe(0);
    single.terminate();
  });

  it('adopts a worker only when it opened: a refused open leaves the worker in use alone', async () => {
    const single = host({ release: (api) => api.release() });
    await single.adopt((api) => api.open('first'));
    const inUse = await single.run((api) => api.whoami());
    await expect(single.adopt((api) => api.open('refused'))).rejects.toThrow('refused cannot be opened');
    expect(await single.run((api) => api.whoami())).toEqual(inUse);
    await single.adopt((api) => api.open('second'));
    const now = await single.run((api) => api.whoami());
    expect(now.opened).toBe('second');
    expect(now.threadId).not.toBe(inUse.threadId);
    single.terminate();
  });

  it('fails everything with "terminated" once terminated', async () => {
    const single = host();
    const running = single.run((api) => api.park());
    single.terminate();
    await expect(running).rejects.toMatchObject({ kind: 'terminated' });
    await expect(single.run((api) => api.echo(1))).rejects.toMatchObject({ kind: 'terminated' });
  });
});
