/**
 * `rbassist watch <folder>`: analyze the folder, then keep watching it (Node's fs.watch, recursive)
 * and run the same scan + analysis again once changes have settled: new files are analyzed, moved
 * ones keep their data, removed ones leave the index. Ctrl-C stops.
 * @module
 */
import { watch } from 'node:fs';
import { isAudioFileName, isHiddenOrSystem } from '../../src/core/library/audioFiles';
import { checkMusicFolder } from '../state/stateDir';
import { analyzeFolder, type AnalyzeOptions } from './analyze';
import { line, type CommandIO } from './io';

/** Files being copied change many times: one run once nothing changed for this long. */
export const SETTLE_MS = 2000;

export async function watchCommand(options: AnalyzeOptions & { settleMs?: number }, io: CommandIO): Promise<number> {
  const musicFolder = checkMusicFolder(options.folder);
  const settleMs = options.settleMs ?? SETTLE_MS;
  let exitCode = (await analyzeFolder(options, io)).exitCode;
  if (io.signal.aborted) return exitCode;

  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | null = null;
  let again = false;
  const run = async () => {
    if (running) {
      again = true; // changed while analyzing: one more run afterwards
      return;
    }
    running = (async () => {
      do {
        again = false;
        exitCode = (await analyzeFolder(options, io)).exitCode;
      } while (again && !io.signal.aborted);
    })();
    await running;
    running = null;
    line(io, `Watching ${musicFolder} (Ctrl-C to stop)`);
  };
  const watcher = watch(musicFolder, { recursive: true }, (_event, name) => {
    const path = String(name ?? '');
    // Hidden and system entries, and non-audio files, never change the library.
    const parts = path.split(/[\\/]/);
    if (path && (parts.some(isHiddenOrSystem) || (!isAudioFileName(parts[parts.length - 1]) && parts[parts.length - 1].includes('.')))) return;
    clearTimeout(timer);
    timer = setTimeout(() => void run(), settleMs);
  });
  line(io, `Watching ${musicFolder} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => io.signal.addEventListener('abort', () => resolve(), { once: true }));
  clearTimeout(timer);
  watcher.close();
  await running;
  return exitCode;
}
