/**
 * Move confirmation by audio: a file whose bytes changed on the way (re-tagged, then moved or
 * renamed) pairs with no removed track by content key, so the scan adds it as new. Once its analysis
 * has fingerprinted it, a removed track holding the same audio is the track it was: the same decoded
 * PCM, or the same recording at the same alignment (so cue and grid positions still hold). Both hosts
 * use this rule.
 * @module
 */
import type { TrackRecord } from '../records';
import type { TrackMove } from '../scanLibrary';
import { sameRecordingEvidence, type DuplicateCandidate, type PairEvidence } from './findDuplicates';

export interface AudioMoveMatch {
  /** The removed track the new file continues. */
  id: string;
  evidence: PairEvidence;
}

/** The removed track `fresh` continues, or undefined (no removed track holds its audio at the same alignment). */
export function findMovedByAudio(fresh: DuplicateCandidate, removed: readonly DuplicateCandidate[]): AudioMoveMatch | undefined {
  const hopSec = fresh.fingerprint?.hopSec ?? 0;
  const matches: AudioMoveMatch[] = [];
  for (const old of removed) {
    if (old.id === fresh.id) continue;
    const evidence = sameRecordingEvidence(old, fresh);
    if (evidence && Math.abs(evidence.offsetSec ?? 0) <= hopSec) matches.push({ id: old.id, evidence });
  }
  // Exact copies first, then the closest fingerprint; a tie goes to the same file name.
  const name = (id: string) =>
    removed
      .find((r) => r.id === id)
      ?.relativePath.split('/')
      .pop();
  const freshName = fresh.relativePath.split('/').pop();
  matches.sort(
    (a, b) =>
      Number(b.evidence.kind === 'exact') - Number(a.evidence.kind === 'exact') ||
      (b.evidence.fingerprint ?? 0) - (a.evidence.fingerprint ?? 0) ||
      Number(name(b.id) === freshName) - Number(name(a.id) === freshName) ||
      (a.id < b.id ? -1 : 1),
  );
  return matches[0];
}

/**
 * The removed track `old`, continued by the new file `fresh`: it keeps its id (and so everything kept
 * by id: crates, Bandcamp tags, imported cues through its former paths) and takes the file's path,
 * stamp, content key and tags as they are now.
 */
export function continuedTrack(old: TrackRecord, fresh: TrackRecord): TrackRecord {
  return {
    ...old,
    relativePath: fresh.relativePath,
    fileName: fresh.fileName,
    size: fresh.size,
    lastModified: fresh.lastModified,
    contentKey: fresh.contentKey,
    tags: fresh.tags,
    decodedDurationSec: fresh.decodedDurationSec ?? old.decodedDurationSec,
    formerPaths: [...(old.formerPaths ?? []).filter((p) => p !== fresh.relativePath), old.relativePath],
    status: fresh.status,
    scanState: 'moved',
    removedAt: undefined,
    error: undefined,
  };
}

/** The move as the scan report lists it. */
export function audioMove(old: TrackRecord, fresh: TrackRecord): TrackMove {
  return {
    id: old.id,
    from: old.relativePath,
    to: fresh.relativePath,
    before: { size: old.size, lastModified: old.lastModified },
    after: { size: fresh.size, lastModified: fresh.lastModified },
    confirmedBy: 'audio',
  };
}
