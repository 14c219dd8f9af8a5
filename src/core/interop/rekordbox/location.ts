import { normalizeRelativePath } from '../../library/trackId';
import { fail, ok, type Result } from '../problem';

/**
 * rekordbox `Location` URIs. rekordbox matches collection tracks by this string alone, so the
 * encoding must be exactly rekordbox's own: `file://localhost` + the absolute path with forward
 * slashes, lower-case percent-encoding of space ' & [ ] % " < > ? \ ^ ` { | } and of every
 * non-ASCII UTF-8 byte (after NFC), everything else raw (`/ - . _ , ( ) ! # + @ $ :` included).
 * `encodeURIComponent` differs (upper-case hex, escapes `,()!#+$@:`), hence this encoder.
 */
export const LOCATION_PREFIX = 'file://localhost';

/** rekordbox refuses longer paths. */
export const MAX_PATH_LENGTH = 255;

const RAW_ASCII = new Set('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-._,()!#+@$:;=~*'.split(''));
const utf8 = new TextEncoder();

function percentByte(byte: number): string {
  return '%' + byte.toString(16).padStart(2, '0');
}

/** Percent-encode one absolute path (already with forward slashes) the way rekordbox does. */
export function encodeLocationPath(path: string): string {
  let out = '';
  for (const char of path.normalize('NFC')) {
    if (RAW_ASCII.has(char)) out += char;
    else for (const byte of utf8.encode(char)) out += percentByte(byte);
  }
  return out;
}

export type PathStyle = 'windows' | 'posix';

export interface MusicFolder {
  style: PathStyle;
  /** Absolute path with forward slashes and no trailing slash: `D:/Music`, `/Volumes/Music`, `/`. */
  path: string;
}

/**
 * Read the music folder's absolute path as the user typed it: `D:\Music`, `d:/Music/`,
 * `/Volumes/Music`. Anything else (relative paths, UNC shares, empty) is refused with a reason.
 */
export function parseMusicFolder(folderAbsPath: string | undefined | null): Result<MusicFolder> {
  const typed = (folderAbsPath ?? '').trim().normalize('NFC');
  if (typed === '') {
    return fail('Set the absolute path of your music folder first (e.g. D:\\Music or /Volumes/Music): the browser cannot see it.');
  }
  const slashes = typed.replace(/\\/g, '/');
  if (slashes.startsWith('//')) {
    return fail(`"${typed}" is a network share path; rekordbox needs a drive path such as Z:\\Music or a mounted /Volumes/… path.`);
  }
  const drive = /^([A-Za-z]):(?:\/|$)/.exec(slashes);
  if (drive) {
    const rest = slashes
      .slice(2)
      .split('/')
      .filter((part) => part !== '');
    return ok({ style: 'windows', path: [`${drive[1].toUpperCase()}:`, ...rest].join('/') });
  }
  if (slashes.startsWith('/')) {
    const parts = slashes.split('/').filter((part) => part !== '');
    return ok({ style: 'posix', path: '/' + parts.join('/') });
  }
  return fail(`"${typed}" is not an absolute path: use a path like D:\\Music (Windows) or /Volumes/Music (macOS).`);
}

/** Absolute path (forward slashes) of a file given relative to the music folder. */
export function absolutePath(folder: MusicFolder, relativePath: string): Result<string> {
  const relative = normalizeRelativePath(relativePath);
  if (relative === '') return fail('A track has an empty relative path.');
  if (relative.split('/').includes('..')) return fail(`"${relativePath}" points outside the music folder.`);
  const base = folder.path.endsWith('/') ? folder.path : folder.path + '/';
  return ok(base + relative);
}

/**
 * The rekordbox Location of a file inside the music folder, or the reason it cannot have one
 * (folder path not set or not absolute, path longer than rekordbox accepts).
 */
export function locationFromPath(folderAbsPath: string, relativePath: string): Result<string> {
  const folder = parseMusicFolder(folderAbsPath);
  if (!folder.ok) return folder;
  return locationInFolder(folder.value, relativePath);
}

export function locationInFolder(folder: MusicFolder, relativePath: string): Result<string> {
  const path = absolutePath(folder, relativePath);
  if (!path.ok) return path;
  const length = [...path.value].length;
  if (length > MAX_PATH_LENGTH) {
    return fail(`Path too long for rekordbox (${length} characters, the limit is ${MAX_PATH_LENGTH}): ${path.value}`);
  }
  const absolute = folder.style === 'windows' ? '/' + path.value : path.value;
  return ok(LOCATION_PREFIX + encodeLocationPath(absolute));
}

const PREFIXES = [/^file:\/\/localhost(?=\/)/i, /^file:\/\/(?=\/)/i, /^file:(?=\/)/i];

const utf8Decoder = new TextDecoder('utf-8');

/** Decode %xx sequences leniently: upper or lower hex, stray `%` kept, bad UTF-8 → U+FFFD. */
function percentDecode(text: string): string {
  if (text.indexOf('%') === -1) return text;
  return text.replace(/(?:%[0-9a-fA-F]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16);
    return utf8Decoder.decode(bytes);
  });
}

/**
 * The absolute path a Location points to (`C:/Music/a b.mp3`, `/Users/me/x.mp3`), NFC. Never uses
 * `new URL()`: rekordbox leaves `#` raw, which a URL parser would cut off as a fragment.
 */
export function pathFromLocation(location: string): string {
  let rest = location.trim();
  for (const prefix of PREFIXES) {
    if (prefix.test(rest)) {
      rest = rest.replace(prefix, '');
      break;
    }
  }
  let path = percentDecode(rest).normalize('NFC').replace(/\\/g, '/');
  if (/^\/[A-Za-z]:(\/|$)/.test(path)) path = path.slice(1);
  if (/^[a-z]:/.test(path)) path = path[0].toUpperCase() + path.slice(1);
  return path;
}

/**
 * A key for matching paths written by different tools: NFC, forward slashes, and case-folded on
 * Windows drive paths (Windows file names are case-insensitive; macOS ones usually are not).
 */
export function pathMatchKey(absolutePathText: string): string {
  const path = absolutePathText.normalize('NFC').replace(/\\/g, '/');
  return /^[A-Za-z]:\//.test(path) ? path.toLowerCase() : path;
}

/** The path of a Location relative to the music folder, or undefined when it lies outside. */
export function relativePathFromLocation(location: string, folder: MusicFolder): string | undefined {
  const key = pathMatchKey(pathFromLocation(location));
  const base = pathMatchKey(folder.path.endsWith('/') ? folder.path : folder.path + '/');
  if (!key.startsWith(base)) return undefined;
  // Slice the original-case path, not the folded key.
  return normalizeRelativePath(pathFromLocation(location).slice(base.length));
}
