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
