/**
 * Moves the scan could not see, on the CLI host: a file re-tagged and moved (or renamed) has other
 * bytes, so the scan adds it as new and marks the old track removed. Once the new file's analysis
 * holds its fingerprint, a removed track with the same audio (the shared rule,
 * src/core/library/duplicates/movedByAudio.ts) is the track it was: it keeps its id — and with it its
 * Bandcamp tag, its former paths for carrying rekordbox cues over — and takes the new path, the
 * file's facts, and the new file's analysis pass, vector row and job. The browser does the same in
 * src/app/ingest/audioMoves.ts.
 * @module
 */
import { duplicateCandidate } from '../../src/core/library/duplicates/candidates';
import { audioMove, continuedTrack, findMovedByAudio } from '../../src/core/library/duplicates/movedByAudio';
import type { TrackRecord } from '../../src/core/library/records';
import type { TrackMove } from '../../src/core/library/scanLibrary';
import type { LibraryState } from '../state/libraryState';
import type { VectorStore } from '../state/vectorStore';

const fingerprintOf = (state: LibraryState, trackId: string) => state.analyses.get(trackId)?.analyses.find((a) => a.analyzerId === 'fingerprint');

/** Merges each just-analyzed new track that continues a removed one into it; returns the moves, for the report. */
export function confirmMovesByAudio(state: LibraryState, vectors: VectorStore, analyzedIds: readonly string[]): TrackMove[] {
  // Each removed track's candidate (fingerprint decoded once), taken out of the pool once it is continued.
  let removed = [...state.tracks.values()]
    .filter((t) => t.status === 'removed' && fingerprintOf(state, t.id))
    .map((t) => duplicateCandidate(t, fingerprintOf(state, t.id)));
  if (!removed.length) return [];
  const moves: TrackMove[] = [];
  for (const id of analyzedIds) {
    const fresh = state.tracks.get(id);
    const fingerprint = fresh && fingerprintOf(state, id);
    if (!fresh || !fingerprint || fresh.scanState !== 'new' || fresh.status === 'removed' || fresh.status === 'error') continue;
    const match = findMovedByAudio(duplicateCandidate(fresh, fingerprint), removed);
    if (!match) continue;
    removed = removed.filter((c) => c.id !== match.id);
    const old = state.tracks.get(match.id)!;
    moves.push(mergeInto(state, vectors, old, fresh));
  }
  if (moves.length) state.saveTracks();
  return moves;
}

function mergeInto(state: LibraryState, vectors: VectorStore, old: TrackRecord, fresh: TrackRecord): TrackMove {
  // The new file's pass, vector row and job now belong to the old id (the old pass was of the old bytes).
  const pass = state.analyses.get(fresh.id);
  if (pass) state.analyses.put({ ...pass, trackId: old.id });
  const row = vectors.rowsOf.get(fresh.id);
  if (row) vectors.rowsOf.put({ ...row, trackId: old.id });
  const job = state.job(fresh.id, vectors.modelId);
  if (job) state.jobs.put({ ...job, trackId: old.id });
  state.tracks.set(old.id, continuedTrack(old, fresh));
  // The new id's rows stay behind unreferenced (no present track has that id; the index reads present tracks only).
  state.tracks.delete(fresh.id);
  return audioMove(old, fresh);
}
