/**
 * A file's content key: its size plus a SHA-256 of its first and last CONTENT_SAMPLE_BYTES. Two
 * files with the same key hold the same bytes for every practical purpose, so a file that vanished
 * from one path and appeared at another with the same key was moved or renamed, not replaced.
 * Reads at most 2 × 16 KiB per file (Web Crypto: the same in browsers, workers and Node).
 */
export const CONTENT_SAMPLE_BYTES = 16 * 1024;
/** Bump when the key's recipe changes: keys of another version are never compared. */
export const CONTENT_KEY_VERSION = 1;

function hex(bytes: ArrayBuffer): string {
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function contentKey(file: Blob): Promise<string> {
  const size = file.size;
  const head = file.slice(0, Math.min(size, CONTENT_SAMPLE_BYTES));
  const tail = file.slice(Math.max(CONTENT_SAMPLE_BYTES, size - CONTENT_SAMPLE_BYTES), size);
  const bytes = await new Blob([head, tail]).arrayBuffer();
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return `v${CONTENT_KEY_VERSION}:${size}:${hex(digest).slice(0, 32)}`;
}

export interface MoveCandidate {
  id: string;
  relativePath: string;
  contentKey?: string;
}

export interface MatchedMove<R extends MoveCandidate, A extends MoveCandidate> {
  from: R;
  to: A;
}

const fileNameOf = (path: string) => path.slice(path.lastIndexOf('/') + 1);

/**
 * Pair files that left the library with files that appeared, by content key. Byte-identical
 * copies that moved together pair up by file name first, then by path order, so the outcome is
 * the same on every run. Files without a key never pair.
 */
export function matchMoves<R extends MoveCandidate, A extends MoveCandidate>(gone: readonly R[], appeared: readonly A[]): MatchedMove<R, A>[] {
  const goneByKey = new Map<string, R[]>();
  for (const track of gone) if (track.contentKey) goneByKey.set(track.contentKey, [...(goneByKey.get(track.contentKey) ?? []), track]);
  const appearedByKey = new Map<string, A[]>();
  for (const file of appeared)
    if (file.contentKey && goneByKey.has(file.contentKey)) appearedByKey.set(file.contentKey, [...(appearedByKey.get(file.contentKey) ?? []), file]);
  const byPath = (a: MoveCandidate, b: MoveCandidate) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0);
  const moves: MatchedMove<R, A>[] = [];
  for (const [key, files] of appearedByKey) {
    const from = [...goneByKey.get(key)!].sort(byPath);
    const to = [...files].sort(byPath);
    for (const file of [...to]) {
      const sameName = from.findIndex((t) => fileNameOf(t.relativePath) === fileNameOf(file.relativePath));
      if (sameName < 0) continue;
      moves.push({ from: from.splice(sameName, 1)[0], to: file });
      to.splice(to.indexOf(file), 1);
    }
    for (let i = 0; i < Math.min(from.length, to.length); i++) moves.push({ from: from[i], to: to[i] });
  }
  return moves.sort((a, b) => byPath(a.to, b.to));
}
