import { releaseProxy, wrap, type Remote } from 'comlink';
import { LIFE_LOCK_HELD, LIFE_LOCK_REQUEST } from '../../workers/exposeToHost';

/**
 * @module The one way the app runs workers. A `WorkerHost` starts workers from a factory (the
 * literal `new Worker(new URL(…))` Vite needs, see `workers.ts`), talks to them through typed
 * comlink APIs and supervises them: a worker that crashes (`error` event), disappears (its life lock,
 * see workers/exposeToHost.ts, is released: closed, killed for memory) or exceeds a task's time limit
 * is terminated and replaced, and its tasks fail with a `WorkerTaskError` that says so — or run once
 * more on the fresh worker when the caller said that is safe. A host holds one worker (index, map,
 * embed) or a pool (decode, tags); workers start on first use, can be recycled after many tasks and
 * shut down when idle, and a fresh worker is `prepare`d (e.g. reopens what it had) before any task.
 */
export interface WorkerHostOptions<T> {
  /** Names the worker in errors: "the index worker". */
  name: string;
  /** Starts one worker: `() => new Worker(new URL('…', import.meta.url), { type: 'module' })`. */
  create: () => Worker;
  /** Workers at most (default 1). */
  size?: number;
  /** Tasks one worker runs at once (default 1; workers that order their own calls take more). */
  tasksPerWorker?: number;
  /** Default per-task limit; a task past it counts as a hung worker. */
  taskTimeoutMs?: number;
  /** Replace a worker after this many tasks (bounds memory growth in long runs). */
  recycleAfterTasks?: number;
  /** Shut a worker down after this long without tasks (it starts again on the next task). */
  idleShutdownMs?: number;
  /** Run on every fresh worker before its first task (a stateful worker reopens what it had). */
  prepare?: (api: Remote<T>) => Promise<unknown>;
  /** Asked of a worker that still answers before it is shut down (e.g. free a GPU device); 2 s at most. */
  release?: (api: Remote<T>) => Promise<unknown>;
}

export interface RunOptions {
  /** Overrides the host's limit; a function is asked when the task starts on a worker (after `prepare`). */
  timeoutMs?: number | (() => number);
  /** Names the task in errors: "Decoding a.mp3". */
  label?: string;
  /** Aborting rejects the task with the signal's reason; queued, it never starts. */
  signal?: AbortSignal;
  /** If the worker is lost while running it, run the task once more on a fresh worker (safe only for tasks that may run twice). */
  retryOnLoss?: boolean;
}

export type WorkerFailure = 'timeout' | 'crash' | 'terminated';

export class WorkerTaskError extends Error {
  constructor(
    message: string,
    readonly kind: WorkerFailure,
  ) {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

/** Time a worker is given to `release` before it is terminated anyway. */
const RELEASE_GRACE_MS = 2_000;

/**
 * One started worker: its comlink API, and `fail`, called once when it is lost. Tasks may call
 * `fail` themselves when the worker answered but cannot go on (a lost GPU device).
 */
export class HostedWorker<T> {
  readonly api: Remote<T>;
  private gone = false;

  constructor(
    private readonly worker: Worker,
    name: string,
    private readonly onLost: (error: WorkerTaskError) => void,
  ) {
    this.api = wrap<T>(worker);
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fail(new WorkerTaskError(`The ${name} worker crashed (${event.message || 'unknown error'})`, 'crash'));
    });
    this.watchLifeLock(() => this.fail(new WorkerTaskError(`The ${name} worker stopped (closed or killed)`, 'crash')));
  }

  /** The worker holds a Web Lock while it lives; our request for it is granted once the worker is gone. */
  private watchLifeLock(onGone: () => void): void {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (!locks || typeof crypto?.randomUUID !== 'function') return;
    const lockName = `rbassist-worker-life:${crypto.randomUUID()}`;
    const held = (event: MessageEvent) => {
      if ((event.data as Record<string, unknown> | null)?.[LIFE_LOCK_HELD] !== lockName) return;
      this.worker.removeEventListener('message', held);
      void locks.request(lockName, () => onGone());
    };
    this.worker.addEventListener('message', held);
    this.worker.postMessage({ [LIFE_LOCK_REQUEST]: lockName });
  }

  /** Declare the worker lost (once): the host terminates and replaces it. */
  fail(error: WorkerTaskError): void {
    if (this.gone) return;
    this.gone = true;
    this.onLost(error);
  }

  /** Terminate now (`release` first, briefly, when the worker is not known to be broken). */
  async dispose(release?: (api: Remote<T>) => Promise<unknown>): Promise<void> {
    const healthy = !this.gone;
    this.gone = true;
    if (release && healthy) await Promise.race([release(this.api).catch(() => undefined), new Promise((resolve) => setTimeout(resolve, RELEASE_GRACE_MS))]);
    try {
      this.api[releaseProxy]();
    } catch {
      /* proxy already released */
    }
    this.worker.terminate();
  }
}

interface Task<T> {
  run: (api: Remote<T>, worker: HostedWorker<T>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  options: RunOptions;
  retried: boolean;
  /** The caller has its answer (or was released by an abort). */
  settled: boolean;
  /** The attempt in progress: answers of an abandoned attempt are ignored. */
  attempt?: object;
  timer?: ReturnType<typeof setTimeout>;
  onAbort?: () => void;
}

interface Slot<T> {
  worker: HostedWorker<T>;
  /** Settles when `prepare` has run on this worker. */
  ready: Promise<unknown>;
  running: Set<Task<T>>;
  tasksRun: number;
  idleTimer?: ReturnType<typeof setTimeout>;
}

export class WorkerHost<T> {
  private readonly slots: (Slot<T> | undefined)[];
  private readonly queue: Task<T>[] = [];
  private closed = false;
  /** Workers replaced after they crashed, disappeared or hung (observable for progress and tests). */
  replacements = 0;
  /** What a fresh worker runs before its first task; may change (the embed worker's model). */
  prepare: ((api: Remote<T>) => Promise<unknown>) | undefined;

  constructor(private readonly options: WorkerHostOptions<T>) {
    const size = options.size ?? 1;
    if (size < 1) throw new Error(`The ${options.name} worker host needs at least one worker`);
    this.slots = Array.from({ length: size }, () => undefined);
    this.prepare = options.prepare;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Workers started now. */
  get started(): number {
    return this.slots.filter(Boolean).length;
  }

  get pending(): number {
    return this.queue.length + this.slots.reduce((n, s) => n + (s?.running.size ?? 0), 0);
  }

  run<R>(run: (api: Remote<T>, worker: HostedWorker<T>) => Promise<R>, options: RunOptions = {}): Promise<R> {
    if (this.closed) return Promise.reject(this.shutDownError());
    if (options.signal?.aborted) return Promise.reject(options.signal.reason);
    return new Promise<R>((resolve, reject) => {
      const task: Task<T> = { run, resolve: resolve as (v: unknown) => void, reject, options, retried: false, settled: false };
      if (options.signal) {
        task.onAbort = () => this.abort(task);
        options.signal.addEventListener('abort', task.onAbort, { once: true });
      }
      this.queue.push(task);
      this.dispatch();
    });
  }

  /**
   * Start a fresh worker and `open` it; only if that succeeds does it replace the current worker
   * (released first), so a failed open never disturbs the worker in use. Hosts of one worker only.
   */
  async adopt<R>(open: (api: Remote<T>) => Promise<R>): Promise<R> {
    if (this.slots.length !== 1) throw new Error(`adopt needs a host of one worker (the ${this.options.name} host has ${this.slots.length})`);
    if (this.closed) throw this.shutDownError();
    let onLost: (error: WorkerTaskError) => void = () => undefined;
    const lost = new Promise<never>((_, reject) => (onLost = reject));
    lost.catch(() => undefined);
    const candidate = new HostedWorker<T>(this.options.create(), this.options.name, (error) => onLost(error));
    let result: R;
    try {
      result = await Promise.race([open(candidate.api), lost]);
    } catch (error) {
      void candidate.dispose();
      throw error;
    }
    const previous = this.slots[0];
    let released: Promise<void> = Promise.resolve();
    if (previous) {
      // Its tasks that may run twice move to the new worker, which starts on them once the old one is released.
      this.vacate(previous, new WorkerTaskError(`The ${this.options.name} worker was replaced`, 'terminated'), true);
      released = previous.worker.dispose(this.options.release);
    }
    // From now on the candidate is supervised like any worker of this host.
    const slot: Slot<T> = { worker: candidate, ready: released, running: new Set(), tasksRun: 0 };
    onLost = (error) => this.lose(slot, error);
    this.slots[0] = slot;
    this.scheduleIdle(slot);
    this.dispatch();
    await released;
    return result;
  }

  /** Terminate every worker for good; queued and running tasks fail with "terminated". */
  terminate(): void {
    this.closed = true;
    for (const task of this.queue.splice(0)) this.settle(task, () => task.reject(this.shutDownError()));
    this.shutDownWorkers();
  }

  /** Shut every worker down (`release` first); tasks running on them fail, later tasks start fresh workers. */
  shutDownWorkers(): void {
    for (const slot of this.slots) if (slot) this.retire(slot, this.shutDownError());
  }

  /** Shut every idle worker down (e.g. after a settings change that needs fresh state); they start again when needed. */
  recycleIdle(): void {
    for (const slot of this.slots) if (slot && slot.running.size === 0) this.retire(slot);
  }

  private shutDownError(): WorkerTaskError {
    return new WorkerTaskError(`The ${this.options.name} workers were shut down`, 'terminated');
  }

  private spawn(index: number): Slot<T> {
    const worker = new HostedWorker<T>(this.options.create(), this.options.name, (error) => this.lose(slot, error));
    const slot: Slot<T> = { worker, ready: this.prepare ? this.prepare(worker.api) : Promise.resolve(), running: new Set(), tasksRun: 0 };
    slot.ready.catch(() => undefined);
    this.slots[index] = slot;
    return slot;
  }

  private dispatch(): void {
    if (this.closed) return;
    const perWorker = this.options.tasksPerWorker ?? 1;
    while (this.queue.length) {
      let slot = this.slots.find((s) => s && s.running.size < perWorker);
      if (!slot) {
        const free = this.slots.findIndex((s) => !s);
        if (free < 0) return;
        slot = this.spawn(free);
      }
      this.execute(slot, this.queue.shift()!);
    }
  }

  private execute(slot: Slot<T>, task: Task<T>): void {
    clearTimeout(slot.idleTimer);
    slot.running.add(task);
    const attempt = {};
    task.attempt = attempt;
    const current = () => task.attempt === attempt;
    slot.ready.then(
      () => {
        if (!current()) return;
        const limit = typeof task.options.timeoutMs === 'function' ? task.options.timeoutMs() : (task.options.timeoutMs ?? this.options.taskTimeoutMs);
        if (limit) {
          task.timer = setTimeout(() => {
            const what = task.options.label ?? 'A task';
            if (current())
              slot.worker.fail(
                new WorkerTaskError(`${what} took longer than ${Math.round(limit / 1000)} s; the ${this.options.name} worker was restarted`, 'timeout'),
              );
          }, limit);
        }
        task.run(slot.worker.api, slot.worker).then(
          (value) => current() && this.finish(slot, task, () => task.resolve(value)),
          (error) => current() && this.finish(slot, task, () => task.reject(error)),
        );
      },
      // `prepare` failed on a worker that still answers: its tasks fail with that reason, and it goes.
      (error) => {
        if (!current()) return;
        this.finish(slot, task, () => task.reject(error));
        if (this.slots.includes(slot)) this.retire(slot, error instanceof Error ? error : new Error(String(error)));
      },
    );
  }

  /** A task's attempt ended on a worker that is still fine. */
  private finish(slot: Slot<T>, task: Task<T>, outcome: () => void): void {
    clearTimeout(task.timer);
    task.attempt = undefined;
    slot.running.delete(task);
    slot.tasksRun++;
    this.settle(task, outcome);
    if (!this.slots.includes(slot)) return;
    const recycle = this.options.recycleAfterTasks && slot.tasksRun >= this.options.recycleAfterTasks;
    if (recycle && slot.running.size === 0) this.retire(slot);
    else this.scheduleIdle(slot);
    this.dispatch();
  }

  /** Give the caller its outcome, once. */
  private settle(task: Task<T>, outcome: () => void): void {
    if (task.settled) return;
    task.settled = true;
    if (task.onAbort) task.options.signal?.removeEventListener('abort', task.onAbort);
    outcome();
  }

  /** The worker crashed, disappeared or hung: replace it; its tasks fail, or run once more where allowed. */
  private lose(slot: Slot<T>, error: WorkerTaskError): void {
    if (!this.slots.includes(slot)) return;
    this.replacements++;
    this.vacate(slot, error, true);
    void slot.worker.dispose();
    this.dispatch();
  }

  /** Shut a worker down on purpose (`release` first); tasks still on it fail with `error`. */
  private retire(slot: Slot<T>, error?: Error): void {
    this.vacate(slot, error ?? new WorkerTaskError(`The ${this.options.name} worker was shut down`, 'terminated'), false);
    void slot.worker.dispose(this.options.release);
  }

  /** Take the worker out of its slot; its tasks fail with `error`, or (`retry`) go back to the queue's front where allowed. */
  private vacate(slot: Slot<T>, error: Error, retry: boolean): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots[index] = undefined;
    clearTimeout(slot.idleTimer);
    const again: Task<T>[] = [];
    for (const task of slot.running) {
      clearTimeout(task.timer);
      task.attempt = undefined;
      if (retry && task.options.retryOnLoss && !task.retried && !task.settled && !this.closed) {
        task.retried = true;
        again.push(task);
      } else this.settle(task, () => task.reject(error));
    }
    slot.running.clear();
    this.queue.unshift(...again);
  }

  private scheduleIdle(slot: Slot<T>): void {
    const idleMs = this.options.idleShutdownMs;
    if (idleMs === undefined || slot.running.size > 0) return;
    clearTimeout(slot.idleTimer);
    slot.idleTimer = setTimeout(() => {
      if (slot.running.size === 0 && this.slots.includes(slot)) this.retire(slot);
    }, idleMs);
  }

  /**
   * Queued: the task is dropped. Running: the caller stops waiting at once; the worker keeps its
   * place until it answers (work inside a worker cannot be interrupted), so the pool never overfills.
   */
  private abort(task: Task<T>): void {
    const queued = this.queue.indexOf(task);
    if (queued >= 0) this.queue.splice(queued, 1);
    this.settle(task, () => task.reject(task.options.signal?.reason));
  }
}

export function defaultPoolSize(max = 4): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(max, cores));
}
