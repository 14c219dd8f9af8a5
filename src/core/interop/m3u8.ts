import { normalizeRelativePath } from '../library/trackId';
import { fail, ok, type Result } from './problem';
import { absolutePath, parseMusicFolder } from './rekordbox/location';

/**
 * M3U8 playlists of a crate: `#EXTM3U`, then `#EXTINF:<whole seconds>,Artist - Title` and the path
 * of each track. UTF-8 text (the caller saves the string as is), `\n` line ends, no BOM: players
 * that read M3U8 expect plain UTF-8.
 */
export interface M3uEntry {
  /** Path relative to the music folder, as scanned. */
  relativePath: string;
  artist?: string;
  title?: string;
  durationSec?: number;
}

export type M3uPaths =
  /** Paths relative to the folder the playlist is saved in, given relative to the music folder ('' = its root). */
  | { kind: 'relative'; playlistFolder?: string }
  /** Absolute paths on the DJ's computer: `D:\Music\…` (backslashes) or `/Volumes/Music/…`. */
  | { kind: 'absolute'; musicFolderPath: string };

function oneLine(text: string | undefined): string {
  return (text ?? '')
    .normalize('NFC')
    .replace(/[\r\n]+/g, ' ')
    .trim();
}

function label(entry: M3uEntry): string {
  const title = oneLine(entry.title) || entry.relativePath.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  const artist = oneLine(entry.artist);
  return artist ? `${artist} - ${title}` : title;
}

function seconds(duration: number | undefined): string {
  return duration !== undefined && Number.isFinite(duration) && duration > 0 ? String(Math.round(duration)) : '-1';
}

/** `to` relative to the folder `from` (both relative to the music folder, forward slashes). */
function relativeTo(from: string, to: string): string {
  const fromParts = from ? from.split('/') : [];
  const toParts = to.split('/');
  let shared = 0;
  while (shared < fromParts.length && shared < toParts.length - 1 && fromParts[shared] === toParts[shared]) shared++;
  return [...fromParts.slice(shared).map(() => '..'), ...toParts.slice(shared)].join('/');
}

export function buildM3u8(entries: readonly M3uEntry[], paths: M3uPaths): Result<string> {
  let pathOf: (entry: M3uEntry) => Result<string>;
  if (paths.kind === 'absolute') {
    const folder = parseMusicFolder(paths.musicFolderPath);
    if (!folder.ok) return folder;
    pathOf = (entry) => {
      const path = absolutePath(folder.value, entry.relativePath);
      if (!path.ok) return path;
      return ok(folder.value.style === 'windows' ? path.value.replace(/\//g, '\\') : path.value);
    };
  } else {
    const base = normalizeRelativePath(paths.playlistFolder ?? '');
    pathOf = (entry) => {
      const relative = normalizeRelativePath(entry.relativePath);
      if (!relative || relative.split('/').includes('..')) return fail(`"${entry.relativePath}" is not a path inside the music folder`);
      return ok(relativeTo(base, relative));
    };
  }
  const lines = ['#EXTM3U'];
  for (const entry of entries) {
    const path = pathOf(entry);
    if (!path.ok) return path;
    lines.push(`#EXTINF:${seconds(entry.durationSec)},${label(entry)}`, path.value.normalize('NFC'));
  }
  return ok(lines.join('\n') + '\n');
}
