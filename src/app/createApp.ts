import { database } from '../storage/db';
import type { TagsWorkerApi } from '../../workers/tags.worker';
import type { TagResult } from '../core/library/tagMapping';
import { DecodeService } from './decodeService';
import { EmbedService } from './embedService';
import { LibraryController } from './libraryController';
import { WorkerPool, defaultPoolSize } from './workerPool';

/** Composition root: wires storage, worker pools and controllers together for the UI. */
export function createApp() {
  const db = database();
  const tagPool = new WorkerPool<TagsWorkerApi>({
    create: () => new Worker(new URL('../../workers/tags.worker.ts', import.meta.url), { type: 'module', name: 'tags' }),
    size: defaultPoolSize(2),
    taskTimeoutMs: 120_000,
    recycleAfterTasks: 5_000,
  });
  const readTags = (files: File[]) =>
    tagPool.run((api) => api.readTagsBatch(files) as Promise<TagResult[]>, { label: `Reading tags of ${files.length} files` });
  const library = new LibraryController(db, readTags, tagPool.size * 2);
  let decoder: DecodeService | undefined;
  const embedder = new EmbedService();
  return {
    db,
    library,
    embedder,
    /** ffmpeg.wasm decode workers, started on first use (each loads a 31 MB WASM core). */
    get decoder(): DecodeService {
      decoder ??= new DecodeService();
      return decoder;
    },
  };
}

export type RbassistApp = ReturnType<typeof createApp>;
