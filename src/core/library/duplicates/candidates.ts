import type { AnalyzerFields } from '../../analyzers/types';
import type { TrackTags } from '../tags';
import { AUDIO_FINGERPRINT_VERSION, decodeCodes, type AudioFingerprint } from './audioFingerprint';
import type { DuplicateCandidate } from './findDuplicates';

/** What the app and the CLI know of a track, as the duplicate finder takes it. */
export function duplicateCandidate(
  track: { id: string; relativePath: string; dateAdded: string; tags: TrackTags },
  fingerprint: { version: number; fields?: AnalyzerFields } | undefined,
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
