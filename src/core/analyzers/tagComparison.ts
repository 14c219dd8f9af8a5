/**
 * Analyzed vs tagged BPM and key: both are shown, disagreements flagged, and a setting decides
 * which one the library uses (default: the analyzed value). Tags are parsed with parseKey, so
 * "8A", "1m", "Am" and "A minor" all compare equal.
 * @module
 */
import { keyIndex, parseKey, type MusicalKey } from '../music/keys';

export type TagPreference = 'analysed' | 'tagged';

export interface BpmComparison {
  analyzed: number | null;
  tagged: number | null;
  /** Same tempo within the tolerance; half/double counts as agreeing but is reported. */
  agree: boolean | null;
  octaveRelated: boolean;
  chosen: number | null;
}

export interface KeyComparison {
  analyzed: MusicalKey | null;
  tagged: MusicalKey | null;
  /** The tag verbatim, for display even when unreadable. */
  taggedText: string | null;
  agree: boolean | null;
  chosen: MusicalKey | null;
}

/** BPMs within this many BPM are the same tempo (tags are often integers). */
export const BPM_AGREEMENT_TOLERANCE = 1;

function pick<T>(analyzed: T | null, tagged: T | null, preference: TagPreference): T | null {
  if (preference === 'tagged') return tagged ?? analyzed;
  return analyzed ?? tagged;
}

export function compareBpm(analyzed: number | null, tagged: number | null | undefined, preference: TagPreference = 'analysed'): BpmComparison {
  const tag = tagged != null && Number.isFinite(tagged) && tagged > 0 ? tagged : null;
  if (analyzed === null || tag === null) {
    return { analyzed, tagged: tag, agree: null, octaveRelated: false, chosen: pick(analyzed, tag, preference) };
  }
  const same = Math.abs(analyzed - tag) <= BPM_AGREEMENT_TOLERANCE;
  const octaveRelated = !same && [0.5, 2].some((f) => Math.abs(analyzed * f - tag) <= BPM_AGREEMENT_TOLERANCE);
  return { analyzed, tagged: tag, agree: same, octaveRelated, chosen: pick(analyzed, tag, preference) };
}

export function compareKey(analyzed: MusicalKey | null, taggedText: string | null | undefined, preference: TagPreference = 'analysed'): KeyComparison {
  const text = taggedText?.trim() ? taggedText.trim() : null;
  const tagged = parseKey(text) ?? null;
  const agree = analyzed && tagged ? keyIndex(analyzed) === keyIndex(tagged) : null;
  return { analyzed, tagged, taggedText: text, agree, chosen: pick(analyzed, tagged, preference) };
}
