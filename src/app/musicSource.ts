/**
 * The browser's music sources: a picked folder (File System Access API, remembered) or, in browsers
 * without it, the files of an `<input webkitdirectory>` (read-only snapshot, not remembered).
 * @module
 */
import { isAudioFileName, isHiddenOrSystem } from '../core/library/audioFiles';
import { FolderAccessLostError, type MusicSource, type WalkEntry } from '../core/library/musicSource';
import { normalizeRelativePath } from '../core/library/trackId';
import { errorMessage } from '../core/errors';

export { FolderAccessLostError, type MusicSource, type WalkEntry } from '../core/library/musicSource';

function isAccessLoss(error: unknown): boolean {
  const name = (error as { name?: string } | null)?.name;
  return name === 'NotAllowedError' || name === 'SecurityError';
}

/** A DJ-readable reason for a file that could not be opened. */
export function unreadableReason(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? 'Error';
  switch (name) {
    case 'NotFoundError':
      return 'File disappeared during the scan';
    case 'NotReadableError':
      return 'File cannot be read (locked by another program or a disk error)';
    case 'TypeMismatchError':
      return 'Not a regular file';
    default:
      return `File cannot be read (${name}: ${errorMessage(error)})`;
  }
}

const GET_FILE_BATCH = 32;

export class DirectoryHandleSource implements MusicSource {
  constructor(readonly root: FileSystemDirectoryHandle) {}

  get name(): string {
    return this.root.name;
  }

  async *walk(signal?: AbortSignal): AsyncIterable<WalkEntry> {
    // Depth-first with an explicit stack: 10+ levels of nesting cost nothing extra.
    const stack: { dir: FileSystemDirectoryHandle; prefix: string }[] = [{ dir: this.root, prefix: '' }];
    while (stack.length > 0) {
      signal?.throwIfAborted();
      const { dir, prefix } = stack.pop()!;
      const files: { handle: FileSystemFileHandle; relativePath: string }[] = [];
      const subdirs: { dir: FileSystemDirectoryHandle; prefix: string }[] = [];
      try {
        for await (const [name, handle] of dir.entries()) {
          if (isHiddenOrSystem(name)) continue;
          if (handle.kind === 'directory') subdirs.push({ dir: handle as FileSystemDirectoryHandle, prefix: `${prefix}${name}/` });
          else if (isAudioFileName(name)) files.push({ handle: handle as FileSystemFileHandle, relativePath: normalizeRelativePath(prefix + name) });
        }
      } catch (error) {
        if (isAccessLoss(error)) throw new FolderAccessLostError(this.root.name, error);
        yield { kind: 'unreadable', relativePath: normalizeRelativePath(prefix) || '.', reason: `Folder cannot be listed: ${unreadableReason(error)}` };
        continue;
      }
      // Sorted so that the walk order (and progress) is the same on every run.
      files.sort((a, b) => (a.relativePath < b.relativePath ? -1 : 1));
      subdirs.sort((a, b) => (a.prefix < b.prefix ? 1 : -1));
      for (let i = 0; i < files.length; i += GET_FILE_BATCH) {
        const batch = files.slice(i, i + GET_FILE_BATCH);
        const results = await Promise.allSettled(batch.map((f) => f.handle.getFile()));
        for (let j = 0; j < batch.length; j++) {
          const result = results[j];
          if (result.status === 'fulfilled') yield { kind: 'file', relativePath: batch[j].relativePath, file: result.value };
          else if (isAccessLoss(result.reason)) throw new FolderAccessLostError(this.root.name, result.reason);
          else yield { kind: 'unreadable', relativePath: batch[j].relativePath, reason: unreadableReason(result.reason) };
        }
      }
      stack.push(...subdirs);
    }
  }

  async file(relativePath: string): Promise<File> {
    const parts = relativePath.split('/');
    let dir = this.root;
    try {
      for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part);
      return await (await dir.getFileHandle(parts[parts.length - 1])).getFile();
    } catch (error) {
      if (isAccessLoss(error)) throw new FolderAccessLostError(this.root.name, error);
      throw error;
    }
  }
}

/** `<input webkitdirectory>` fallback: a one-off snapshot of the chosen folder's files. */
export class FileListSource implements MusicSource {
  private readonly byPath = new Map<string, File>();
  readonly name: string;

  constructor(files: Iterable<File>) {
    let rootName = '';
    for (const file of files) {
      const full = (file as File & { webkitRelativePath?: string }).webkitRelativePath || file.name;
      const parts = full.split('/');
      rootName ||= parts.length > 1 ? parts[0] : '';
      const relative = normalizeRelativePath(parts.length > 1 ? parts.slice(1).join('/') : full);
      if (relative.split('/').some(isHiddenOrSystem) || !isAudioFileName(parts[parts.length - 1])) continue;
      this.byPath.set(relative, file);
    }
    this.name = rootName || 'Selected files';
  }

  async *walk(signal?: AbortSignal): AsyncIterable<WalkEntry> {
    for (const relativePath of [...this.byPath.keys()].sort()) {
      signal?.throwIfAborted();
      yield { kind: 'file', relativePath, file: this.byPath.get(relativePath)! };
    }
  }

  async file(relativePath: string): Promise<File> {
    const file = this.byPath.get(relativePath);
    if (!file) throw new DOMException(`${relativePath} is not in the selected folder`, 'NotFoundError');
    return file;
  }
}
