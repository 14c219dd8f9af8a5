import { describe, expect, it } from 'vitest';
import { renderTempoChange } from '../../../../scripts/corpus/analyzers/tempoChange';
import { renderClip } from '../../../../scripts/corpus/analyzers/clip';
import { planCorpus } from '../../../../scripts/corpus/analyzers/corpusPlan';
import { estimateTempo } from './bpmAnalyzer';

const SR = 11025;

describe('tempo changes become several TEMPO rows', () => {
  for (const [firstBpm, secondBpm, barsEach] of [
    [122, 128, 12],
    [126, 118, 16],
  ] as const) {
    it(`${firstBpm} → ${secondBpm} BPM half-way: two rows, each within 5 ms and 0.05 BPM, the second on its bar's one`, () => {
      const { pcm, segments } = renderTempoChange(SR, { firstBpm, secondBpm, barsEach });
      const rows = estimateTempo(pcm, SR).tempoRows;
      expect(rows).toHaveLength(2);
      rows!.forEach((row, i) => {
        expect(Math.abs(row.startSec - segments[i].startSec)).toBeLessThan(0.005);
        expect(Math.abs(row.bpm - segments[i].bpm)).toBeLessThan(0.05);
        expect(row.beat).toBe(1);
      });
    });
  }

  it('a steady track keeps one row (tempoRows null)', () => {
    const r = estimateTempo(renderClip(planCorpus({ count: 4, durationSec: 40 })[1], SR), SR);
    expect(r.bpm).not.toBeNull();
    expect(r.tempoRows).toBeNull();
  });
});
