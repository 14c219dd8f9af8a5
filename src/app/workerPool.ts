import { wrap, releaseProxy, type Remote } from 'comlink';

/**
 * A fixed-size pool of comlink workers. Tasks queue; each runs on the next idle worker. A worker
 * that crashes (uncaught error, WASM abort) or exceeds the task timeout is terminated and replaced,
 * and only that task fails — the rest of the run continues. Workers can also be recycled on request
 * (e.g. when ffmpeg's heap has grown).
 */
export interface WorkerPoolOptions {
  /** Creates one worker (e.g. `new Worker(new URL(..., import.meta.url), { type: 'module' })`). */
  create: () => Worker;
  size: number;
  /** Per-task limit; a task past it counts as a hung worker. */
  taskTimeoutMs?: number;
  /** Replace a worker after this many tasks (bounds memory growth in long runs). */
  recycleAfterTasks?: number;
}

export class WorkerTaskError extends Error {
  constructor(message: string, readonly kind: 'timeout' | 'crash' | 'terminated') {
    super(message);
    this.name = 'WorkerTaskError';
  }
}

interface Slot<T> {
  worker: Worker;
  api: Remote<T>;
  busy: boolean;
  tasksRun: number;
  fail?: (error: Error) => void;
}

interface QueuedTask<T> {
  run: (api: Remote<T>) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  timeoutMs?: number;
  label?: string;
}

export class WorkerPool<T> {
  private readonly slots: Slot<T>[] = [];
  private readonly queue: QueuedTask<T>[] = [];
  private closed = false;
  /** Workers replaced after a crash or hang (observable for progress/diagnostics). */
  replacements = 0;

  constructor(private readonly options: WorkerPoolOptions) {
    if (options.size < 1) throw new Error('A worker pool needs at least one worker');
    for (let i = 0; i < options.size; i++) this.slots.push(this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.busy).length;
  }

  run<R>(run: (api: Remote<T>) => Promise<R>, options: { timeoutMs?: number; label?: string } = {}): Promise<R> {
    if (this.closed) return Promise.reject(new WorkerTaskError('The worker pool was shut down', 'terminated'));
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ run, resolve: resolve as (v: unknown) => void, reject, ...options });
      this.dispatch();
    });
  }

  /** Terminate every worker; queued and running tasks fail with "terminated". */
  terminate(): void {
    this.closed = true;
    for (const task of this.queue.splice(0)) task.reject(new WorkerTaskError('The worker pool was shut down', 'terminated'));
    for (const slot of this.slots) {
      slot.fail?.(new WorkerTaskError('The worker pool was shut down', 'terminated'));
      this.dispose(slot);
    }
  }

  private spawn(): Slot<T> {
    const worker = this.options.create();
    const slot: Slot<T> = { worker, api: wrap<T>(worker), busy: false, tasksRun: 0 };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      slot.fail?.(new WorkerTaskError(`Worker crashed: ${event.message || 'unknown error'}`, 'crash'));
    });
    return slot;
  }

  private dispose(slot: Slot<T>): void {
    try {
      slot.api[releaseProxy]();
    } catch {
      /* proxy already released */
    }
    slot.worker.terminate();
  }

  private replace(slot: Slot<T>): Slot<T> {
    this.dispose(slot);
    const fresh = this.spawn();
    this.slots[this.slots.indexOf(slot)] = fresh;
    return fresh;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.busy) this.execute(slot, this.queue.shift()!);
    }
  }

  private execute(slot: Slot<T>, task: QueuedTask<T>): void {
    slot.busy = true;
    let settled = false;
    let broken = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      slot.fail = undefined;
      slot.busy = false;
      slot.tasksRun++;
      const recycle = this.options.recycleAfterTasks && slot.tasksRun >= this.options.recycleAfterTasks;
      if (!this.closed && (broken || recycle)) {
        if (broken) this.replacements++;
        this.replace(slot);
      }
      outcome();
      if (!this.closed) this.dispatch();
    };
    slot.fail = (error) => {
      broken = true;
      finish(() => task.reject(error));
    };
    const timeoutMs = task.timeoutMs ?? this.options.taskTimeoutMs;
    const timer = timeoutMs
      ? setTimeout(() => slot.fail?.(new WorkerTaskError(`${task.label ?? 'Task'} took longer than ${Math.round(timeoutMs / 1000)} s; the worker was restarted`, 'timeout')), timeoutMs)
      : undefined;
    task.run(slot.api).then(
      (value) => finish(() => task.resolve(value)),
      (error) => finish(() => task.reject(error)),
    );
  }

  /** Replace every idle worker (e.g. after a settings change that needs fresh state). */
  recycleIdle(): void {
    for (const slot of [...this.slots]) if (!slot.busy) this.replace(slot);
  }
}

export function defaultPoolSize(max = 4): number {
  const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(max, cores));
}
