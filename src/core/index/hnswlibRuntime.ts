import type { HnswlibModule } from 'hnswlib-wasm/dist/hnswlib.js';
import { errorMessage } from '../errors';

/**
 * Loads hnswlib-wasm once per realm (page, worker or Node process) and turns its C++ exceptions into
 * readable errors.
 *
 * - The package has no "main"/"exports" (only "module"), so Node cannot resolve the bare name; the
 *   dist entry is imported by path, which Vite resolves the same way.
 * - It is compiled with ENVIRONMENT=web: its only guard is `typeof window == 'object' ||
 *   typeof importScripts == 'function'`. In Node (tests, benchmarks) a throwing `importScripts`
 *   stands in while the module instantiates (the wasm is inlined as base64, nothing is fetched) and
 *   is removed afterwards. Pages and workers pass the guard as they are.
 */
let loading: Promise<HnswlibModule> | undefined;

export function loadHnswlibRuntime(): Promise<HnswlibModule> {
  loading ??= instantiate().catch((error: unknown) => {
    loading = undefined;
    throw new Error(`Could not start the HNSW index engine (hnswlib-wasm): ${describeError(error)}`);
  });
  return loading;
}

async function instantiate(): Promise<HnswlibModule> {
  const scope = globalThis as { window?: unknown; importScripts?: unknown };
  const needsShim = typeof scope.window !== 'object' && typeof scope.importScripts !== 'function';
  if (needsShim) {
    scope.importScripts = () => {
      throw new Error('importScripts is not available outside browsers');
    };
  }
  try {
    const { loadHnswlib } = await import('hnswlib-wasm/dist/hnswlib.js');
    return await loadHnswlib();
  } finally {
    if (needsShim) delete scope.importScripts;
  }
}

/** The message of a C++ exception thrown through wasm (WebAssembly.Exception), else of any error. */
export function describeError(error: unknown, lib?: HnswlibModule): string {
  if (lib && Object.prototype.toString.call(error) === '[object WebAssembly.Exception]') {
    const getMessage = (lib as unknown as { getExceptionMessage?: (e: unknown) => [string, string] }).getExceptionMessage;
    const decoded = getMessage?.(error);
    if (decoded) return decoded[1] || decoded[0];
  }
  return errorMessage(error);
}

/** Runs a call into the engine, rethrowing its C++ exceptions as Errors that say what was being done. */
export function callEngine<T>(lib: HnswlibModule, doing: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw new Error(`HNSW index: ${doing} failed: ${describeError(error, lib)}`, { cause: error });
  }
}
