/**
 * Accuracy floors on a small in-memory corpus rendered by the same generator as the eval corpus
 * (no mp3 round trip, so it stays fast). The full figures come from `npm run eval:analyzers`;
 * these floors sit below them so a real regression fails CI.
 * @module
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { renderClip, type ClipSpec } from '../../../scripts/corpus/analyzers/clip';
import { planCorpus } from '../../../scripts/corpus/analyzers/corpusPlan';
import { mirexKeyScore, spearman } from '../../../scripts/eval/metrics';
import { estimateTempo, type BpmFields } from './bpm/bpmAnalyzer';
import { estimateEnergy, type EnergyFields } from './energy/energyAnalyzer';
import { estimateKey, phraseGridOf, type KeyFields } from './key/keyAnalyzer';

const SR = 11025;
const specs = planCorpus({ count: 12, seed: 'rbassist-analyzers-unit', durationSec: 20 });
const results: { spec: ClipSpec; tempo: BpmFields; key: KeyFields; energy: EnergyFields }[] = [];

beforeAll(() => {
  for (const spec of specs) {
    const pcm = renderClip(spec, SR);
    const tempo = estimateTempo(pcm, SR);
    results.push({ spec, tempo, key: estimateKey(pcm, SR, { grid: phraseGridOf(tempo) }), energy: estimateEnergy(pcm, SR) });
  }
  // Rendering and analysing 12 clips takes seconds, more on a busy machine.
}, 300_000);

describe('analyzer accuracy floors (12 generated clips)', () => {
  it('BPM within ±1 on at least 10 of 12 clips, and within 4 % up to octaves on all', () => {
    const within1 = results.filter((r) => r.tempo.bpm !== null && Math.abs(r.tempo.bpm - r.spec.bpm) <= 1).length;
    const octave = results.filter((r) => r.tempo.bpm !== null && [0.5, 1, 2].some((f) => Math.abs(r.tempo.bpm! / (r.spec.bpm * f) - 1) <= 0.04)).length;
    expect(within1).toBeGreaterThanOrEqual(10);
    expect(octave).toBe(12);
  });

  it('MIREX key score ≥ 0.9 (measured 1.000 with the phrase-start tonic, 12 of 12 exact)', () => {
    const score = results.reduce((s, r) => s + (r.key.key ? mirexKeyScore(r.key.key, r.spec.key) : 0), 0) / results.length;
    expect(score).toBeGreaterThanOrEqual(0.9);
  });

  it('energy ranks follow the generated levels (Spearman ≥ 0.75) and stay in 1–10', () => {
    const rho = spearman(
      results.map((r) => r.energy.score),
      results.map((r) => r.spec.energy),
    );
    expect(rho).toBeGreaterThanOrEqual(0.75);
    for (const r of results) expect(r.energy.energy).toBeGreaterThanOrEqual(1);
    for (const r of results) expect(r.energy.energy).toBeLessThanOrEqual(10);
  });

  it('reports BPM with one decimal and keys in all three notations', () => {
    for (const r of results) {
      if (r.tempo.bpm !== null) expect(Math.round(r.tempo.bpm * 10) / 10).toBe(r.tempo.bpm);
      if (r.key.key) expect([r.key.camelot, r.key.openKey, r.key.musical].every((s) => typeof s === 'string')).toBe(true);
    }
  });
});
