import type { MapWorkerApi } from '../../../workers/map.worker';
import { WorkerHost } from '../workerHost';
import { startMapWorker } from '../workers';

/** Shut down after this long unused: the worker holds a copy of the whole vector file. */
const MAP_WORKER_IDLE_MS = 60_000;

/** The map worker (layouts, whole-library similarity scores): started on first use, shut down when idle. */
export function createMapWorker(): WorkerHost<MapWorkerApi> {
  return new WorkerHost<MapWorkerApi>({ name: 'map', create: startMapWorker, tasksPerWorker: Infinity, idleShutdownMs: MAP_WORKER_IDLE_MS });
}
