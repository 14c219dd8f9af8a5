import type { JobRecord, JobState, RbassistDb } from '../../storage/db';

/**
 * The persistent ingest queue (dexie `jobs`): one record per track with its stage, attempts and
 * last error. It survives reloads and crashes: whatever was not finished is picked up again.
 */
const OPEN_STATES: JobState[] = ['pending', 'analysed'];

export interface QueueCounts {
  pending: number;
  done: number;
  failed: number;
  total: number;
}

export class JobQueue {
  constructor(
    private readonly db: RbassistDb,
    private readonly now: () => number = Date.now,
  ) {}

  /** Queue tracks for (re)processing; new and changed files from a scan. */
  async enqueue(trackIds: readonly string[]): Promise<void> {
    const updatedAt = this.now();
    await this.db.jobs.bulkPut(trackIds.map((trackId) => ({ trackId, state: 'pending' as const, attempts: 0, updatedAt })));
  }

  /** Forget jobs of tracks that left the library. */
  async drop(trackIds: readonly string[]): Promise<void> {
    await this.db.jobs.bulkDelete([...trackIds]);
  }

  /** Up to `limit` unfinished jobs (in stage, then id order), skipping those already being worked on. */
  async take(limit: number, inFlight: ReadonlySet<string>): Promise<JobRecord[]> {
    const jobs: JobRecord[] = [];
    await this.db.jobs
      .where('state')
      .anyOf(OPEN_STATES)
      .until(() => jobs.length >= limit)
      .each((job) => {
        if (!inFlight.has(job.trackId)) jobs.push(job);
      });
    return jobs;
  }

  async advance(trackId: string, state: JobState): Promise<void> {
    await this.db.jobs.update(trackId, { state, updatedAt: this.now(), error: undefined });
  }

  async fail(trackId: string, reason: string): Promise<void> {
    await this.db.jobs
      .where('trackId')
      .equals(trackId)
      .modify((job) => {
        job.state = 'failed';
        job.attempts += 1;
        job.error = reason;
        job.updatedAt = this.now();
      });
  }

  /** "Retry": failed jobs (all, or the given ones) go back to pending. */
  async retry(trackIds?: readonly string[]): Promise<number> {
    const collection = trackIds ? this.db.jobs.where('trackId').anyOf([...trackIds]) : this.db.jobs.where('state').equals('failed');
    return collection.and((job) => job.state === 'failed').modify({ state: 'pending', updatedAt: this.now() });
  }

  async failures(): Promise<JobRecord[]> {
    return this.db.jobs.where('state').equals('failed').toArray();
  }

  async counts(): Promise<QueueCounts> {
    const [pending, done, failed] = await Promise.all([
      this.db.jobs.where('state').anyOf(OPEN_STATES).count(),
      this.db.jobs.where('state').equals('indexed').count(),
      this.db.jobs.where('state').equals('failed').count(),
    ]);
    return { pending, done, failed, total: pending + done + failed };
  }
}
