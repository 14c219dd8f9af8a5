import { fnv1a64Hex } from '../hash';

/**
 * Canonical form of a path relative to the picked folder: forward slashes, no leading "./" or "/",
 * Unicode NFC (macOS file systems hand out NFD names; the same file must get the same id).
 */
export function normalizeRelativePath(path: string): string {
  const parts = path
    .normalize('NFC')
    .replace(/\\/g, '/')
    .split('/')
    .filter((part) => part !== '' && part !== '.');
  return parts.join('/');
}

/** Stable track id from the relative path: "t" + 64-bit FNV-1a hex. Renaming a file changes its id. */
export function trackIdFromPath(relativePath: string): string {
  return 't' + fnv1a64Hex(normalizeRelativePath(relativePath));
}

/**
 * The id of the file at `relativePath`: the id of the library track already at that path (a moved
 * track keeps the id it got at its first path), else the path's own id; when that one belongs to a
 * moved track now living elsewhere, a salted variant, so two files never share an id.
 */
export function trackIdAt(relativePath: string, idAtPath: ReadonlyMap<string, string>, isTaken: (id: string) => boolean): string {
  const path = normalizeRelativePath(relativePath);
  const existing = idAtPath.get(path);
  if (existing) return existing;
  let id = trackIdFromPath(path);
  for (let salt = 1; isTaken(id); salt++) id = 't' + fnv1a64Hex(`${path}\u0000${salt}`);
  return id;
}
