/**
 * Moves the scan could not see: a file re-tagged and moved (or renamed) has other bytes, so the
 * scan adds it as new and marks the old track removed. Once the new file's analysis stored its
 * fingerprint, a removed track with the same audio (src/core/library/duplicates/movedByAudio.ts) is
 * the track it was: the old track takes the new path and file facts and keeps its id, and with it its
 * analyses, crates, imported cues and Bandcamp tags; it takes the new file's vector (removed tracks
 * lose theirs); the new track's records are dropped.
 * @module
 */
import { duplicateCandidate } from '../../core/library/duplicates/candidates';
import { audioMove, continuedTrack, findMovedByAudio } from '../../core/library/duplicates/movedByAudio';
import type { TrackMove } from '../../core/library/scanLibrary';
import type { VectorKey } from '../../core/analysis/plan';
import type { AnalysisRecord, RbassistDb } from '../../storage/db';
import { purgeTracks } from '../scanStage';

export interface AudioMoveDeps {
  db: RbassistDb;
  modelId: () => string;
  vectors: {
    vectorOf(trackId: string): Promise<Float32Array | undefined>;
    store(modelId: string, trackId: string, vector: Float32Array, key: Required<VectorKey>): Promise<void>;
    retire(trackIds: readonly string[]): Promise<void>;
  };
  now?: () => number;
}

/** If the just-analyzed new track `trackId` continues a removed track, merge it into that track and return the move. */
export async function confirmMoveByAudio(deps: AudioMoveDeps, trackId: string): Promise<TrackMove | undefined> {
  const { db } = deps;
  const track = await db.tracks.get(trackId);
  if (!track || track.scanState !== 'new' || track.status !== 'ready') return undefined;
  const fingerprint = await db.analyses.get([trackId, 'fingerprint']);
  if (!fingerprint) return undefined;
  const removed = await db.tracks.where('status').equals('removed').toArray();
  if (!removed.length) return undefined;
  const removedFingerprints = new Map(
    (
      await db.analyses
        .where('[trackId+analyzerId]')
        .anyOf(removed.map((t) => [t.id, 'fingerprint']))
        .toArray()
    ).map((a) => [a.trackId, a]),
  );
  const asCandidate = (t: typeof track, a: AnalysisRecord | undefined) => duplicateCandidate(t, a && { version: a.version, fields: a.result.fields });
  const match = findMovedByAudio(
    asCandidate(track, fingerprint),
    removed.filter((t) => removedFingerprints.has(t.id)).map((t) => asCandidate(t, removedFingerprints.get(t.id))),
  );
  if (!match) return undefined;
  const old = removed.find((t) => t.id === match.id)!;

  // The vector first: the new track's row is stored again under the old id (a crash before the
  // records below leaves two tracks, which the next run merges again).
  const modelId = deps.modelId();
  const embedding = await db.embeddings.get([trackId, modelId]);
  const vector = embedding && (await deps.vectors.vectorOf(trackId));
  if (embedding && vector) {
    await deps.vectors.store(modelId, old.id, vector, { windowsCacheKey: embedding.windowsCacheKey ?? '', embedderVersion: embedding.embedderVersion ?? '' });
  }
  await deps.vectors.retire([trackId]);

  const now = (deps.now ?? Date.now)();
  await db.transaction('rw', [db.tracks, db.analyses, db.windows, db.waveforms, db.jobs, db.embeddings], async () => {
    // Analyses the old track lacks (or has in another version) come from the new file's pass; its own stay.
    const [oldAnalyses, newAnalyses, oldWindows, newWindows] = await Promise.all([
      db.analyses.where('trackId').equals(old.id).toArray(),
      db.analyses.where('trackId').equals(trackId).toArray(),
      db.windows.get(old.id),
      db.windows.get(trackId),
    ]);
    const have = new Set(oldAnalyses.map((a) => `${a.analyzerId}@${a.version}`));
    const missing = newAnalyses.filter((a) => !have.has(`${a.analyzerId}@${a.version}`)).map((a) => ({ ...a, trackId: old.id }));
    if (missing.length) await db.analyses.bulkPut(missing);
    if (newWindows && oldWindows?.cacheKey !== newWindows.cacheKey) await db.windows.put({ ...newWindows, trackId: old.id });
    const [oldWaveform, newWaveform] = await Promise.all([db.waveforms.get(old.id), db.waveforms.get(trackId)]);
    if (newWaveform && oldWaveform?.version !== newWaveform.version) await db.waveforms.put({ ...newWaveform, trackId: old.id });
    await db.tracks.put(continuedTrack(old, track));
    await db.jobs.put({ trackId: old.id, state: embedding && vector ? 'indexed' : 'pending', attempts: 0, updatedAt: now });
    await purgeTracks(db, [trackId]);
  });
  return audioMove(old, track);
}
