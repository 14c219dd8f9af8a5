/**
 * The app's MusicSource (src/app/musicSource.ts) over a folder on disk, so the CLI scans with the
 * browser's own scan stage. Same rules as the browser's walk: hidden/system entries skipped, audio
 * extensions only, sorted, NFC relative paths; unreadable files and folders are reported, not thrown.
 * Symlinked folders are not followed (a link back up the tree would loop forever).
 * @module
 */
import { openAsBlob } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { MusicSource, WalkEntry } from '../../src/core/library/musicSource';
import { isAudioFileName, isHiddenOrSystem } from '../../src/core/library/audioFiles';
import { normalizeRelativePath } from '../../src/core/library/trackId';
import { describeFsError } from '../errors';

/** A file on disk as a web File (contents read lazily), remembering where it lives. */
export class DiskFile extends File {
  constructor(
    blob: Blob,
    name: string,
    lastModified: number,
    readonly absolutePath: string,
  ) {
    super([blob], name, { lastModified });
  }
}

export async function openDiskFile(absolutePath: string, name: string): Promise<DiskFile> {
  const info = await stat(absolutePath);
  if (!info.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EISDIR' });
  // File.lastModified is whole milliseconds in browsers too.
  return new DiskFile(await openAsBlob(absolutePath), name, Math.trunc(info.mtimeMs), absolutePath);
}

export class FolderSource implements MusicSource {
  /** On-disk path of each relative path seen by the last walk (the name on disk may be NFD). */
  private readonly pathOf = new Map<string, string>();

  constructor(readonly root: string) {}

  get name(): string {
    return this.root;
  }

  absolutePath(relativePath: string): string {
    return this.pathOf.get(relativePath) ?? join(this.root, relativePath);
  }

  async *walk(signal?: AbortSignal): AsyncIterable<WalkEntry> {
    const stack: { dir: string; prefix: string }[] = [{ dir: this.root, prefix: '' }];
    while (stack.length > 0) {
      signal?.throwIfAborted();
      const { dir, prefix } = stack.pop()!;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch (error) {
        yield { kind: 'unreadable', relativePath: normalizeRelativePath(prefix) || '.', reason: `Folder cannot be listed: ${describeFsError(error)}` };
        continue;
      }
      const files: { name: string; relativePath: string }[] = [];
      const subdirs: { dir: string; prefix: string }[] = [];
      for (const entry of entries) {
        if (isHiddenOrSystem(entry.name)) continue;
        if (entry.isDirectory()) subdirs.push({ dir: join(dir, entry.name), prefix: `${prefix}${entry.name}/` });
        else if ((entry.isFile() || entry.isSymbolicLink()) && isAudioFileName(entry.name)) {
          files.push({ name: entry.name, relativePath: normalizeRelativePath(prefix + entry.name) });
        }
      }
      files.sort((a, b) => (a.relativePath < b.relativePath ? -1 : 1));
      subdirs.sort((a, b) => (a.prefix < b.prefix ? 1 : -1));
      for (const { name, relativePath } of files) {
        const absolutePath = join(dir, name);
        this.pathOf.set(relativePath, absolutePath);
        try {
          yield { kind: 'file', relativePath, file: await openDiskFile(absolutePath, name) };
        } catch (error) {
          yield { kind: 'unreadable', relativePath, reason: `File cannot be read (${describeFsError(error)})` };
        }
      }
      stack.push(...subdirs);
    }
  }

  async file(relativePath: string): Promise<File> {
    const absolutePath = this.absolutePath(relativePath);
    try {
      return await openDiskFile(absolutePath, absolutePath.split(/[\\/]/).pop()!);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new DOMException(`${relativePath} is missing`, 'NotFoundError');
      throw error;
    }
  }
}
