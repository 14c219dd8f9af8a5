/**
 * `rbassist analyze <folder>`: scan, then decode + analyze + embed every new or changed track in a
 * pool of worker threads, store windows, analyses and vectors per track as they finish, and bring
 * the similarity index up to date. A second run over an unchanged folder processes nothing.
 * @module
 */
import { availableParallelism } from 'node:os';
import { analyzeRequest } from '../../src/core/analysis/request';
import { DEFAULT_DIMS } from '../../src/core/index/vectorIndex';
import { openSyncedIndex } from '../../src/core/index/indexSync';
import { AnalysisPool } from '../analysis/pool';
import { confirmMovesByAudio } from '../analysis/audioMoves';
import { recordOutcome } from '../analysis/recordOutcome';
import { resolveRunSettings, type RunOptions } from '../analysis/runSettings';
import { planWork, type PlannedTrack } from '../analysis/workPlan';
import { EXIT } from '../errors';
import { FolderSource } from '../library/folderSource';
import { ProgressBar } from '../progress';
import { DiskIndexStore } from '../state/diskIndexStore';
import { LibraryState } from '../state/libraryState';
import { acquireLock, checkMusicFolder, openStateFor } from '../state/stateDir';
import { VectorStore } from '../state/vectorStore';
import { line, problem, type CommandIO } from './io';
import { MAX_LISTED, scanStep } from './scanStep';

export interface AnalyzeOptions extends RunOptions {
  folder: string;
  state?: string;
  workers?: number;
  retryFailed?: boolean;
  /** Per-track time limit, seconds. */
  timeoutSec?: number;
}

export interface AnalyzeSummary {
  processed: number;
  failed: { relativePath: string; reason: string }[];
  elapsedMs: number;
  tracksPerMinute: number;
  /** Mean time per successfully processed track in each stage, inside the workers (ms). */
  stageMs: { decode: number; analyze: number; windowDecode: number; embed: number };
}

export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

export async function analyzeCommand(options: AnalyzeOptions, io: CommandIO): Promise<number> {
  return (await analyzeFolder(options, io)).exitCode;
}

/** The command, also returning what it measured (for bench:cli). */
export async function analyzeFolder(options: AnalyzeOptions, io: CommandIO): Promise<{ exitCode: number; summary?: AnalyzeSummary }> {
  const musicFolder = checkMusicFolder(options.folder);
  const location = openStateFor(musicFolder, options.state);
  const settings = resolveRunSettings(options, location.dir);
  const { modelId } = settings.embedding;
  const release = acquireLock(location.dir);
  let vectors: VectorStore | undefined;
  try {
    const state = new LibraryState(location.dir);
    const source = new FolderSource(musicFolder);
    const scan = await scanStep(state, source, io);
    if (scan.report.stoppedEarly) return { exitCode: EXIT.interrupted };
    // Opened after the scan: it re-stamps the vector rows of files that moved.
    vectors = new VectorStore(location.dir, modelId, DEFAULT_DIMS);

    const plan = planWork(
      state.presentTracks(),
      { pass: (id) => state.analyses.get(id), vector: (id) => vectors!.rowsOf.get(id), job: (id) => state.job(id, modelId) },
      { pipeline: settings.pipeline, retryFailed: options.retryFailed ?? false },
    );
    line(io, `Profile ${settings.profile.name}, model ${modelId}: ${plan.todo.length} to analyse, ${plan.upToDate} up to date`);
    if (plan.failedBefore.length) {
      problem(
        io,
        `${plan.failedBefore.length} track${plan.failedBefore.length === 1 ? '' : 's'} failed in an earlier run and ${plan.failedBefore.length === 1 ? 'is' : 'are'} skipped (--retry-failed to try again):`,
      );
      for (const job of plan.failedBefore.slice(0, MAX_LISTED)) problem(io, `  ✗ ${state.tracks.get(job.trackId)?.relativePath ?? job.trackId}: ${job.error}`);
      if (plan.failedBefore.length > MAX_LISTED) problem(io, `  … and ${plan.failedBefore.length - MAX_LISTED} more`);
    }

    const summary = plan.todo.length ? await processTracks(plan.todo, state, vectors, settings, options, source, io) : undefined;
    // Re-tagged files that moved: the scan saw a new file and a removed one; their audio says they are one track.
    const audioMoves = confirmMovesByAudio(
      state,
      vectors,
      plan.todo.map((p) => p.track.id),
    );
    for (const move of audioMoves.slice(0, MAX_LISTED)) line(io, `  moved (re-tagged; same audio): ${move.from} → ${move.to}`);
    if (audioMoves.length > MAX_LISTED) line(io, `  … and ${audioMoves.length - MAX_LISTED} more moved`);

    const index = await openSyncedIndex({
      store: new DiskIndexStore(location.dir),
      modelId,
      dims: DEFAULT_DIMS,
      source: vectors.sourceFor(state.presentTracks().map((t) => t.id)),
    });
    line(io, `Similarity index (${index.index.kind}): ${index.index.size} tracks, ${index.action}${index.message ? ` — ${index.message}` : ''}`);
    index.index.dispose();
    state.analyses.compact();
    state.jobs.compact();
    vectors.rowsOf.compact();

    if (summary) {
      const succeeded = summary.processed - summary.failed.length;
      const { stageMs } = summary;
      const perTrack = [`decode ${seconds(stageMs.decode)}`, `analysis ${seconds(stageMs.analyze)}`];
      if (stageMs.windowDecode >= 1) perTrack.push(`24 kHz windows ${seconds(stageMs.windowDecode)}`);
      if (stageMs.embed >= 1) perTrack.push(`model ${seconds(stageMs.embed)}`);
      const workers = plural(Math.min(options.workers ?? defaultWorkers(), summary.processed), 'worker');
      line(
        io,
        `Analysed ${succeeded} of ${summary.processed} tracks in ${(summary.elapsedMs / 1000).toFixed(1)} s ` +
          `(${summary.tracksPerMinute.toFixed(1)} tracks/min, ${workers}${succeeded ? `; per track: ${perTrack.join(', ')}` : ''})`,
      );
      if (summary.failed.length)
        problem(
          io,
          `${summary.failed.length} track${summary.failed.length === 1 ? '' : 's'} failed (reasons above); the next run skips them unless --retry-failed.`,
        );
    }
    if (io.signal.aborted) {
      problem(io, 'Stopped. Everything finished so far is saved; run the same command again to continue.');
      return { exitCode: EXIT.interrupted, summary };
    }
    return { exitCode: summary?.failed.length || scan.unreadable.length ? EXIT.someTracksFailed : EXIT.ok, summary };
  } finally {
    vectors?.close();
    release();
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function processTracks(
  todo: PlannedTrack[],
  state: LibraryState,
  vectors: VectorStore,
  settings: ReturnType<typeof resolveRunSettings>,
  options: AnalyzeOptions,
  source: FolderSource,
  io: CommandIO,
): Promise<AnalyzeSummary> {
  const size = Math.min(options.workers ?? defaultWorkers(), todo.length);
  const pool = await AnalysisPool.start({ size, init: { embedding: settings.embedding }, taskTimeoutMs: (options.timeoutSec ?? 600) * 1000 });
  const bar = new ProgressBar(io.err, 'Analysing', todo.length);
  const started = performance.now();
  const current: (string | undefined)[] = new Array(size).fill(undefined);
  const failed: AnalyzeSummary['failed'] = [];
  const stageTotals = { decode: 0, analyze: 0, windowDecode: 0, embed: 0 };
  let done = 0;
  try {
    await pool.runAll(todo, {
      signal: io.signal,
      toTask: (planned) => ({
        absolutePath: source.absolutePath(planned.track.relativePath),
        fileName: planned.track.fileName,
        relativePath: planned.track.relativePath,
        request: analyzeRequest(planned.track.relativePath, planned, settings.pipeline),
      }),
      onStart: (planned, lane) => {
        current[lane] = planned.track.fileName;
        bar.update({ done, failed: failed.length, current });
      },
      onOutcome: (planned, outcome, lane) => {
        current[lane] = undefined;
        const recorded = recordOutcome(state, vectors, planned, outcome, settings.pipeline);
        done++;
        if (outcome.ok) {
          const { timings } = outcome.value;
          stageTotals.decode += timings.decodeMs;
          stageTotals.analyze += timings.analyzeMs;
          stageTotals.windowDecode += timings.windowDecodeMs;
          stageTotals.embed += timings.embedMs;
        }
        if (!recorded.ok) {
          failed.push({ relativePath: planned.track.relativePath, reason: recorded.reason });
          bar.note(`  ✗ ${planned.track.relativePath}: ${recorded.reason}`);
        }
        bar.update({ done, failed: failed.length, current });
      },
    });
  } finally {
    bar.finish();
    await pool.close();
  }
  const elapsedMs = performance.now() - started;
  const succeeded = Math.max(1, done - failed.length);
  const stageMs = {
    decode: stageTotals.decode / succeeded,
    analyze: stageTotals.analyze / succeeded,
    windowDecode: stageTotals.windowDecode / succeeded,
    embed: stageTotals.embed / succeeded,
  };
  return { processed: done, failed, elapsedMs, tracksPerMinute: done / (elapsedMs / 60_000), stageMs };
}
