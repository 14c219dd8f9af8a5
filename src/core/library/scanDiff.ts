/** What a scan saw of one file: enough to tell whether it changed since the last scan. */
export interface FileStamp {
  id: string;
  relativePath: string;
  size: number;
  lastModified: number;
}

export interface ScanDiff<T extends FileStamp> {
  added: T[];
  changed: T[];
  removed: FileStamp[];
  unchanged: T[];
}

/**
 * Compare a fresh scan with the previous one by track id (derived from the path): a rename is a
 * removal plus an addition; a size or mtime change is "changed". Output lists are sorted by path so
 * reports are stable.
 */
export function diffScan<T extends FileStamp>(previous: Iterable<FileStamp>, current: Iterable<T>): ScanDiff<T> {
  const before = new Map<string, FileStamp>();
  for (const stamp of previous) before.set(stamp.id, stamp);
  const diff: ScanDiff<T> = { added: [], changed: [], removed: [], unchanged: [] };
  const seen = new Set<string>();
  for (const file of current) {
    seen.add(file.id);
    const old = before.get(file.id);
    if (!old) diff.added.push(file);
    else if (old.size !== file.size || old.lastModified !== file.lastModified) diff.changed.push(file);
    else diff.unchanged.push(file);
  }
  for (const [id, old] of before) if (!seen.has(id)) diff.removed.push(old);
  const byPath = (a: FileStamp, b: FileStamp) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0);
  diff.added.sort(byPath);
  diff.changed.sort(byPath);
  diff.removed.sort(byPath);
  diff.unchanged.sort(byPath);
  return diff;
}
