/**
 * Where the CLI keeps its library state: a `.rbassist/` folder next to the music folder (never inside
 * it: the music folder is only read) or wherever `--state` points. The folder remembers which music
 * folder it belongs to, so one state is never silently mixed with another library.
 * @module
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, isAbsolute, join, parse, relative, resolve } from 'node:path';
import { CliError, describeFsError } from '../errors';
import { readJson, writeJsonAtomic } from './files';

export const STATE_DIR_NAME = '.rbassist';
const FORMAT = 'rbassist-cli-state';
const VERSION = 1;

interface LibraryInfo {
  format: string;
  version: number;
  /** Absolute path of the music folder this state describes. */
  musicFolder: string;
}

export interface StateLocation {
  dir: string;
  musicFolder: string;
}

/** Check that `folder` is a readable directory; returns its absolute path. */
export function checkMusicFolder(folder: string): string {
  const absolute = resolve(folder);
  let isDirectory: boolean;
  try {
    isDirectory = statSync(absolute).isDirectory();
  } catch (error) {
    throw new CliError(`Cannot open the music folder ${absolute}: ${describeFsError(error)}.`);
  }
  if (!isDirectory) throw new CliError(`${absolute} is a file, not a music folder. Pass the folder that holds your tracks.`);
  return absolute;
}

/** The default state folder of a music folder: `.rbassist` beside it. */
export function defaultStateDir(musicFolder: string): string {
  if (parse(musicFolder).root === musicFolder) {
    throw new CliError(`The music folder is the root of a drive (${musicFolder}); there is no place beside it for the library state. Pass --state <dir>.`);
  }
  return join(dirname(musicFolder), STATE_DIR_NAME);
}

function readInfo(dir: string): LibraryInfo | undefined {
  const info = readJson<LibraryInfo>(join(dir, 'library.json'));
  if (info && (info.format !== FORMAT || typeof info.musicFolder !== 'string')) {
    throw new CliError(`${dir} is not an rbassist state folder (library.json has an unknown format).`);
  }
  if (info && info.version > VERSION) throw new CliError(`${dir} was written by a newer rbassist (state version ${info.version}); update rbassist.`);
  return info;
}

/** Open (creating on first use) the state of `musicFolder`, refusing one that belongs to another folder. */
export function openStateFor(musicFolder: string, stateOption?: string): StateLocation {
  const dir = resolve(stateOption ?? defaultStateDir(musicFolder));
  const inside = relative(musicFolder, dir);
  if (inside === '' || (!inside.startsWith('..') && !isAbsolute(inside))) {
    throw new CliError(`The state folder ${dir} would be inside the music folder; rbassist never writes there. Choose another --state.`);
  }
  const info = readInfo(dir);
  if (info && info.musicFolder !== musicFolder) {
    throw new CliError(`${dir} holds the library of ${info.musicFolder}, not ${musicFolder}. Pass --state <dir> to keep a separate library for this folder.`);
  }
  if (!info) {
    try {
      mkdirSync(dir, { recursive: true });
      writeJsonAtomic(join(dir, 'library.json'), { format: FORMAT, version: VERSION, musicFolder } satisfies LibraryInfo);
    } catch (error) {
      throw new CliError(`Cannot create the state folder ${dir}: ${describeFsError(error)}.`);
    }
  }
  return { dir, musicFolder };
}

/**
 * Find an existing state for commands that take no music folder: `--state`, else the nearest
 * `.rbassist` in the current folder or one of its parents (like git finds `.git`).
 */
export function findState(stateOption?: string, from = process.cwd()): StateLocation {
  if (stateOption) {
    const dir = resolve(stateOption);
    const info = readInfo(dir);
    if (!info) throw new CliError(`${dir} holds no rbassist library yet. Run \`rbassist analyze <music folder> --state ${stateOption}\` first.`);
    return { dir, musicFolder: info.musicFolder };
  }
  for (let at = resolve(from); ; at = dirname(at)) {
    const candidate = join(at, STATE_DIR_NAME);
    const info = existsSync(candidate) ? readInfo(candidate) : undefined;
    if (info) return { dir: candidate, musicFolder: info.musicFolder };
    if (dirname(at) === at) break;
  }
  throw new CliError(`No rbassist library found in ${resolve(from)} or its parents. Run \`rbassist analyze <music folder>\` first, or pass --state <dir>.`);
}

/**
 * One writer at a time per state folder: a lock file holding the writer's pid. A lock left by a
 * process that no longer runs (crash, kill -9) is taken over.
 */
export function acquireLock(dir: string): () => void {
  const path = join(dir, 'lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
      process.once('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new CliError(`Cannot lock ${dir}: ${describeFsError(error)}.`);
      const pid = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isRunning(pid)) {
        throw new CliError(`Another rbassist run (pid ${pid}) is using ${dir}; wait for it to finish.`);
      }
      rmSync(path, { force: true });
    }
  }
  throw new CliError(`Cannot lock ${dir}: the lock file keeps coming back.`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
