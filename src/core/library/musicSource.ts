/**
 * The contract of a music source, for every host: the browser's picked folder or file list
 * (src/app/musicSource.ts) and the CLI's folder on disk (cli/library/folderSource.ts).
 * @module
 */

/**
 * Where the music comes from: a picked folder (File System Access API, remembered) or, in browsers
 * without it, the files of an `<input webkitdirectory>` (read-only snapshot, not remembered).
 * Both are read-only: rbassist never writes to the music folder.
 */
export interface MusicSource {
  readonly name: string;
  /** Visit every audio file below the root; unreadable entries are reported, not thrown. */
  walk(signal?: AbortSignal): AsyncIterable<WalkEntry>;
  /** The file at a relative path, for decoding later. */
  file(relativePath: string): Promise<File>;
}

export type WalkEntry = { kind: 'file'; relativePath: string; file: File } | { kind: 'unreadable'; relativePath: string; reason: string };

/** The folder can no longer be read at all (permission withdrawn, drive gone): stop, change nothing. */
export class FolderAccessLostError extends Error {
  constructor(
    readonly folderName: string,
    cause: unknown,
  ) {
    super(
      `Access to "${folderName}" was lost (${(cause as Error)?.name ?? 'error'}). ` + 'Reconnect the folder to continue; nothing in the library was changed.',
    );
    this.name = 'FolderAccessLostError';
  }
}
