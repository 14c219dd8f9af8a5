/**
 * A generated track whose tempo really changes half-way (an edit, a DJ-made transition, a live
 * drummer pushing): bars of one corpus arrangement at tempo A, then bars of another at tempo B,
 * butted together on a bar line. Each part's beats are exact to the sample, so the truth is the
 * list of tempo segments with the sample where each starts.
 * @module
 */
import type { ClipSpec } from './clip';
import { renderClip } from './clip';
import { planCorpus } from './corpusPlan';

export interface TempoSegmentTruth {
  startSec: number;
  bpm: number;
}

export function renderTempoChange(
  sampleRate: number,
  { firstBpm = 122, secondBpm = 128, barsEach = 12, leadIn = 0.4, seed = 'rbassist-tempo-change' } = {},
): { pcm: Float32Array; segments: TempoSegmentTruth[] } {
  const [a, b] = planCorpus({ count: 2, seed, durationSec: 60 }).map((spec): ClipSpec => ({ ...spec, style: 'fourOnFloor', energy: 4 }));
  const firstSec = leadIn + (barsEach * 4 * 60) / firstBpm;
  const secondSec = (barsEach * 4 * 60) / secondBpm;
  const partA = renderClip({ ...a, bpm: firstBpm, leadIn, durationSec: firstSec }, sampleRate);
  // The second part starts exactly on its own first downbeat (no lead-in) at the sample where A's bars end.
  const cut = Math.round(firstSec * sampleRate);
  const partB = renderClip({ ...b, key: a.key, bpm: secondBpm, leadIn: 0, durationSec: secondSec + 2 }, sampleRate);
  const pcm = new Float32Array(cut + partB.length);
  pcm.set(partA.subarray(0, cut));
  pcm.set(partB, cut);
  return {
    pcm,
    segments: [
      { startSec: leadIn, bpm: firstBpm },
      { startSec: cut / sampleRate, bpm: secondBpm },
    ],
  };
}
