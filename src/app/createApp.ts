import { embeddingChoice, pipelineFor } from '../core/analysis/pipeline';
import { bundledManifest, findModel } from '../core/embedding/manifest';
import type { TagResult } from '../core/library/tagMapping';
import { database } from '../storage/db';
import type { TagsWorkerApi } from '../../workers/tags.worker';
import { DecodeService } from './decodeService';
import { EmbedService } from './embedService';
import { IngestRunner } from './ingest/ingestRunner';
import { JobQueue } from './ingest/jobQueue';
import { PipelineTrackProcessor } from './ingest/trackProcessor';
import { outOfDateTracks } from './ingest/storedState';
import { confirmMoveByAudio } from './ingest/audioMoves';
import { LibraryController } from './libraryController';
import { PreviewPlayer } from './previewPlayer';
import { InteropService } from './interopService';
import { createCrateFeatures } from './crates/createCrateFeatures';
import { DuplicatesService } from './duplicatesService';
import { IncomingService } from './incomingService';
import { FolderWatcher } from './folderWatcher';
import { SettingsService } from './settings';
import { VectorService } from './vectorService';
import { RingLog } from './log';
import { Store } from './store';
import { durationOf, recommendFactsOf } from '../core/library/trackView';
import { errorMessage, fail, ok } from '../core/errors';
import { DEFAULT_DIMS } from '../core/index/vectorIndex';
import { keepOnnxRuntimeOffline } from './onnxRuntimeCache';
import { takePendingDownload } from './contentSecurity';
import { WorkerHost, defaultPoolSize } from './workerHost';
import { startTagsWorker } from './workers';

/** Composition root: wires storage, worker pools and controllers together for the UI. */
export function createApp() {
  const db = database();
  const settings = new SettingsService(db);
  const log = new RingLog();
  const tagPool = new WorkerHost<TagsWorkerApi>({
    name: 'tags',
    create: startTagsWorker,
    size: defaultPoolSize(2),
    taskTimeoutMs: 120_000,
    recycleAfterTasks: 5_000,
  });
  const readTags = (files: File[]) =>
    tagPool.run((api) => api.readTagsBatch(files) as Promise<TagResult[]>, { label: `Reading tags of ${files.length} files` });
  const library = new LibraryController(db, readTags, tagPool.size * 2);
  const embedder = new EmbedService();
  const queue = new JobQueue(db);

  let decoder: DecodeService | undefined;
  /** ffmpeg.wasm decode workers, started on first use (each loads a 31 MB WASM core). */
  const decoderPool = () => (decoder ??= new DecodeService(settings.store.get().decodeWorkers || undefined));

  const activeModel = () => embeddingChoice(findModel(bundledManifest, embedder.store.get().modelId));
  /** The pipeline the settings in use make; results made under another one are out of date. */
  const activePipeline = () =>
    pipelineFor({ profile: settings.profile(), analyzers: { bpm: settings.store.get().bpmRange }, embedding: activeModel(), waveform: true });

  const vectors = new VectorService(db, (trackId) => {
    const view = library.view(trackId);
    // The same BPM and key the table shows (analysis or tags, as the DJ prefers).
    return view ? recommendFactsOf(view, settings.store.get().preferTaggedValues ? 'tagged' : 'analysed') : undefined;
  });

  // Finished tracks are re-read in small batches so the table fills in as the pipeline goes.
  let finished = new Set<string>();
  let flushTimer: ReturnType<typeof setTimeout> | undefined;
  const trackFinished = (trackId: string) => {
    finished.add(trackId);
    flushTimer ??= setTimeout(() => {
      const ids = [...finished];
      finished = new Set();
      flushTimer = undefined;
      library.vectorRows = vectors.rowOf;
      // A failed refresh only delays the table; the next finished track or a reload shows the rows.
      void (async () => {
        await library.refreshSome(ids);
        await vectors.pushFacts(ids);
      })().catch((error: unknown) => log.warn('refresh-failed', { tracks: ids.length, reason: errorMessage(error) }));
    }, 1000);
  };

  /** Time spent per stage over this session (progress details and `npm run bench:ingest`). */
  const stageTotals: Record<string, number> = { tracks: 0 };
  const processor = new PipelineTrackProcessor({
    db,
    queue,
    source: () => library.musicSource,
    analyze: (file, request, signal) => decoderPool().analyze(file, request, signal),
    pipeline: activePipeline,
    embedWithModel: async (windows, sampleRate, signal) => (await embedder.embed(windows, sampleRate, signal)).vector,
    storeVector: async (modelId, trackId, vector, key) => {
      await vectors.store(modelId, trackId, vector, key);
      trackFinished(trackId);
    },
    onTimings: (timings) => {
      stageTotals.tracks++;
      for (const [stage, ms] of Object.entries(timings)) stageTotals[stage] = (stageTotals[stage] ?? 0) + ms;
    },
    afterTrack: async (trackId) => {
      const move = await confirmMoveByAudio({ db, modelId: () => activeModel().modelId, vectors }, trackId);
      if (!move) return;
      log.info('moved-by-audio', { from: move.from, to: move.to });
      library.vectorRows = vectors.rowOf;
      await library.recordMoves([move]);
      await vectors.pushFacts([move.id]);
    },
  });
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel('rbassist-ingest') : undefined;
  const ingest = new IngestRunner(queue, processor, {
    // Back-pressure: one track in flight per decode worker, plus one being stored.
    concurrency: () => decoderPool().size + 1,
    channel,
  });
  ingest.onJobSettled = trackFinished;
  ingest.onFailure = (trackId, reason) => log.warn('track-failed', { trackId, path: library.view(trackId)?.track.relativePath, reason });
  ingest.progress.subscribe(() => {
    const { message } = ingest.progress.get();
    if (message && message !== lastIngestMessage) log.warn('ingest-stopped', { message });
    lastIngestMessage = message;
  });
  let lastIngestMessage: string | null = null;
  // A tab that only reads the vector files catches up when the owning tab's run ends, and takes
  // over (reopening them for writing) when the owning tab closes.
  let lastIngestStatus = ingest.progress.get().status;
  ingest.progress.subscribe(() => {
    const { status } = ingest.progress.get();
    const otherTabFinished = lastIngestStatus === 'other-tab' && status === 'idle';
    lastIngestStatus = status;
    if (otherTabFinished && vectors.readOnly) void refreshFromVectors();
  });
  vectors.onOwnership = () => {
    log.info('vectors-owner', { reason: 'the owning tab closed' });
    ingest.otherTabGone();
    void refreshFromVectors();
  };
  async function refreshFromVectors(): Promise<void> {
    if (vectors.readOnly) await vectors.reopen();
    library.vectorRows = vectors.rowOf;
    await library.refreshTracks();
    await ingest.refreshCounts();
  }
  ingest.onRunEnded = async () => {
    if (await vectors.compactIfNeeded()) {
      log.info('vectors-compacted', { ...(vectors.lastOpen ?? {}) });
      library.vectorRows = vectors.rowOf;
      await library.refreshTracks();
    }
    await vectors.persist();
  };

  // A scan feeds the queue: new and changed files are (re)processed, removed ones leave the index.
  library.onScanned = async (report) => {
    log.info('scan', {
      added: report.added.length,
      changed: report.changed.length,
      removed: report.removed.length,
      moved: report.moved.length,
      unchanged: report.unchanged,
      problems: report.problems,
      stoppedEarly: report.stoppedEarly,
    });
    // Moved tracks keep everything; one that was removed earlier lost its vector and is embedded again.
    const touched = [...report.ids.added, ...report.ids.changed, ...report.moved.map((m) => m.id).filter((id) => !vectors.rowOf.has(id))];
    const ready = (await db.tracks.bulkGet(touched)).filter((t) => t && t.status === 'ready').map((t) => t!.id);
    await queue.enqueue(ready);
    const removed = report.ids.removed;
    await vectors.retire(removed);
    await queue.drop(removed);
    await ingest.refreshCounts();
    void interop.refreshRekordboxValues();
  };

  /**
   * Make `modelId`'s vectors the active ones, then queue what is out of date: switching models
   * re-embeds the library (analyses and windows are reused from the cache).
   */
  async function activateVectors(modelId: string): Promise<void> {
    const report = await vectors.open(modelId);
    log.info('index-open', { modelId, ...report });
    library.vectorRows = vectors.rowOf;
    await library.refreshTracks();
    await vectors.pushFacts([...vectors.rowOf.keys()], true);
    await queueOutOfDate();
  }

  /**
   * Queue every track whose stored results the active pipeline finds out of date (another
   * profile, BPM range, analyzer or embedder version); the next run recomputes only those parts.
   */
  async function queueOutOfDate(): Promise<void> {
    const pipeline = activePipeline();
    const stale = await outOfDateTracks(db, pipeline);
    if (stale.length) {
      log.info('out-of-date', { tracks: stale.length, modelId: pipeline.embedding.modelId });
      await queue.enqueue(stale);
    }
    await ingest.refreshCounts();
  }
  /** Settings that change what the pipeline computes (profile, BPM range) re-plan the library. */
  function replanOnSettingsChange(): void {
    const pipelineSettings = () => JSON.stringify([settings.profile(), settings.store.get().bpmRange]);
    let current = pipelineSettings();
    settings.store.subscribe(() => {
      if (pipelineSettings() === current) return;
      current = pipelineSettings();
      void queueOutOfDate();
    });
  }

  let activeModelId = embedder.store.get().modelId;
  embedder.store.subscribe(() => {
    const { modelId, setup, error } = embedder.store.get();
    if (error) log.warn('model', { error });
    if (modelId === activeModelId) return;
    activeModelId = modelId;
    log.info('model', { modelId, setup });
    if (setup && findModel(bundledManifest, modelId).kind === 'onnx') {
      void keepOnnxRuntimeOffline().catch((e) => log.warn('onnxruntime-offline-copy-failed', { message: String(e) }));
    }
    void settings.update({ modelId });
    void activateVectors(modelId);
  });

  async function init(): Promise<void> {
    await settings.load();
    await duplicates.load();
    await incoming.load();
    await library.init();
    await activateVectors(activeModel().modelId);
    replanOnSettingsChange();
    await watcher.load();
    // Re-open the ONNX model chosen last time; if it is gone, the built-in embedder carries on.
    const { modelId, device, precision } = settings.store.get();
    if (modelId !== activeModelId) await embedder.use(modelId, device, precision).catch(() => log.warn('model-reopen-failed', { modelId }));
    // The page was reloaded so that the policy allows a new model download origin: start it now.
    const pending = takePendingDownload();
    if (pending) void embedder.download(pending.modelId, pending.precision, pending.baseUrl).catch(() => undefined);
    void interop.refreshRekordboxValues();
    let folderPath = settings.store.get().musicFolderPath;
    settings.store.subscribe(() => {
      if (settings.store.get().musicFolderPath === folderPath) return;
      folderPath = settings.store.get().musicFolderPath;
      void interop.refreshRekordboxValues();
    });
    if (navigator.storage?.persist) void navigator.storage.persist();
    window.addEventListener('error', (e) => log.error('uncaught', { message: e.message }));
    window.addEventListener('unhandledrejection', (e) => log.error('unhandled-rejection', { message: String((e as PromiseRejectionEvent).reason) }));
  }

  const preview = new PreviewPlayer(decoderPool, async (trackId) => {
    const view = library.view(trackId);
    const source = library.musicSource;
    if (!view || !source) return fail('The music folder is not connected');
    const windows = await db.windows.get(trackId);
    try {
      const file = await source.file(view.track.relativePath);
      return ok({ file, durationSec: windows?.durationSec ?? durationOf(view), mainStartSec: windows?.windows.find((w) => w.kind === 'main')?.startSec });
    } catch (error) {
      return fail(`Cannot open ${view.track.relativePath}: ${errorMessage(error)}`);
    }
  });
  const interop = new InteropService(db, library, settings);
  // Crates, smart crates, set builder, library map (app.crates, app.map, app.setBuilder, app.crateExport).
  const crateFeatures = createCrateFeatures({
    db,
    library,
    vectors,
    settings,
    exportTrack: (view) => interop.exportTrack(view),
    modelId: () => activeModel().modelId,
    leaveOut: () => duplicates.excludedFromExports(),
  });
  const duplicates = new DuplicatesService(db, library, crateFeatures.crates, crateFeatures.mapWorker, {
    rowOf: vectors.rowOf,
    modelId: () => activeModel().modelId,
    dims: DEFAULT_DIMS,
  });
  interop.leaveOut = () => duplicates.excludedFromExports();
  const incoming = new IncomingService(db, library, crateFeatures.crates, {
    queue,
    start: () => void ingest.start(),
  });
  // New, changed, moved and removed files update the library by themselves; new ones are analyzed if the DJ chose that.
  const watcher = new FolderWatcher(db, library, () => void ingest.start());
  interop.crates = async () => {
    const { crates, cratesLoaded } = crateFeatures;
    await cratesLoaded;
    // Smart crates are exported with their members as of now, not as of the last debounced evaluation.
    if (crates.store.get().crates.some((c) => crates.isSmart(c))) await crates.evaluate();
    return crates.store.get().crates.map((c) => ({ id: c.id, name: c.name, trackIds: crates.trackIdsOf(c.id), position: c.position }));
  };

  return {
    db,
    settings,
    preview,
    interop,
    stageTotals,
    log,
    /** A new version is installed and waiting; `apply` switches to it (reloads). */
    updateReady: new Store<{ apply: () => void } | Record<string, never>>({}),
    library,
    duplicates,
    incoming,
    watcher,
    embedder,
    queue,
    ingest,
    vectors,
    ...crateFeatures,
    /** The ONNX runtime is kept offline once an ONNX model is in use (not precached). */
    onnxRuntime: { keepOffline: () => keepOnnxRuntimeOffline() },
    init,
    /** Queue what the active pipeline finds out of date (also run at start and on pipeline settings changes). */
    queueOutOfDate,
    get decoder(): DecodeService {
      return decoderPool();
    },
  };
}

export type RbassistApp = ReturnType<typeof createApp>;
