/**
 * Odd audio never crashes an analyzer or yields NaN: it gives low confidence or an explicit
 * "no tempo" / "no key" with a reason.
 * @module
 */
import { describe, expect, it } from 'vitest';
import { renderClip } from '../../../scripts/corpus/analyzers/clip';
import { planCorpus } from '../../../scripts/corpus/analyzers/corpusPlan';
import { mulberry32 } from '../hash';
import { defaultAnalyzerRegistry } from './defaultAnalyzers';
import { runAnalyzers } from './runner';
import type { BpmFields } from './bpm/bpmAnalyzer';
import type { EnergyFields } from './energy/energyAnalyzer';
import type { KeyFields } from './key/keyAnalyzer';

const SR = 11025;

function analyze(pcm: Float32Array) {
  const { results } = runAnalyzers(pcm, SR, undefined, [], defaultAnalyzerRegistry());
  for (const r of results) expect(r.error, `${r.analyzerId}: ${r.error}`).toBeUndefined();
  const text = JSON.stringify(results);
  expect(text).not.toMatch(/NaN|Infinity/);
  const by = (id: string) => results.find((r) => r.analyzerId === id)!.fields;
  return { bpm: by('bpm') as BpmFields, key: by('key') as KeyFields, energy: by('energy') as EnergyFields };
}

const [steady, other] = planCorpus({ count: 12, seed: 'rbassist-analyzers-unit', durationSec: 20 }).filter((s) => s.style === 'fourOnFloor');

describe('bad input', () => {
  it('silence: no tempo, no key, no energy', () => {
    const r = analyze(new Float32Array(SR * 10));
    expect(r.bpm.bpm).toBeNull();
    expect(r.key.key).toBeNull();
    expect(r.key.reason).toBe('silent');
    expect(r.energy.energy).toBeNull();
  });

  it('a single sine: no tempo and no key', () => {
    const r = analyze(Float32Array.from({ length: SR * 10 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / SR)));
    expect(r.bpm.bpm).toBeNull();
    expect(r.bpm.reason).toMatch(/no rhythmic onsets/);
    expect(r.key.key).toBeNull();
    expect(r.key.reason).toMatch(/too few distinct notes/);
  });

  it('white noise: no tempo and no key', () => {
    const rand = mulberry32(7);
    const r = analyze(Float32Array.from({ length: SR * 20 }, () => rand() * 2 - 1));
    expect(r.bpm.bpm).toBeNull();
    expect(r.key.key).toBeNull();
    expect(r.key.reason).toMatch(/no tonal content/);
    expect(r.energy.energy).toBeGreaterThanOrEqual(1);
  });

  it('a 2-second clip: no tempo, and a key only with reduced confidence', () => {
    const clip = renderClip(steady, SR).slice(SR * 4, SR * 6);
    const r = analyze(clip);
    expect(r.bpm.bpm).toBeNull();
    expect(r.bpm.reason).toMatch(/too short/);
    expect(r.key.confidence).toBeLessThan(0.6);
  });

  it('clipping at 0 dBFS: same tempo and key as the clean clip, similar energy', () => {
    const clean = renderClip(steady, SR);
    const clipped = clean.map((x) => Math.max(-1, Math.min(1, x * 10)));
    const a = analyze(clean);
    const b = analyze(clipped);
    expect(Math.abs(b.bpm.bpm! - a.bpm.bpm!)).toBeLessThanOrEqual(0.2);
    expect(b.key.key).toEqual(a.key.key);
    expect(Math.abs(b.energy.energy! - a.energy.energy!)).toBeLessThanOrEqual(2);
  });

  it('a tempo change half-way: no single tempo is claimed for the whole track, one TEMPO row per section instead', () => {
    const first = renderClip(steady, SR);
    const second = renderClip(other, SR);
    expect(Math.abs(other.bpm / steady.bpm - 1)).toBeGreaterThan(0.05);
    const joined = new Float32Array(first.length + second.length);
    joined.set(first);
    joined.set(second, first.length);
    const r = analyze(joined);
    expect(r.bpm.stability).toBeLessThanOrEqual(0.7);
    const rows = r.bpm.tempoRows ?? [];
    expect(rows.map((row) => Math.round(row.bpm))).toEqual([Math.round(steady.bpm), Math.round(other.bpm)]);
    // The hand-over lies where the second clip starts (its lead-in silence included).
    expect(rows[1].startSec).toBeGreaterThanOrEqual(first.length / SR);
    expect(rows[1].startSec).toBeLessThan(first.length / SR + other.leadIn + 0.01);
  });
});
