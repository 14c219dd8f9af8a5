/**
 * Beat-grid floors on generated clips with sample-exact beats: the corpus renderer's own
 * arrangements with each kick attack shape and swing (scripts/corpus/analyzers/beatCorpus.ts), in
 * memory (no mp3 round trip, so it stays fast). `npm run eval:analyzers` gives the full figures;
 * these floors sit one clip below what the analyzer reaches (16 of 16 since the drum-role cue in
 * downbeat.ts; 15 of 16 before it).
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
  it('at least 15 of 16 grids within 10 ms', () => {
    expect(scores.filter((s) => s.phaseErrorSec <= 0.01).length).toBeGreaterThanOrEqual(15);
  });
  it('bar start right on at least 15 of 16', () => {
    expect(scores.filter((s) => s.downbeatRight).length).toBeGreaterThanOrEqual(15);
  });
  it('a break whose syncopated kicks out-attack the beats keeps its bar start on the one (the backbeat, not the attacks, decides)', () => {
    // beat04: breakbeat at 100.6 BPM, slow kick attack; the grid used to slip half a beat onto the kicks.
    const at = specs.findIndex((s) => s.id === 'beat04');
    expect(specs[at]).toMatchObject({ style: 'breakbeat' });
    expect(scores[at].downbeatRight).toBe(true);
    expect(scores[at].phaseErrorSec).toBeLessThanOrEqual(0.01);
  });
});
