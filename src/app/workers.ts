/**
 * @module Every worker the app starts, as the literal `new Worker(new URL(…), { type: 'module' })`
 * Vite needs to see in order to bundle it. Only a `WorkerHost` (workerHost.ts) calls these.
 */
export const startTagsWorker = () => new Worker(new URL('../../workers/tags.worker.ts', import.meta.url), { type: 'module', name: 'tags' });
export const startDecodeWorker = () => new Worker(new URL('../../workers/decode.worker.ts', import.meta.url), { type: 'module', name: 'decode' });
export const startEmbedWorker = () => new Worker(new URL('../../workers/embed.worker.ts', import.meta.url), { type: 'module', name: 'embed' });
export const startCheckpointWorker = () => new Worker(new URL('../../workers/checkpoint.worker.ts', import.meta.url), { type: 'module', name: 'checkpoint' });
export const startIndexWorker = () => new Worker(new URL('../../workers/index.worker.ts', import.meta.url), { type: 'module', name: 'index' });
export const startMapWorker = () => new Worker(new URL('../../workers/map.worker.ts', import.meta.url), { type: 'module', name: 'map' });
