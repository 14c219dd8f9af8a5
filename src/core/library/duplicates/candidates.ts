/**
 * A library track and its stored fingerprint as the duplicate finder's candidate: one conversion for
 * the app's worker and the CLI.
 * @module
 */
import type { AnalyzerFields } from '../../analyzers/types';
import type { TrackTags } from '../tags';
import { AUDIO_FINGERPRINT_VERSION, decodeCodes, type AudioFingerprint } from './audioFingerprint';
import type { DuplicateCandidate } from './findDuplicates';

/** The stored fingerprint analysis of a track (any version; others than the current one are ignored). */
export interface StoredFingerprint {
  version: number;
  fields?: AnalyzerFields;
}

/** A track record with its stored fingerprint, as the app's worker takes it (plain data, cloneable). */
export interface CandidateSource {
  id: string;
  relativePath: string;
  dateAdded: string;
  tags: TrackTags;
  fingerprint?: StoredFingerprint;
}

/** What the app and the CLI know of a track, as the duplicate finder takes it. */
export function duplicateCandidate(
  track: { id: string; relativePath: string; dateAdded: string; tags: TrackTags },
  fingerprint: StoredFingerprint | undefined,
  vector?: Float32Array,
): DuplicateCandidate {
  // Fingerprints of another version are never compared with current ones.
  const fp = fingerprint?.version === AUDIO_FINGERPRINT_VERSION ? (fingerprint.fields as AudioFingerprint | undefined) : undefined;
  return {
    id: track.id,
    relativePath: track.relativePath,
    title: track.tags.title,
    artist: track.tags.artist,
    durationSec: fp?.durationSec ?? track.tags.durationSec,
    bitrateKbps: track.tags.bitrateKbps,
    codec: track.tags.codec,
    dateAdded: track.dateAdded,
    fingerprint: fp ? { digest: fp.digest, hopSec: fp.hopSec, codes: decodeCodes(fp.codes) } : undefined,
    vector,
  };
}
