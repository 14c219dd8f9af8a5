/**
 * Duplicates and versions in a library (the same rules for the app and the CLI):
 * - exact copies: the same decoded audio (equal PCM digests), whatever the tags or container;
 * - same recording, other file: durations within ±1 s, audio fingerprints that agree (at an
 *   alignment within ±1 s), and, when both have one, an embedding cosine that agrees too;
 * - versions: the same artist and title stem with different mix names (radio / extended / remix).
 *   Related, not duplicates: never proposed for removal.
 * Each exact/same-recording group has a keeper (lossless > higher bitrate > longer > added first);
 * the DJ may pick another one. Nothing here touches files.
 * @module
 */
import { normalizeArtist, normalizeTitle, similarity as textSimilarity, foldText } from '../../interop/bandcamp/normalize';
import { compareFingerprints } from './audioFingerprint';
import { dot } from '../../index/vectorMath';

/** Durations further apart than this are never the same recording. */
export const DURATION_TOLERANCE_SEC = 1;
/**
 * Fingerprint agreement (1 − bit error rate) from which two files hold the same recording. On the
 * generated set (npm run eval:duplicates) re-encodes and trimmed copies score ≥ 0.95; time-stretched
 * versions and same-template siblings ≤ 0.74; unrelated music ≈ 0.5.
 */
export const SAME_RECORDING_MIN_FINGERPRINT = 0.85;
/** Embedding cosine two files of one recording always reach (checked only when both have vectors). */
export const SAME_RECORDING_MIN_COSINE = 0.8;

export interface DuplicateCandidate {
  id: string;
  relativePath: string;
  title?: string;
  artist?: string;
  /** Decoded duration (fingerprint) or the tagged one. */
  durationSec?: number;
  bitrateKbps?: number;
  codec?: string;
  dateAdded: string;
  fingerprint?: { digest: string; codes: Uint16Array; hopSec: number };
  /** The track's embedding (any length; compared by cosine). */
  vector?: Float32Array;
}

export type DuplicateKind = 'exact' | 'same-recording' | 'versions';

export interface PairEvidence {
  a: string;
  b: string;
  kind: DuplicateKind;
  samePcm?: boolean;
  /** 1 − bit error rate of the fingerprints at the best alignment. */
  fingerprint?: number;
  offsetSec?: number;
  cosine?: number;
  durationDeltaSec?: number;
  /** Dice similarity of "artist title" (folded). */
  tags: number;
  /** Mix names of a and b (versions). */
  mixes?: [string, string];
}

export interface DuplicateGroup {
  /** Stable key: kind + the smallest member id. */
  key: string;
  kind: DuplicateKind;
  trackIds: string[];
  /** The copy to keep (exact/same-recording); undefined for versions. */
  keeper?: string;
  /** Why the keeper rule chose it, in words. */
  keeperReason?: string;
  evidence: PairEvidence[];
}

export interface DuplicateReport {
  groups: DuplicateGroup[];
  /** Every non-keeper of an exact or same-recording group: the "Duplicates to remove" crate. */
  toRemove: string[];
  /** Tracks without a fingerprint yet (analyze them to check them too). */
  withoutFingerprint: number;
}

export interface FindDuplicatesOptions {
  /** Tracks the DJ chose to keep (override the keeper rule in their group). */
  keepers?: ReadonlySet<string>;
}

const LOSSLESS = /^(flac|alac|wav|wave|aiff?|pcm.*|ape|wavpack|wv)$/i;
const LOSSLESS_EXT = /\.(flac|wav|aiff?|alac|ape|wv)$/i;

export function isLossless(track: Pick<DuplicateCandidate, 'codec' | 'relativePath'>): boolean {
  return (track.codec !== undefined && LOSSLESS.test(track.codec.split(/[\s/]/)[0])) || LOSSLESS_EXT.test(track.relativePath);
}

/** Keeper rule: lossless > higher bitrate > longer > added first (then path, for a stable answer). */
export function compareForKeeping(a: DuplicateCandidate, b: DuplicateCandidate): number {
  return (
    Number(isLossless(b)) - Number(isLossless(a)) ||
    (isLossless(a) ? 0 : (b.bitrateKbps ?? 0) - (a.bitrateKbps ?? 0)) ||
    (b.durationSec ?? 0) - (a.durationSec ?? 0) ||
    a.dateAdded.localeCompare(b.dateAdded) ||
    a.relativePath.localeCompare(b.relativePath)
  );
}

function keeperReason(keeper: DuplicateCandidate, others: DuplicateCandidate[], chosenByDj: boolean): string {
  if (chosenByDj) return 'chosen by you';
  if (isLossless(keeper) && others.some((o) => !isLossless(o))) return 'lossless';
  if (!isLossless(keeper) && others.some((o) => (o.bitrateKbps ?? 0) < (keeper.bitrateKbps ?? 0))) return `highest bitrate (${keeper.bitrateKbps} kbps)`;
  if (others.some((o) => (o.durationSec ?? 0) < (keeper.durationSec ?? 0))) return 'longest';
  if (others.some((o) => o.dateAdded > keeper.dateAdded)) return 'added first';
  return 'otherwise equal: first by path';
}

const MIX_PART = /\s*(?:[([]([^)\]]*)[)\]]|\s[-–—]\s+(.*\b(?:mix|edit|remix|version|dub|vip|rework|bootleg|instrumental)\b.*))\s*/gi;

/** Title without mix names ("Song (Extended Mix)" → "song"), and the mix names found. */
export function titleStem(title: string | undefined): { stem: string; mix: string } {
  if (!title) return { stem: '', mix: '' };
  const mixes: string[] = [];
  const stem = title.replace(MIX_PART, (_, bracketed: string | undefined, dashed: string | undefined) => {
    mixes.push((bracketed ?? dashed ?? '').trim());
    return ' ';
  });
  return { stem: foldText(stem), mix: foldText(mixes.join(' ')) || 'original' };
}

function tagSimilarity(a: DuplicateCandidate, b: DuplicateCandidate): number {
  return textSimilarity(`${normalizeArtist(a.artist)} ${normalizeTitle(a.title)}`.trim(), `${normalizeArtist(b.artist)} ${normalizeTitle(b.title)}`.trim());
}

/**
 * Whether a fingerprint carries evidence: steady tones or silence set almost no bits (or almost
 * all), and any two of them would "agree". Such tracks only ever match as exact copies.
 */
function informative(codes: Uint16Array): boolean {
  let known = informativeCodes.get(codes);
  if (known === undefined) {
    let bits = 0;
    for (const code of codes) for (let c = code; c; c &= c - 1) bits++;
    const density = bits / (codes.length * 16);
    known = codes.length >= 8 && density > 0.15 && density < 0.85;
    informativeCodes.set(codes, known);
  }
  return known;
}
/** Computed once per fingerprint, not once per compared pair. */
const informativeCodes = new WeakMap<Uint16Array, boolean>();

/** Unit-length copies of the candidates' vectors, made once: a pair's cosine is then one dot product. */
const unitVectors = new WeakMap<Float32Array, Float32Array>();
function unit(vector: Float32Array): Float32Array {
  let known = unitVectors.get(vector);
  if (!known) {
    const norm = Math.sqrt(dot(vector, vector));
    known = norm > 0 ? vector.map((x) => x / norm) : new Float32Array(vector.length);
    unitVectors.set(vector, known);
  }
  return known;
}

/** Codes the quick check compares (every QUICK_STRIDE-th): a cheap bound before the full comparison. */
const QUICK_STRIDE = 8;
/** Below this quick agreement the pair cannot reach SAME_RECORDING_MIN_FINGERPRINT (≈ 8 standard errors on ~60 codes). */
const QUICK_MIN_FINGERPRINT = SAME_RECORDING_MIN_FINGERPRINT - 0.1;

/** The evidence that two tracks hold the same recording, or undefined when they do not. */
export function sameRecordingEvidence(a: DuplicateCandidate, b: DuplicateCandidate): PairEvidence | undefined {
  if (!a.fingerprint || !b.fingerprint || a.durationSec === undefined || b.durationSec === undefined) return undefined;
  const durationDeltaSec = Math.abs(a.durationSec - b.durationSec);
  if (durationDeltaSec > DURATION_TOLERANCE_SEC) return undefined;
  if (a.fingerprint.digest === b.fingerprint.digest)
    return { a: a.id, b: b.id, kind: 'exact', samePcm: true, fingerprint: 1, offsetSec: 0, durationDeltaSec, tags: tagSimilarity(a, b) };
  // Cheapest rejections first: most pairs within ±1 s are unrelated music.
  if (!informative(a.fingerprint.codes) || !informative(b.fingerprint.codes)) return undefined;
  const cos = a.vector && b.vector ? dot(unit(a.vector), unit(b.vector)) : undefined;
  if (cos !== undefined && cos < SAME_RECORDING_MIN_COSINE) return undefined;
  const quick = compareFingerprints(a.fingerprint.codes, b.fingerprint.codes, a.fingerprint.hopSec, DURATION_TOLERANCE_SEC, QUICK_STRIDE);
  if (quick.similarity < QUICK_MIN_FINGERPRINT) return undefined;
  const tags = tagSimilarity(a, b);
  const match = compareFingerprints(a.fingerprint.codes, b.fingerprint.codes, a.fingerprint.hopSec, DURATION_TOLERANCE_SEC);
  if (match.similarity < SAME_RECORDING_MIN_FINGERPRINT) return undefined;
  return {
    a: a.id,
    b: b.id,
    kind: 'same-recording',
    samePcm: false,
    fingerprint: round(match.similarity),
    offsetSec: round(match.offsetSec),
    cosine: cos === undefined ? undefined : round(cos),
    durationDeltaSec: round(durationDeltaSec),
    tags: round(tags),
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

class UnionFind {
  private readonly parent = new Map<string, string>();
  find(x: string): string {
    let root = x;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(x, root);
    return root;
  }
  union(a: string, b: string): void {
    const [ra, rb] = [this.find(a), this.find(b)];
    if (ra !== rb) this.parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
}

export function findDuplicates(tracks: readonly DuplicateCandidate[], options: FindDuplicatesOptions = {}): DuplicateReport {
  const byId = new Map(tracks.map((t) => [t.id, t]));
  const timed = tracks.filter((t) => t.fingerprint && t.durationSec !== undefined).sort((a, b) => a.durationSec! - b.durationSec! || (a.id < b.id ? -1 : 1));
  const links = new UnionFind();
  const evidenceByRoot = new Map<string, PairEvidence[]>();
  const pairs: PairEvidence[] = [];
  // Only tracks within the duration tolerance are compared: sorted by duration, a sliding window.
  for (let i = 0; i < timed.length; i++) {
    for (let j = i + 1; j < timed.length && timed[j].durationSec! - timed[i].durationSec! <= DURATION_TOLERANCE_SEC; j++) {
      const evidence = sameRecordingEvidence(timed[i], timed[j]);
      if (!evidence) continue;
      pairs.push(evidence);
      links.union(evidence.a, evidence.b);
    }
  }
  for (const pair of pairs) {
    const root = links.find(pair.a);
    evidenceByRoot.set(root, [...(evidenceByRoot.get(root) ?? []), pair]);
  }

  const groups: DuplicateGroup[] = [];
  const toRemove: string[] = [];
  const inDuplicateGroup = new Map<string, string>();
  for (const [root, evidence] of evidenceByRoot) {
    const ids = [...new Set(evidence.flatMap((e) => [e.a, e.b]))].sort();
    for (const id of ids) inDuplicateGroup.set(id, root);
    const members = ids.map((id) => byId.get(id)!);
    const kind: DuplicateKind = new Set(members.map((m) => m.fingerprint!.digest)).size === 1 ? 'exact' : 'same-recording';
    const chosen = members.find((m) => options.keepers?.has(m.id));
    const keeper = chosen ?? [...members].sort(compareForKeeping)[0];
    const others = members.filter((m) => m !== keeper);
    groups.push({ key: `${kind}:${ids[0]}`, kind, trackIds: ids, keeper: keeper.id, keeperReason: keeperReason(keeper, others, !!chosen), evidence });
    toRemove.push(...others.map((m) => m.id));
  }

  // Versions: same artist + title stem, different mix names or durations, not all one recording.
  const byStem = new Map<string, DuplicateCandidate[]>();
  for (const track of tracks) {
    const { stem } = titleStem(track.title);
    const artist = normalizeArtist(track.artist);
    if (!stem || !artist) continue;
    const key = `${artist}\u0000${stem}`;
    byStem.set(key, [...(byStem.get(key) ?? []), track]);
  }
  for (const members of byStem.values()) {
    if (members.length < 2) continue;
    const recordings = new Set(members.map((m) => inDuplicateGroup.get(m.id) ?? m.id));
    if (recordings.size < 2) continue;
    const ids = members.map((m) => m.id).sort();
    const sorted = ids.map((id) => byId.get(id)!);
    const evidence: PairEvidence[] = [];
    for (let i = 1; i < sorted.length; i++) {
      const [a, b] = [sorted[0], sorted[i]];
      evidence.push({
        a: a.id,
        b: b.id,
        kind: 'versions',
        tags: round(tagSimilarity(a, b)),
        mixes: [titleStem(a.title).mix, titleStem(b.title).mix],
        durationDeltaSec: a.durationSec !== undefined && b.durationSec !== undefined ? round(Math.abs(a.durationSec - b.durationSec)) : undefined,
      });
    }
    groups.push({ key: `versions:${ids[0]}`, kind: 'versions', trackIds: ids, evidence });
  }
  const order: Record<DuplicateKind, number> = { exact: 0, 'same-recording': 1, versions: 2 };
  groups.sort((a, b) => order[a.kind] - order[b.kind] || (a.key < b.key ? -1 : 1));
  return { groups, toRemove: toRemove.sort(), withoutFingerprint: tracks.length - timed.length };
}
