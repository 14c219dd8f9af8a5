import { absolutePath, pathMatchKey, type MusicFolder } from './location';
import type { RekordboxTrack } from './types';

export interface LibraryPath {
  id: string;
  relativePath: string;
}

export interface CollectionMatch {
  /** Library track id → the rekordbox track at the same file. */
  byTrackId: Map<string, RekordboxTrack>;
  /** rekordbox tracks whose file is not in the library (outside the folder, or not scanned). */
  outsideLibrary: RekordboxTrack[];
}

/**
 * Pair an imported collection with the library by file path, the way rekordbox itself identifies
 * tracks (its Location). Paths are compared NFC, slash-agnostic, case-insensitive on Windows.
 */
export function matchCollectionToLibrary(tracks: readonly RekordboxTrack[], folder: MusicFolder, library: readonly LibraryPath[]): CollectionMatch {
  const libraryByKey = new Map<string, string>();
  for (const entry of library) {
    const path = absolutePath(folder, entry.relativePath);
    if (path.ok) libraryByKey.set(pathMatchKey(path.value), entry.id);
  }
  const byTrackId = new Map<string, RekordboxTrack>();
  const outsideLibrary: RekordboxTrack[] = [];
  for (const track of tracks) {
    const id = libraryByKey.get(pathMatchKey(track.path));
    if (id !== undefined && !byTrackId.has(id)) byTrackId.set(id, track);
    else if (id === undefined) outsideLibrary.push(track);
  }
  return { byTrackId, outsideLibrary };
}
