import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { embeddingChoice, pipelineFor } from '../../core/analysis/pipeline';
import type { AnalyzeOutcome } from '../../core/analysis/protocol';
import { bundledManifest, findModel } from '../../core/embedding/manifest';
import { builtInProfile, DEFAULT_PROFILE_NAME } from '../../core/sampling';
import { DEFAULT_SETTINGS } from '../../core/settings';
import { openDatabase, type RbassistDb } from '../../storage/db';
import { FileListSource } from '../musicSource';
import { IngestRunner } from './ingestRunner';
import { JobQueue } from './jobQueue';
import { PipelineTrackProcessor } from './trackProcessor';

describe('PipelineTrackProcessor and Stop', () => {
  let db: RbassistDb;
  beforeEach(async () => {
    db = openDatabase(`track-processor-${Math.random()}`);
    await db.open();
  });
  afterEach(() => db.close());

  it('hands the run’s abort signal to the analysis, so Stop does not wait for a long decode to finish', async () => {
    const queue = new JobQueue(db);
    await db.tracks.add({
      id: 't1',
      relativePath: 'Long Live Set.wav',
      fileName: 'Long Live Set.wav',
      size: 4,
      lastModified: 0,
      dateAdded: '2026-12-03',
      status: 'new',
      scanState: 'tagged',
      tags: {},
    } as never);
    await queue.enqueue(['t1']);
    const source = new FileListSource([new File([new Uint8Array(4)], 'Long Live Set.wav')]);
    let analysisStarted!: () => void;
    const started = new Promise<void>((resolve) => (analysisStarted = resolve));
    // Like the decode pool: the task itself runs on (a worker cannot be interrupted), but the
    // caller's wait ends when its signal aborts.
    const analyze = (_file: File, _request: unknown, signal: AbortSignal) =>
      new Promise<AnalyzeOutcome>((_resolve, reject) => {
        analysisStarted();
        signal.addEventListener('abort', () => reject(signal.reason), { once: true });
      });
    const processor = new PipelineTrackProcessor({
      db,
      queue,
      source: () => source,
      analyze,
      pipeline: () =>
        pipelineFor({
          profile: builtInProfile(DEFAULT_PROFILE_NAME),
          analyzers: { bpm: DEFAULT_SETTINGS.bpmRange },
          embedding: embeddingChoice(findModel(bundledManifest, 'builtin-dsp')),
        }),
      embedWithModel: () => Promise.reject(new Error('not reached')),
      storeVector: () => Promise.reject(new Error('not reached')),
    });
    const runner = new IngestRunner(queue, processor, { concurrency: 1 });
    const run = runner.start();
    await started;
    runner.cancel();
    await run;
    expect(runner.progress.get()).toMatchObject({ status: 'idle', active: [] });
    // Abandoned, not failed: the track stays queued for the next start.
    expect(await queue.failures()).toEqual([]);
    expect((await db.jobs.get('t1'))?.state).not.toBe('failed');
  });
});
