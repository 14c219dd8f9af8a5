/**
 * A fixed number of analysis workers (worker_threads), each with its own ffmpeg.wasm core. Each
 * worker runs one track at a time. A worker that crashes, runs out of memory or hangs on a file
 * fails that track with a reason and is replaced; the run goes on.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { CliError } from '../errors';
import type { TrackOutcome, TrackTask, WorkerInit, WorkerReply } from './protocol';

const WORKER_URL = new URL('./worker.mjs', import.meta.url);

export interface PoolOptions {
  size: number;
  init: WorkerInit;
  /** A track taking longer than this is abandoned (the worker is replaced). */
  taskTimeoutMs: number;
}

class WorkerLane {
  private worker!: Worker;
  private ready!: Promise<void>;
  private nextId = 0;

  constructor(private readonly init: WorkerInit) {
    this.spawn();
  }

  private spawn(): void {
    const worker = new Worker(WORKER_URL, { workerData: this.init, name: 'rbassist-analysis' });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (reply: WorkerReply) => {
        if (reply.type === 'ready') done(resolve);
        else if (reply.type === 'init-failed') done(() => reject(new CliError(`An analysis worker could not start: ${reply.reason}`)));
      };
      const onError = (error: Error) => done(() => reject(new CliError(`An analysis worker could not start: ${error.message}`)));
      const onExit = (code: number) => done(() => reject(new CliError(`An analysis worker exited while starting (code ${code})`)));
      const done = (settle: () => void) => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        settle();
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    });
    // Rejections are observed by whoever awaits `ready`; keep Node from reporting them twice.
    this.ready.catch(() => undefined);
  }

  started(): Promise<void> {
    return this.ready;
  }

  async run(task: TrackTask, timeoutMs: number): Promise<TrackOutcome> {
    await this.ready;
    const worker = this.worker;
    const id = ++this.nextId;
    return new Promise<TrackOutcome>((resolve) => {
      const finish = (outcome: TrackOutcome, replace: boolean) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        if (replace) {
          void worker.terminate();
          this.spawn();
        }
        resolve(outcome);
      };
      const onMessage = (reply: WorkerReply) => {
        if (reply.type === 'done' && reply.id === id) finish(reply.outcome, false);
      };
      const onError = (error: Error) => finish({ ok: false, reason: `The analysis worker crashed on this file: ${error.message}` }, true);
      const onExit = (code: number) => finish({ ok: false, reason: `The analysis worker stopped on this file (exit code ${code})` }, true);
      const timer = setTimeout(
        () => finish({ ok: false, reason: `Analysis took longer than ${Math.round(timeoutMs / 1000)} s; the track was skipped` }, true),
        timeoutMs,
      );
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ type: 'analyse', id, task });
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

export interface RunHandlers<T> {
  toTask: (item: T) => TrackTask;
  onStart?: (item: T, lane: number) => void;
  onOutcome: (item: T, outcome: TrackOutcome, lane: number) => void;
  signal?: AbortSignal;
}

export class AnalysisPool {
  private constructor(
    private readonly lanes: WorkerLane[],
    private readonly timeoutMs: number,
  ) {}

  /** Start every worker and wait until each has loaded its decoder (and model). */
  static async start(options: PoolOptions): Promise<AnalysisPool> {
    const lanes = Array.from({ length: Math.max(1, options.size) }, () => new WorkerLane(options.init));
    try {
      await Promise.all(lanes.map((lane) => lane.started()));
    } catch (error) {
      await Promise.all(lanes.map((lane) => lane.close()));
      throw error;
    }
    return new AnalysisPool(lanes, options.taskTimeoutMs);
  }

  get size(): number {
    return this.lanes.length;
  }

  /**
   * Process `items` with every worker busy, handing each outcome to `onOutcome` in the order they
   * finish. Stops taking new items once `signal` is aborted (tracks in flight still finish).
   */
  async runAll<T>(items: readonly T[], handlers: RunHandlers<T>): Promise<void> {
    let next = 0;
    await Promise.all(
      this.lanes.map(async (lane, index) => {
        while (next < items.length && !handlers.signal?.aborted) {
          const item = items[next++];
          handlers.onStart?.(item, index);
          handlers.onOutcome(item, await lane.run(handlers.toTask(item), this.timeoutMs), index);
        }
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.close()));
  }
}
