import { directoryAt, opfsRoot, readFileAt, removeEntry } from './opfs';

/**
 * Model files in OPFS (`models/<file>`): fetched once with a resumable download or copied from
 * files the DJ picks, then read from here for every session — never from the network again.
 * A download in progress lives in `models/<file>.part` so a retry continues where it stopped.
 */
const DIR = 'models';
const COMMIT_EVERY_BYTES = 8 * 1024 * 1024;

export interface DownloadProgress {
  file: string;
  received: number;
  total: number | null;
}

async function modelsDir(create = true): Promise<FileSystemDirectoryHandle> {
  return directoryAt(await opfsRoot(), DIR, create);
}

export async function readModelFile(file: string): Promise<Uint8Array | undefined> {
  const blob = await readFileAt(await opfsRoot(), `${DIR}/${file}`);
  return blob ? new Uint8Array(await blob.arrayBuffer()) : undefined;
}

/** Whether `models/<file>` is installed, without reading it (model files are hundreds of MB). */
export async function hasModelFile(file: string): Promise<boolean> {
  try {
    await (await modelsDir()).getFileHandle(file);
    return true;
  } catch {
    return false;
  }
}

export async function removeModelFile(file: string): Promise<void> {
  await removeEntry(await opfsRoot(), `${DIR}/${file}`);
  await removeEntry(await opfsRoot(), `${DIR}/${file}.part`);
}

/** Copy a picked file into OPFS under `name` (streamed: multi-GB external data never sits in memory). */
export async function importModelFile(source: Blob, name: string): Promise<void> {
  const handle = await (await modelsDir()).getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  try {
    await source.stream().pipeTo(writable);
  } catch (error) {
    await removeModelFile(name);
    throw error;
  }
}

/** Write `models/<name>` from chunks produced one after another (a converter's output); removed if writing fails. */
export async function writeModelFile(name: string, chunks: AsyncIterable<Uint8Array>): Promise<void> {
  const handle = await (await modelsDir()).getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  try {
    for await (const chunk of chunks) await writable.write(chunk as Uint8Array<ArrayBuffer>);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    await removeModelFile(name);
    throw error;
  }
}

/**
 * Download `url` into `models/<file>`, resuming a previous partial download with an HTTP Range
 * request. The finished file replaces the `.part` only when complete.
 */
export async function downloadModelFile(url: string, file: string, onProgress: (progress: DownloadProgress) => void, signal?: AbortSignal): Promise<void> {
  const dir = await modelsDir();
  const partHandle = await dir.getFileHandle(`${file}.part`, { create: true });
  const already = (await partHandle.getFile()).size;
  let response: Response;
  try {
    response = await fetch(url, { signal, headers: already > 0 ? { Range: `bytes=${already}-` } : undefined });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    // fetch says only "Failed to fetch": name the likely causes.
    throw new Error(
      `Could not download ${file} from ${new URL(url).origin}: the server did not answer, or it does not allow downloads from other sites (it must send Access-Control-Allow-Origin). Check the URL and that the server is reachable.`,
      { cause: error },
    );
  }
  if (!response.ok) throw new Error(`Download of ${file} failed: HTTP ${response.status} ${response.statusText} from ${url}`);
  const resumed = response.status === 206;
  const length = Number(response.headers.get('Content-Length')) || null;
  const total = length === null ? null : resumed ? already + length : length;
  // OPFS writables commit only on close(), so commit every few MB: an interrupted download keeps
  // what arrived and the next attempt resumes from there.
  let received = resumed ? already : 0;
  let writable = await partHandle.createWritable({ keepExistingData: resumed });
  if (resumed) await writable.seek(already);
  else await writable.truncate(0);
  let sinceCommit = 0;
  const reader = response.body!.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      await writable.write(value);
      received += value.byteLength;
      sinceCommit += value.byteLength;
      onProgress({ file, received, total });
      if (sinceCommit >= COMMIT_EVERY_BYTES) {
        await writable.close();
        writable = await partHandle.createWritable({ keepExistingData: true });
        await writable.seek(received);
        sinceCommit = 0;
      }
    }
  } finally {
    await writable.close();
  }
  const complete = await partHandle.getFile();
  if (total !== null && complete.size !== total)
    throw new Error(`Download of ${file} stopped at ${complete.size} of ${total} bytes; press Download again to resume`);
  await importModelFile(complete, file);
  await dir.removeEntry(`${file}.part`);
}

/** Rename a model file in OPFS (after an imported file has been validated under a temporary name). */
export async function renameModelFile(from: string, to: string): Promise<void> {
  const dir = await modelsDir();
  const handle = (await dir.getFileHandle(from)) as FileSystemFileHandle & { move?: (name: string) => Promise<void> };
  if (handle.move) {
    await removeEntry(dir, to);
    await handle.move(to);
    return;
  }
  await importModelFile(await handle.getFile(), to);
  await dir.removeEntry(from);
}
