/**
 * `rbassist scan <folder>`: bring the library in line with the folder (new, changed, removed files, tags).
 * @module
 */
import { EXIT } from '../errors';
import { FolderSource } from '../library/folderSource';
import { LibraryState } from '../state/libraryState';
import { acquireLock, checkMusicFolder, openStateFor } from '../state/stateDir';
import { line, type CommandIO } from './io';
import { scanStep } from './scanStep';

export interface ScanOptions {
  folder: string;
  state?: string;
}

export async function scanCommand(options: ScanOptions, io: CommandIO): Promise<number> {
  const musicFolder = checkMusicFolder(options.folder);
  const location = openStateFor(musicFolder, options.state);
  const release = acquireLock(location.dir);
  try {
    const state = new LibraryState(location.dir);
    const { report, unreadable } = await scanStep(state, new FolderSource(musicFolder), io);
    line(io, `Library: ${state.presentTracks().length} tracks (state in ${location.dir})`);
    if (report.stoppedEarly) return EXIT.interrupted;
    return unreadable.length > 0 ? EXIT.someTracksFailed : EXIT.ok;
  } finally {
    release();
  }
}
