import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../hash';
import { compareFingerprints, computeAudioFingerprint, decodeCodes, FINGERPRINT_SECONDS } from './audioFingerprint';
import { compareForKeeping, findDuplicates, titleStem, type DuplicateCandidate } from './findDuplicates';
import { findMovedByAudio } from './movedByAudio';

const SR = 11_025;

/** A seeded "song": notes of random pitch every 0.25 s over noise bursts, so every song differs. */
function song(seed: number, seconds: number): Float32Array {
  const rng = mulberry32(seed);
  const out = new Float32Array(seconds * SR);
  const step = Math.round(0.25 * SR);
  for (let start = 0; start < out.length; start += step) {
    const hz = 110 * 2 ** (Math.floor(rng() * 36) / 12);
    const noise = rng() * 0.3;
    for (let i = 0; i < step && start + i < out.length; i++) {
      const decay = Math.exp(-i / (0.1 * SR));
      out[start + i] = 0.5 * Math.sin((2 * Math.PI * hz * i) / SR) * decay + noise * (rng() * 2 - 1) * decay;
    }
  }
  return out;
}

/** A lossy-ish copy: quiet noise added and a gain change. */
function degraded(pcm: Float32Array, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return pcm.map((x) => 0.9 * x + 0.01 * (rng() * 2 - 1));
}

function candidate(id: string, pcm: Float32Array, extra: Partial<DuplicateCandidate> = {}): DuplicateCandidate {
  const fp = computeAudioFingerprint(pcm, SR);
  return {
    id,
    relativePath: `${id}.mp3`,
    dateAdded: '2024-01-01',
    durationSec: fp.durationSec,
    fingerprint: { digest: fp.digest, hopSec: fp.hopSec, codes: decodeCodes(fp.codes) },
    ...extra,
  };
}

describe('audio fingerprint', () => {
  it('is the same for the same audio, close for a degraded or trimmed copy, far for other music', () => {
    const a = song(1, 40);
    const fa = computeAudioFingerprint(a, SR);
    expect(computeAudioFingerprint(a.slice(), SR)).toEqual(fa);
    expect(fa.codes.length).toBeGreaterThan(100);
    const codes = (pcm: Float32Array) => decodeCodes(computeAudioFingerprint(pcm, SR).codes);
    const hop = fa.hopSec;
    expect(compareFingerprints(codes(a), codes(degraded(a, 2)), hop).similarity).toBeGreaterThan(0.85);
    const trimmed = compareFingerprints(codes(a), codes(a.subarray(Math.round(0.5 * SR))), hop);
    expect(trimmed.similarity).toBeGreaterThan(0.9);
    expect(trimmed.offsetSec).toBeCloseTo(0.5, 1);
    expect(compareFingerprints(codes(a), codes(song(2, 40)), hop).similarity).toBeLessThan(0.65);
    expect(computeAudioFingerprint(degraded(a, 2), SR).digest).not.toBe(fa.digest);
  });

  it('codes only the first FINGERPRINT_SECONDS, handles silence and clips shorter than a frame', () => {
    const long = computeAudioFingerprint(song(3, FINGERPRINT_SECONDS + 30), SR);
    expect(decodeCodes(long.codes).length).toBeLessThanOrEqual(Math.ceil(FINGERPRINT_SECONDS / long.hopSec) + 1);
    expect(computeAudioFingerprint(new Float32Array(100), SR)).toMatchObject({ codes: '', durationSec: 0.009 });
    expect(decodeCodes(computeAudioFingerprint(new Float32Array(SR * 5), SR).codes).every((c) => c === 0)).toBe(true);
  });
});

describe('findDuplicates', () => {
  const a = song(10, 40);
  const b = song(11, 40);

  it('groups exact copies and same-recording files with evidence, and picks the keeper by the rule', () => {
    const tracks = [
      candidate('a-mp3', a, { bitrateKbps: 320, codec: 'mp3', title: 'Song', artist: 'X' }),
      candidate('a-copy', a, { bitrateKbps: 320, codec: 'mp3', title: 'Song', artist: 'X', dateAdded: '2023-01-01' }),
      candidate('a-lossy', degraded(a, 5), { bitrateKbps: 128, codec: 'mp3', title: 'Song', artist: 'X' }),
      candidate('a-flac', degraded(a, 6), { relativePath: 'a-flac.flac', codec: 'flac', title: 'Song', artist: 'X' }),
      candidate('b', b, { bitrateKbps: 320, codec: 'mp3', title: 'Other', artist: 'X' }),
    ];
    const report = findDuplicates(tracks);
    expect(report.groups.map((g) => [g.kind, g.trackIds, g.keeper, g.keeperReason])).toEqual([
      ['same-recording', ['a-copy', 'a-flac', 'a-lossy', 'a-mp3'], 'a-flac', 'lossless'],
    ]);
    const exactPair = report.groups[0].evidence.find((e) => e.samePcm)!;
    expect([exactPair.a, exactPair.b].sort()).toEqual(['a-copy', 'a-mp3']);
    expect(report.toRemove).toEqual(['a-copy', 'a-lossy', 'a-mp3']);
    // The DJ keeps the 320 kbps copy instead.
    const kept = findDuplicates(tracks, { keepers: new Set(['a-mp3']) });
    expect(kept.groups[0]).toMatchObject({ keeper: 'a-mp3', keeperReason: 'chosen by you' });
    expect(kept.toRemove).toEqual(['a-copy', 'a-flac', 'a-lossy']);
  });

  it('exact copies alone form an exact group; the earlier-added copy is kept', () => {
    const report = findDuplicates([candidate('one', a, { dateAdded: '2024-05-01' }), candidate('two', a, { dateAdded: '2023-05-01' })]);
    expect(report.groups).toMatchObject([{ kind: 'exact', trackIds: ['one', 'two'], keeper: 'two', keeperReason: 'added first' }]);
  });

  it('never matches durations more than 1 s apart, disagreeing embeddings, or tracks without a fingerprint', () => {
    const longer = new Float32Array(a.length + 2 * SR);
    longer.set(a);
    expect(findDuplicates([candidate('a', a), candidate('a-long', longer)]).groups).toEqual([]);
    const v1 = Float32Array.from([1, 0, 0]);
    const v2 = Float32Array.from([0, 1, 0]);
    expect(findDuplicates([candidate('a', a, { vector: v1 }), candidate('a2', degraded(a, 3), { vector: v2 })]).groups).toEqual([]);
    // Steady tones and silence carry no evidence: they only ever match as exact copies.
    const tone = (hz: number) => Float32Array.from({ length: 30 * SR }, (_, i) => 0.5 * Math.sin((2 * Math.PI * hz * i) / SR));
    expect(findDuplicates([candidate('t1', tone(440)), candidate('t2', tone(220)), candidate('silence', new Float32Array(30 * SR))]).groups).toEqual([]);
    const report = findDuplicates([candidate('a', a), { ...candidate('a2', a), fingerprint: undefined }]);
    expect([report.groups, report.withoutFingerprint]).toEqual([[], 1]);
  });

  it('lists versions (same artist and title stem, other mix) as related, never for removal', () => {
    const report = findDuplicates([
      candidate('radio', a, { title: 'Song (Radio Edit)', artist: 'X' }),
      candidate('ext', b, { title: 'Song (Extended Mix)', artist: 'X' }),
      candidate('other', song(12, 40), { title: 'Song', artist: 'Someone Else' }),
    ]);
    expect(report.groups).toMatchObject([{ kind: 'versions', trackIds: ['ext', 'radio'], evidence: [{ mixes: ['extended mix', 'radio edit'] }] }]);
    expect(report.toRemove).toEqual([]);
  });

  it('title stems and the keeper order', () => {
    expect(titleStem('Song (Extended Mix) [Remastered]')).toEqual({ stem: 'song', mix: 'extended mix remastered' });
    expect(titleStem('Song - Radio Edit')).toEqual({ stem: 'song', mix: 'radio edit' });
    expect(titleStem('Song')).toEqual({ stem: 'song', mix: 'original' });
    const base = { id: 'x', relativePath: 'x.mp3', dateAdded: '2024-01-01' };
    const order = [
      { ...base, id: 'mp3-128', bitrateKbps: 128 },
      { ...base, id: 'wav', relativePath: 'x.wav' },
      { ...base, id: 'mp3-320-short', bitrateKbps: 320, durationSec: 100 },
      { ...base, id: 'mp3-320-long', bitrateKbps: 320, durationSec: 101 },
    ].sort(compareForKeeping);
    expect(order.map((t) => t.id)).toEqual(['wav', 'mp3-320-long', 'mp3-320-short', 'mp3-128']);
  });
});

describe('move confirmation by audio', () => {
  const a = song(20, 40);
  const other = song(21, 40);

  it('pairs a new file with the removed track holding the same audio, exact copies first', () => {
    const fresh = candidate('new', a, { relativePath: 'Moved/Song (re-tagged).mp3' });
    const removed = [candidate('unrelated', other), candidate('re-encoded', degraded(a, 3)), candidate('old', a)];
    expect(findMovedByAudio(fresh, removed)).toMatchObject({ id: 'old', evidence: { kind: 'exact', samePcm: true } });
    expect(findMovedByAudio(fresh, removed.slice(0, 2))).toMatchObject({ id: 're-encoded', evidence: { kind: 'same-recording' } });
  });

  it('refuses other music, and the same recording shifted in time (its cues would no longer line up)', () => {
    const fresh = candidate('new', a);
    expect(findMovedByAudio(fresh, [candidate('unrelated', other)])).toBeUndefined();
    const trimmed = a.subarray(Math.round(0.5 * SR));
    expect(findMovedByAudio(candidate('trimmed', trimmed), [candidate('old', a)])).toBeUndefined();
    expect(findMovedByAudio({ ...fresh, fingerprint: undefined }, [candidate('old', a)])).toBeUndefined();
  });
});
