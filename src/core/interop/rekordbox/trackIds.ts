import { fnv1a32 } from '../../hash';

/**
 * rekordbox TrackIDs must not change between exports, or playlists imported twice point at the
 * wrong tracks. A TrackID is the 31-bit FNV-1a hash of the library track id. With 50k tracks a
 * 31-bit collision is likely somewhere (~40 %), so colliding ids are rehashed with a counter, in
 * sorted id order: the lower library id keeps the plain hash, and the result depends only on the set.
 */
function hashId(id: string, attempt: number): number {
  const hash = fnv1a32(attempt === 0 ? id : `${id}#${attempt}`) & 0x7fffffff;
  return hash === 0 ? 1 : hash;
}

export function assignTrackIds(libraryIds: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(libraryIds)].sort();
  const taken = new Set<number>();
  const assigned = new Map<string, number>();
  for (const id of sorted) {
    let attempt = 0;
    let trackId = hashId(id, attempt);
    while (taken.has(trackId)) trackId = hashId(id, ++attempt);
    taken.add(trackId);
    assigned.set(id, trackId);
  }
  return assigned;
}
