import { describe, expect, it } from 'vitest';
import { computeCurves } from '../audio/curves';
import { addClicks, colouredNoise, concat, sine } from '../audio/testSignals';
import { countSectionChanges, measureComplexity } from './complexity';
import { ADAPTIVE } from './profile';
import { beats, makeCurves } from './testCurves';

const SR = 8000;

/** Four clearly different textures (timbre and level), like sections of a track. */
function section(kind: number, seconds: number, seed: number): Float32Array {
  switch (kind % 4) {
    case 0:
      return addClicks(colouredNoise(SR, seconds, 0.1, 0.97, seed), SR, beats(0, seconds, 0.5), 0.8, seed);
    case 1:
      return colouredNoise(SR, seconds, 0.5, 0.2, seed);
    case 2: {
      const pcm = sine(SR, seconds, 660, 0.05);
      return addClicks(pcm, SR, beats(0, seconds, 0.25), 0.3, seed);
    }
    default: {
      const pcm = colouredNoise(SR, seconds, 0.02, 0.9, seed);
      const tone = sine(SR, seconds, 110, 0.3);
      for (let i = 0; i < pcm.length; i++) pcm[i] += tone[i];
      return pcm;
    }
  }
}

function complexityOf(sectionSec: number, loop: boolean) {
  const parts = Array.from({ length: Math.round(360 / sectionSec) }, (_, i) => section(loop ? 0 : i, sectionSec, loop ? 1 : i + 1));
  const curves = computeCurves(concat(...parts), SR);
  return measureComplexity(curves, curves.durationSec, ADAPTIVE.adaptive!);
}

describe('measureComplexity on generated audio', () => {
  it('ranks a loop low, 60 s sections medium and 30 s sections high', () => {
    const loop = complexityOf(30, true);
    expect(loop.level).toBe('low');
    expect(loop.noveltyPeaks + loop.sectionChanges).toBeLessThanOrEqual(1);

    const sixty = complexityOf(60, false);
    expect(sixty.noveltyPeaks).toBe(5); // every boundary, nothing else
    expect(sixty.level).toBe('medium');

    const thirty = complexityOf(30, false);
    expect(thirty.noveltyPeaks).toBe(11);
    expect(thirty.level).toBe('high');
  });
});

describe('countSectionChanges', () => {
  it('counts lasting level changes, not short gaps', () => {
    const c = makeCurves({ durationSec: 120, onsets: beats(0, 120) });
    // 0.3 s dropouts every 10 s: not sections.
    for (let t = 10; t < 120; t += 10) for (let k = Math.round(t * c.frameRate); k < Math.round((t + 0.3) * c.frameRate); k++) c.rms[k] = 0;
    expect(countSectionChanges(c, 4)).toBe(0);
    // A 20 s breakdown 12 dB down: two changes (in and out).
    for (let k = Math.round(50 * c.frameRate); k < Math.round(70 * c.frameRate); k++) c.rms[k] *= 0.25;
    expect(countSectionChanges(c, 4)).toBe(2);
  });
});
