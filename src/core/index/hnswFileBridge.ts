import type { HierarchicalNSW, HnswlibModule } from 'hnswlib-wasm/dist/hnswlib.js';
import { callEngine } from './hnswlibRuntime';

/**
 * Moves a serialized hnswlib index in and out of the engine as bytes.
 *
 * hnswlib-wasm only reads and writes indexes as files in its Emscripten file system, mounted with
 * IDBFS at /hnswlib-index, and does not export `FS`. Its one way out is IDBFS itself: `writeIndex`
 * saves the file and syncs it into the IndexedDB database "/hnswlib-index" (store "FILE_DATA", key =
 * the file path), where we read the bytes; loading puts the bytes there and syncs them back in. The
 * scratch record and file are removed right after, so the app's copy lives only where the caller
 * stores it (OPFS `index/<modelId>.hnsw`). Needs a global `indexedDB` (pages and workers have one;
 * Node tests import 'fake-indexeddb/auto').
 *
 * The engine's file system is shared by every index in the realm, so transfers run one at a time.
 */
const MOUNT = '/hnswlib-index';
const STORE = 'FILE_DATA';
/** Emscripten IDBFS schema version; opening with another version would reshape its database. */
const IDBFS_DB_VERSION = 21;
/** S_IFREG | 0666: what IDBFS stores as the mode of a regular file. */
const REGULAR_FILE_MODE = 0o100666;
const SYNC_TIMEOUT_MS = 120_000;

let queue: Promise<unknown> = Promise.resolve();
let scratchCounter = 0;

function exclusive<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

function requireIndexedDb(): IDBFactory {
  const factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
  if (!factory) {
    throw new Error(
      'Saving or loading an HNSW index needs IndexedDB (hnswlib-wasm moves index files through IDBFS); in Node, import "fake-indexeddb/auto" first',
    );
  }
  return factory;
}

function openScratchDb(): Promise<IDBDatabase> {
  const factory = requireIndexedDb();
  return new Promise((resolve, reject) => {
    const request = factory.open(MOUNT, IDBFS_DB_VERSION);
    // Same layout IDBFS creates, in case the engine never reached IndexedDB at start-up.
    request.onupgradeneeded = () => {
      const db = request.result;
      const store = db.objectStoreNames.contains(STORE) ? request.transaction!.objectStore(STORE) : db.createObjectStore(STORE);
      if (!store.indexNames.contains('timestamp')) store.createIndex('timestamp', 'timestamp', { unique: false });
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(new Error(`Cannot open the HNSW scratch database: ${request.error?.message}`));
  });
}

function runOnStore<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  return openScratchDb().then(
    (db) =>
      new Promise<T>((resolve, reject) => {
        const tx = db.transaction(STORE, mode);
        const request = act(tx.objectStore(STORE));
        tx.oncomplete = () => {
          db.close();
          resolve(request.result);
        };
        tx.onerror = () => {
          db.close();
          reject(new Error(`HNSW scratch database: ${tx.error?.message ?? 'transaction failed'}`));
        };
      }),
  );
}

/** IDBFS reports completion through `isSynced()` (false while running and after a failure). */
async function waitUntilSynced(lib: HnswlibModule, what: string): Promise<void> {
  const started = Date.now();
  while (!lib.EmscriptenFileSystemManager.isSynced()) {
    if (Date.now() - started > SYNC_TIMEOUT_MS) {
      throw new Error(`HNSW index: ${what} did not finish within ${SYNC_TIMEOUT_MS / 1000} s (IndexedDB sync failed or is blocked)`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Pulls IndexedDB's view into the engine's files (adds new ones, drops those no longer there). */
function syncIntoEngine(lib: HnswlibModule): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    try {
      void lib.EmscriptenFileSystemManager.syncFS(true, () => resolve());
    } catch (error) {
      reject(error);
    }
  }).then(() => {
    if (!lib.EmscriptenFileSystemManager.isSynced()) throw new Error('HNSW index: reading files from IndexedDB failed');
  });
}

async function removeScratch(lib: HnswlibModule, fileName: string): Promise<void> {
  await runOnStore('readwrite', (store) => store.delete(`${MOUNT}/${fileName}`));
  await syncIntoEngine(lib); // the engine's copy goes too: it no longer exists in IndexedDB
}

/** The bytes hnswlib writes for `index` (its native saveIndex format). */
export function exportIndexBytes(lib: HnswlibModule, index: HierarchicalNSW): Promise<Uint8Array> {
  return exclusive(async () => {
    const fileName = `rbassist-export-${++scratchCounter}.bin`;
    requireIndexedDb();
    callEngine(lib, 'writing the index file', () => void index.writeIndex(fileName));
    try {
      await waitUntilSynced(lib, 'saving the index file');
      const entry = await runOnStore<{ contents?: ArrayBufferView } | undefined>('readonly', (store) => store.get(`${MOUNT}/${fileName}`));
      if (!entry?.contents) throw new Error('HNSW index: the saved index file did not reach IndexedDB');
      const { buffer, byteOffset, byteLength } = entry.contents;
      return new Uint8Array(buffer, byteOffset, byteLength);
    } finally {
      await removeScratch(lib, fileName);
    }
  });
}

/** Loads hnswlib bytes (from `exportIndexBytes`) into `index`, sized for `capacity` elements. */
export function importIndexBytes(lib: HnswlibModule, index: HierarchicalNSW, bytes: Uint8Array, capacity: number): Promise<void> {
  return exclusive(async () => {
    const fileName = `rbassist-import-${++scratchCounter}.bin`;
    const entry = { timestamp: new Date(), mode: REGULAR_FILE_MODE, contents: bytes };
    await runOnStore('readwrite', (store) => store.put(entry, `${MOUNT}/${fileName}`));
    try {
      await syncIntoEngine(lib);
      if (!lib.EmscriptenFileSystemManager.checkFileExists(fileName)) {
        throw new Error('HNSW index: the index file did not reach the engine');
      }
      callEngine(lib, 'reading the index file', () => void index.readIndex(fileName, capacity));
    } finally {
      await removeScratch(lib, fileName);
    }
  });
}
