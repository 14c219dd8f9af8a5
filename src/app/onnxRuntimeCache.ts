/**
 * The onnxruntime-web WASM files (≈ 41 MB) are not in the service worker's precache: users of the
 * built-in embedder never need them. When an ONNX model is in use they are fetched once into this
 * cache (the service worker serves /vendor/ort/ from it, cache first), so the model works offline.
 * The file list is written at build time by vite.config.ts (vendor/ort/files.json).
 */
export const ORT_CACHE_NAME = 'rbassist-onnxruntime';
export const ORT_PATH = 'vendor/ort/';
export const ORT_FILE_LIST = `${ORT_PATH}files.json`;

/** Fetch every ONNX runtime file not yet kept offline; resolves with how many are kept. */
export async function keepOnnxRuntimeOffline(base: string = document.baseURI): Promise<number> {
  if (typeof caches === 'undefined') return 0;
  const names = (await (await fetch(new URL(ORT_FILE_LIST, base))).json()) as string[];
  const cache = await caches.open(ORT_CACHE_NAME);
  for (const name of names) {
    const url = new URL(`${ORT_PATH}${name}`, base).href;
    if (!(await cache.match(url))) await cache.add(url);
  }
  return names.length;
}
