import { wrap, type Remote } from 'comlink';
import type { MapWorkerApi } from '../../../workers/map.worker';

/** The map worker (layouts, whole-library similarity scores), started on first use. */
export function lazyMapWorker(): () => Remote<MapWorkerApi> {
  let api: Remote<MapWorkerApi> | undefined;
  return () => (api ??= wrap<MapWorkerApi>(new Worker(new URL('../../../workers/map.worker.ts', import.meta.url), { type: 'module', name: 'map' })));
}
