import type { RbassistDb } from './db';

/**
 * The picked music folder, remembered between visits. IndexedDB can store a
 * FileSystemDirectoryHandle; permission is not remembered with it, so a later visit asks again
 * ("Reconnect") instead of making the DJ find the folder once more.
 */
const MUSIC_ROOT = 'music-root';

export async function saveMusicFolder(db: RbassistDb, handle: FileSystemDirectoryHandle): Promise<void> {
  await db.handles.put({ key: MUSIC_ROOT, handle, name: handle.name, savedAt: Date.now() });
}

export async function loadMusicFolder(db: RbassistDb): Promise<FileSystemDirectoryHandle | undefined> {
  return (await db.handles.get(MUSIC_ROOT))?.handle;
}

export type ReadPermission = 'granted' | 'prompt' | 'denied';

/** Read-only permission state; handles without the permission API (OPFS in old engines) count as granted. */
export async function readPermission(handle: FileSystemHandle, request = false): Promise<ReadPermission> {
  const h = handle as FileSystemHandle & {
    queryPermission?: (d: { mode: 'read' }) => Promise<PermissionState>;
    requestPermission?: (d: { mode: 'read' }) => Promise<PermissionState>;
  };
  if (!h.queryPermission) return 'granted';
  const state = await h.queryPermission({ mode: 'read' });
  if (state === 'granted' || !request || !h.requestPermission) return state;
  return h.requestPermission({ mode: 'read' });
}
