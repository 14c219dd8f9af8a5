import type { Page } from 'playwright-core';
import type { FixtureFile } from '../../scripts/fixtures/libraryFixture';

/**
 * Write fixture files into a folder of the page's OPFS. An OPFS directory handle is a real
 * FileSystemDirectoryHandle: scanning it exercises the same code as a folder the DJ picked.
 */
export async function writeOpfsFiles(page: Page, folder: string, files: Pick<FixtureFile, 'path' | 'base64'>[]): Promise<void> {
  await page.evaluate(
    async ({ folder, files }) => {
      let root = await navigator.storage.getDirectory();
      root = await root.getDirectoryHandle(folder, { create: true });
      for (const file of files) {
        const parts = file.path.split('/');
        let dir = root;
        for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
        const handle = await dir.getFileHandle(parts[parts.length - 1], { create: true });
        const writable = await handle.createWritable();
        const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
        await writable.write(bytes);
        await writable.close();
      }
    },
    { folder, files },
  );
}

export async function removeOpfsFile(page: Page, folder: string, path: string): Promise<void> {
  await page.evaluate(
    async ({ folder, path }) => {
      let dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
      const parts = path.split('/');
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
      await dir.removeEntry(parts[parts.length - 1]);
    },
    { folder, path },
  );
}

/** Snapshot of every file (path → size) below an OPFS folder: proves a scan wrote nothing there. */
export async function listOpfsFiles(page: Page, folder: string): Promise<Record<string, number>> {
  return page.evaluate(async (folder) => {
    const out: Record<string, number> = {};
    const walk = async (dir: FileSystemDirectoryHandle, prefix: string) => {
      for await (const [name, handle] of dir.entries()) {
        if (handle.kind === 'directory') await walk(handle as FileSystemDirectoryHandle, `${prefix}${name}/`);
        else out[prefix + name] = (await (handle as FileSystemFileHandle).getFile()).size;
      }
    };
    await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle(folder), '');
    return out;
  }, folder);
}

/** Connect an OPFS folder as the music folder (same code path as a picked folder) and scan it. */
export function connectOpfsFolder(page: Page, folder: string) {
  return page.evaluate(async (folder) => {
    const handle = await (await navigator.storage.getDirectory()).getDirectoryHandle(folder);
    return (window as any).rbassist.library.connectDirectory(handle);
  }, folder);
}
