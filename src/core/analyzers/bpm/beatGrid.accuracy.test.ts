/**
 * Beat-grid floors on generated clips with sample-exact beats: the corpus renderer's own
 * arrangements with each kick attack shape and swing (scripts/corpus/analyzers/beatCorpus.ts), in
 * memory (no mp3 round trip, so it stays fast). `npm run eval:analyzers` gives the full figures;
 * these floors sit at the targets with a little slack for the smaller sample.
 * @module
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planBeatCorpus } from '../../../../scripts/corpus/analyzers/beatCorpus';
import { clipTruth, renderClip } from '../../../../scripts/corpus/analyzers/clip';
import { scoreBeatGrid, summariseBeatScores, type BeatScore } from '../../../../scripts/eval/beatMetrics';
import { estimateTempo } from './bpmAnalyzer';

const SR = 11025;
const specs = planBeatCorpus({ count: 16, seed: 'rbassist-beats-unit', durationSec: 20 });
const scores: BeatScore[] = [];

beforeAll(() => {
  for (const spec of specs) scores.push(scoreBeatGrid(estimateTempo(renderClip(spec, SR), SR), clipTruth(spec)));
}, 300_000);

describe('beat grid on 16 generated clips (4 kick attacks × 4 swings)', () => {
  it('phase error median ≤ 3 ms, worst of first and last beat', () => {
    expect(summariseBeatScores(scores).medianSec).toBeLessThanOrEqual(0.003);
  });
  it('at least 14 of 16 grids within 10 ms', () => {
    expect(scores.filter((s) => s.phaseErrorSec <= 0.01).length).toBeGreaterThanOrEqual(14);
  });
  it('bar start right on at least 14 of 16', () => {
    expect(scores.filter((s) => s.downbeatRight).length).toBeGreaterThanOrEqual(14);
  });
});
