import { describe, expect, it } from 'vitest';
import { logMelSpectrogram } from './mel';
import { onsetStrength } from './onset';
import { peakOptionsInSeconds, pickPeaks } from './peaks';
import { addClicks, colouredNoise } from './testSignals';

const SR = 11025;

describe('onsetStrength', () => {
  const clicks = [1, 2, 3, 4, 5];
  // Loud bright noise: a busy background whose flux flickers everywhere.
  const spec = logMelSpectrogram(addClicks(colouredNoise(SR, 6, 0.2, 0.1, 4), SR, clicks, 1), SR);

  it('with local-mean subtraction, lowers the background and keeps the clicks as the peaks', () => {
    const plain = onsetStrength(spec);
    const detrended = onsetStrength(spec, { localMeanSec: 0.5 });
    const median = (x: Float32Array) => Float32Array.from(x).sort()[x.length >> 1];
    expect(median(detrended)).toBeLessThan(0.5 * median(plain));
    const peaks = pickPeaks(detrended, peakOptionsInSeconds(spec.frameRate, { maxSec: 0.2, avgSec: 0.5, delta: 1, waitSec: 0.2 }));
    expect(peaks.map((k) => Math.round(k / spec.frameRate))).toEqual([0, ...clicks]); // 0: the noise itself starts
    expect(detrended.every((v) => v >= 0)).toBe(true);
  });

  it('supports a longer lag and rejects a bad one', () => {
    expect(onsetStrength(spec, { lag: 2 }).length).toBe(spec.frameCount);
    expect(() => onsetStrength(spec, { lag: 0 })).toThrow(/lag/);
  });
});
