import type { JobRecord } from '../../storage/db';
import { isQuotaError } from '../../storage/opfs';
import { FolderAccessLostError } from '../musicSource';
import { Store } from '../store';
import type { JobQueue } from './jobQueue';
import { errorMessage } from '../../core/errors';

/**
 * Drains the job queue with bounded concurrency (back-pressure: never more tracks in flight than
 * the workers can take), survives per-track failures, and stops cleanly — losing only the tracks in
 * flight, which stay queued — when the folder becomes unreadable or storage is full. A Web Lock
 * makes sure only one tab ingests at a time; other tabs follow its progress over a BroadcastChannel.
 */
export interface TrackProcessor {
  /** Runs every remaining stage of the job's track; resolves when it is indexed. */
  process(job: JobRecord, signal: AbortSignal, onStage: (stage: string) => void): Promise<void>;
}

/** A problem with this one track: it is marked failed with the reason and the run goes on. */
export class TrackFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrackFailedError';
  }
}

export type IngestStatus = 'idle' | 'running' | 'paused' | 'stopping' | 'other-tab';

export interface WorkerActivity {
  trackId: string;
  stage: string;
}

export interface IngestProgress {
  status: IngestStatus;
  done: number;
  failed: number;
  total: number;
  /** Tracks finished per minute over the last minutes of this run. */
  perMinute: number;
  etaSec: number | null;
  active: WorkerActivity[];
  /** Why the run stopped by itself (permission, disk full), in words for the DJ. */
  message: string | null;
}

export interface IngestRunnerOptions {
  /** Tracks in flight at once (a function: the worker pool may start lazily). */
  concurrency: number | (() => number);
  locks?: LockManager;
  channel?: BroadcastChannel;
  now?: () => number;
}

const LOCK_NAME = 'rbassist-ingest';
const RATE_WINDOW = 50;

export class IngestRunner {
  readonly progress: Store<IngestProgress>;
  private abort: AbortController | null = null;
  private paused = false;
  /** Every slot waiting out a pause waits on this one gate; resume or cancel opens it for all. */
  private resumeGate: { opened: Promise<void>; open: () => void } | null = null;
  private readonly completions: number[] = [];
  /** Called when a track's job ends (done or failed), e.g. to refresh its row. */
  onJobSettled: ((trackId: string) => void) | null = null;
  /** Called when a track fails, with the reason stored for it. */
  onFailure: ((trackId: string, reason: string) => void) | null = null;
  /** Called when a run ends (drained, stopped or cancelled), e.g. to save the index. */
  onRunEnded: (() => Promise<void>) | null = null;

  constructor(
    private readonly queue: JobQueue,
    private readonly processor: TrackProcessor,
    private readonly options: IngestRunnerOptions,
  ) {
    this.progress = new Store<IngestProgress>({ status: 'idle', done: 0, failed: 0, total: 0, perMinute: 0, etaSec: null, active: [], message: null });
    options.channel?.addEventListener('message', (event: MessageEvent<IngestProgress>) => {
      // Another tab is ingesting: show its progress instead of running a second ingest.
      if (this.progress.get().status === 'idle' || this.progress.get().status === 'other-tab') {
        this.progress.set({ ...event.data, status: event.data.status === 'idle' ? 'idle' : 'other-tab' });
      }
    });
  }

  private get now(): number {
    return (this.options.now ?? Date.now)();
  }

  async refreshCounts(): Promise<void> {
    const counts = await this.queue.counts();
    this.publish({ done: counts.done, failed: counts.failed, total: counts.total });
  }

  /** Start (or resume after a reload). Resolves when the queue is drained or the run stops. */
  async start(): Promise<void> {
    if (this.abort) {
      this.resume();
      return;
    }
    const locks = this.options.locks ?? (typeof navigator !== 'undefined' ? navigator.locks : undefined);
    if (!locks) return this.run();
    await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (!lock) {
        this.publish({ status: 'other-tab', message: 'Another rbassist tab is analysing the library; its progress is shown here.' }, false);
        return;
      }
      await this.run();
    });
  }

  /** The tab that was analyzing has closed: this one may start (its lock is free now). */
  otherTabGone(): void {
    if (this.progress.get().status === 'other-tab') this.publish({ status: 'idle', active: [], message: null }, false);
  }

  pause(): void {
    if (this.progress.get().status === 'running') {
      this.paused = true;
      this.publish({ status: 'paused' });
    }
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.publish({ status: 'running' });
    this.openResumeGate();
  }

  /** Stop now: tracks in flight are abandoned and stay queued for the next start. */
  cancel(): void {
    if (!this.abort) return;
    this.publish({ status: 'stopping' });
    this.abort.abort(new DOMException('Ingest cancelled', 'AbortError'));
    this.paused = false;
    this.openResumeGate();
  }

  private waitForResume(): Promise<void> {
    if (!this.resumeGate) {
      let open!: () => void;
      const opened = new Promise<void>((resolve) => (open = resolve));
      this.resumeGate = { opened, open };
    }
    return this.resumeGate.opened;
  }

  private openResumeGate(): void {
    const gate = this.resumeGate;
    this.resumeGate = null;
    gate?.open();
  }

  private async run(): Promise<void> {
    const abort = new AbortController();
    this.abort = abort;
    this.completions.length = 0;
    this.paused = false;
    const inFlight = new Map<string, WorkerActivity>();
    // Claims are serialised so that two slots never take the same job.
    let claiming: Promise<unknown> = Promise.resolve();
    const claim = (): Promise<JobRecord | undefined> => {
      const next = claiming.then(async () => {
        const [job] = await this.queue.take(1, new Set(inFlight.keys()));
        if (job) inFlight.set(job.trackId, { trackId: job.trackId, stage: 'starting' });
        return job;
      });
      claiming = next.catch(() => undefined);
      return next;
    };
    this.publish({ status: 'running', message: null });
    await this.refreshCounts();

    const slot = async (): Promise<void> => {
      while (!abort.signal.aborted) {
        if (this.paused) {
          await this.waitForResume();
          continue;
        }
        const job = await claim();
        if (!job) return;
        const activity = inFlight.get(job.trackId)!;
        if (abort.signal.aborted) {
          inFlight.delete(job.trackId);
          return;
        }
        this.publish({ active: [...inFlight.values()] });
        try {
          await this.processor.process(job, abort.signal, (stage) => {
            activity.stage = stage;
            this.publish({ active: [...inFlight.values()] });
          });
          this.completions.push(this.now);
          if (this.completions.length > RATE_WINDOW) this.completions.shift();
        } catch (error) {
          if (abort.signal.aborted) return;
          if (error instanceof FolderAccessLostError || isQuotaError(error)) {
            const message = isQuotaError(error)
              ? 'Storage is full: analysis stopped cleanly. Free some disk space, then press Start to resume where it left off.'
              : errorMessage(error);
            this.publish({ message });
            abort.abort(error);
            return;
          }
          const message = errorMessage(error);
          const reason = error instanceof TrackFailedError ? message : `Unexpected error: ${message}`;
          await this.queue.fail(job.trackId, reason);
          this.onFailure?.(job.trackId, reason);
        } finally {
          this.onJobSettled?.(job.trackId);
          await this.refreshCounts();
          // Leaves the active list only now, with nothing left to await before the pause check:
          // "paused with nothing active" then means every slot is waiting for Resume.
          inFlight.delete(job.trackId);
          this.publish({ active: [...inFlight.values()] });
        }
      }
    };

    try {
      const concurrency = typeof this.options.concurrency === 'function' ? this.options.concurrency() : this.options.concurrency;
      await Promise.all(Array.from({ length: Math.max(1, concurrency) }, slot));
    } finally {
      this.abort = null;
      this.paused = false;
      this.openResumeGate();
      await this.onRunEnded?.().catch(() => undefined);
      await this.refreshCounts();
      this.publish({ status: 'idle', active: [] });
    }
  }

  private publish(patch: Partial<IngestProgress>, broadcast = true): void {
    const next = { ...this.progress.get(), ...patch };
    const perMinute = this.rate();
    next.perMinute = perMinute;
    const remaining = next.total - next.done - next.failed;
    next.etaSec = perMinute > 0 && remaining > 0 ? Math.round((remaining / perMinute) * 60) : null;
    this.progress.set(next);
    if (broadcast) this.options.channel?.postMessage(next);
  }

  private rate(): number {
    if (this.completions.length < 2) return 0;
    const spanMs = this.completions[this.completions.length - 1] - this.completions[0];
    return spanMs > 0 ? ((this.completions.length - 1) / spanMs) * 60_000 : 0;
  }
}
