/**
 * Structure floors on a few generated tracks with known sections (scripts/corpus/analyzers/
 * structureCorpus.ts, sections halved so it stays fast), rendered in memory: the share of
 * boundaries found within one beat, and every auto cue on a downbeat of the analyzed grid (the
 * grid the export writes as TEMPO). `npm run eval:analyzers` gives the full figures.
 * @module
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planStructureCorpus, renderStructureTrack, structureTruth } from '../../../../scripts/corpus/analyzers/structureCorpus';
import { scoreBeatGrid, type BeatScore } from '../../../../scripts/eval/beatMetrics';
import { scoreStructure, type StructureScore } from '../../../../scripts/eval/structureMetrics';
import { autoCues } from '../../cues/autoCues';
import { CUE_TEMPLATES } from '../../cues/cueTemplates';
import { createBpmAnalyzer, type BpmFields } from '../bpm/bpmAnalyzer';
import { createStructureAnalyzer, type StructureFields } from './structureAnalyzer';

const SR = 11025;
const tracks = planStructureCorpus({ count: 4, seed: 'rbassist-structure-unit', scale: 0.5 });
const results: { bpm: BpmFields; structure: StructureFields; score: StructureScore; grid: BeatScore }[] = [];

beforeAll(() => {
  for (const track of tracks) {
    const pcm = renderStructureTrack(track, SR);
    const bpm = createBpmAnalyzer().analyze(pcm, SR);
    const structure = createStructureAnalyzer().analyze(pcm, SR, undefined, { bpm });
    results.push({ bpm, structure, score: scoreStructure(structure, structureTruth(track)), grid: scoreBeatGrid(bpm, structureTruth(track)) });
  }
}, 300_000);

describe('structure on 4 generated tracks (intro / build / drop / breakdown / outro)', () => {
  it('finds at least 90 % of the section boundaries within one beat', () => {
    const found = results.reduce((n, r) => n + r.score.found, 0);
    const total = results.reduce((n, r) => n + r.score.boundaries, 0);
    expect(total).toBeGreaterThanOrEqual(20);
    expect(found / total, results.map((r) => `${r.score.id}: ${r.score.misses.join(', ')}`).join('; ')).toBeGreaterThanOrEqual(0.9);
  });

  it('puts every grid on the true bar start, within 10 ms (the drum & bass track slipped half a beat onto its syncopated kicks before the drum-role cue)', () => {
    for (const { score, grid } of results) {
      expect(grid.downbeatRight, score.id).toBe(true);
      expect(grid.phaseErrorSec, score.id).toBeLessThanOrEqual(0.01);
    }
  });

  it('puts every auto cue of every built-in template on a downbeat of the analyzed grid', () => {
    let cues = 0;
    for (const { bpm, structure } of results) {
      const barSec = (4 * 60) / bpm.gridBpm!;
      for (const template of CUE_TEMPLATES) {
        for (const cue of autoCues(structure, template)) {
          cues++;
          const bars = (cue.sec - bpm.anchorSec!) / barSec;
          expect(Math.abs(bars - Math.round(bars)) * barSec).toBeLessThan(0.001);
          expect(Math.round(bars)).toBe(cue.bar);
        }
      }
    }
    expect(cues).toBeGreaterThan(30);
  });
});
