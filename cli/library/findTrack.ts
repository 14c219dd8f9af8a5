/**
 * The track a DJ means on the command line: a track id, a path (absolute, relative to the music
 * folder or to the current folder), or a unique part of a path ("Tagged Groove").
 * @module
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { normalizeRelativePath } from '../../src/core/library/trackId';
import { foldText } from '../../src/core/search/textFold';
import type { TrackRecord } from '../../src/core/library/records';
import { CliError } from '../errors';
import type { LibraryState } from '../state/libraryState';

function insideFolder(folder: string, path: string): string | undefined {
  const inside = relative(folder, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : undefined;
}

export function findTrack(query: string, state: LibraryState, musicFolder: string, cwd = process.cwd()): TrackRecord {
  const present = state.presentTracks();
  const byId = new Map(present.map((t) => [t.id, t]));
  if (byId.has(query)) return byId.get(query)!;
  // By path, not by the path's id: a moved track keeps the id of its first path.
  const byPath = new Map(present.map((t) => [t.relativePath, t]));

  const candidates = [isAbsolute(query) ? insideFolder(musicFolder, query) : query, insideFolder(musicFolder, resolve(cwd, query))];
  for (const candidate of candidates) {
    const track = candidate ? byPath.get(normalizeRelativePath(candidate)) : undefined;
    if (track) return track;
  }

  const needle = foldText(query);
  const matches = present.filter((t) => foldText(t.relativePath).includes(needle));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    const listed = matches
      .slice(0, 5)
      .map((t) => `  ${t.relativePath}`)
      .join('\n');
    throw new CliError(`"${query}" matches ${matches.length} tracks; be more specific or pass the path:\n${listed}${matches.length > 5 ? '\n  …' : ''}`, 2);
  }
  throw new CliError(`No track in the library of ${musicFolder} matches "${query}". Pass a track path, a part of it, or a track id.`, 2);
}
