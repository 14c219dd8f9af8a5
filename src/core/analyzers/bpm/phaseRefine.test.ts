import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../hash';
import { attackStrengths, refineBeatPhase } from './phaseRefine';

const SR = 11025;

/** Kick-like hits (decaying 60 Hz sine, optional noise click, optional linear fade-in) on a quiet noise bed. */
function hits(startSample: number, periodSamples: number, seconds: number, fadeInSec: number, click: boolean): Float32Array {
  const rand = mulberry32(7);
  const pcm = new Float32Array(SR * seconds);
  for (let i = 0; i < pcm.length; i++) pcm[i] = (rand() * 2 - 1) * 0.01;
  for (let at = startSample; at < pcm.length; at += periodSamples) {
    const a = Math.round(at);
    for (let i = 0; i < SR * 0.3 && a + i < pcm.length; i++) {
      const t = i / SR;
      const rise = fadeInSec > 0 && t < fadeInSec ? t / fadeInSec : 1;
      const clickPart = click ? (rand() * 2 - 1) * Math.exp(-t / 0.003) * 0.5 : 0;
      pcm[a + i] += rise * (Math.sin(2 * Math.PI * 60 * t) * Math.exp(-t / 0.15) + clickPart);
    }
  }
  return pcm;
}

describe('refineBeatPhase', () => {
  for (const [label, fadeIn, click] of [
    ['click', 0, true],
    ['punch', 0, false],
    ['soft 4 ms', 0.004, false],
    ['slow 12 ms', 0.012, false],
  ] as const) {
    it(`finds ${label} attacks to within 3 ms from a grid 40 ms late and 0.05 % slow`, () => {
      const period = (60 / 124.3) * SR;
      const start = 0.6137 * SR;
      const pcm = hits(start, period, 30, fadeIn, click);
      const refined = refineBeatPhase(pcm, SR, period * 1.0005, start + 0.04 * SR);
      const errorMs = (Math.abs(refined.phaseSamples - start) / SR) * 1000;
      expect(errorMs).toBeLessThan(3);
      // The period too: the grid's beat 60 (29 s in) is still within 4 ms of the true one.
      const lastErrorMs = (Math.abs(refined.phaseSamples + 60 * refined.periodSamples - (start + 60 * period)) / SR) * 1000;
      expect(lastErrorMs).toBeLessThan(4);
    });
  }

  it('leaves the grid alone when there is nothing to lock onto', () => {
    const silence = new Float32Array(SR * 10);
    expect(refineBeatPhase(silence, SR, SR / 2, 100)).toEqual({ periodSamples: SR / 2, phaseSamples: 100, strength: 0 });
  });

  it('attack strength is high on a hit and low between hits', () => {
    const period = SR / 2;
    const pcm = hits(1000, period, 10, 0, true);
    const [on, off] = attackStrengths(pcm, SR, [1000 + 4 * period, 1000 + 4.5 * period]);
    expect(on).toBeGreaterThan(2);
    expect(off).toBeLessThan(0.5);
  });
});
