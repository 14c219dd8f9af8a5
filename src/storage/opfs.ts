/**
 * Origin Private File System helpers: the app's own storage for vectors, indexes and models.
 * (The user's music folder is never written; these only touch the origin's private space.)
 */
export async function opfsRoot(): Promise<FileSystemDirectoryHandle> {
  return navigator.storage.getDirectory();
}

/** Resolve "a/b/c" below `root`, creating directories when asked. */
export async function directoryAt(root: FileSystemDirectoryHandle, path: string, create = false): Promise<FileSystemDirectoryHandle> {
  let dir = root;
  for (const part of path.split('/').filter(Boolean)) dir = await dir.getDirectoryHandle(part, { create });
  return dir;
}

function splitPath(path: string): { dir: string; name: string } {
  const at = path.lastIndexOf('/');
  return at < 0 ? { dir: '', name: path } : { dir: path.slice(0, at), name: path.slice(at + 1) };
}

export async function fileHandleAt(root: FileSystemDirectoryHandle, path: string, create = false): Promise<FileSystemFileHandle> {
  const { dir, name } = splitPath(path);
  return (await directoryAt(root, dir, create)).getFileHandle(name, { create });
}

/** Write a whole file atomically from the caller's view (createWritable commits on close). */
export async function writeFileAt(root: FileSystemDirectoryHandle, path: string, data: BufferSource | Blob | string): Promise<void> {
  const handle = await fileHandleAt(root, path, true);
  const writable = await handle.createWritable();
  try {
    await writable.write(data);
    await writable.close();
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
}

export async function readFileAt(root: FileSystemDirectoryHandle, path: string): Promise<File | undefined> {
  try {
    return await (await fileHandleAt(root, path)).getFile();
  } catch (error) {
    if ((error as DOMException).name === 'NotFoundError') return undefined;
    throw error;
  }
}

export async function removeEntry(root: FileSystemDirectoryHandle, path: string): Promise<void> {
  const { dir, name } = splitPath(path);
  try {
    await (await directoryAt(root, dir)).removeEntry(name, { recursive: true });
  } catch (error) {
    if ((error as DOMException).name !== 'NotFoundError') throw error;
  }
}

/** True when the error means the disk/quota is full (stop cleanly, resume when space is freed). */
export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'QuotaExceededError' || (error instanceof Error && /quota/i.test(error.message));
}

export interface StorageEstimateView {
  usage: number;
  quota: number;
  persisted: boolean;
}

export async function storageEstimate(): Promise<StorageEstimateView> {
  const [estimate, persisted] = await Promise.all([navigator.storage.estimate(), navigator.storage.persisted?.() ?? false]);
  return { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0, persisted };
}
