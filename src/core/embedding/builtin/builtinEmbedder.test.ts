import { describe, expect, it } from 'vitest';
import { synthesisePiece, type PieceSpec } from '../../../../scripts/corpus/embeddings/synth';
import { BuiltinDspEmbedder, embedBuiltin, standardiseFeatures } from './builtinEmbedder';
import { FEATURE_COUNT, trackFeatures } from './features';

const SR = 24_000;
const piece = (family: PieceSpec['family'], bpm: number, tonic: number, seed: string, seconds = 8) =>
  synthesisePiece({ family, bpm, tonic, minor: false, seed }, 0, seconds);
const cosine = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i], 0);

describe('builtin-dsp embedder', () => {
  it('gives the same 256-d unit vector for the same input, every time', async () => {
    const audio = piece('keys', 120, 0, 'determinism');
    const a = await new BuiltinDspEmbedder().embed([audio], SR);
    const b = embedBuiltin([audio.slice()], SR);
    expect(a).toHaveLength(256);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(cosine(a, a)).toBeCloseTo(1, 5);
  });

  it('puts the same instrument in another key and tempo nearer than other instruments', () => {
    const pad = embedBuiltin([piece('pad', 120, 0, 'pad-a')], SR);
    const otherPad = embedBuiltin([piece('pad', 100, 5, 'pad-b')], SR);
    const chip = embedBuiltin([piece('chip', 120, 0, 'chip-a')], SR);
    const techno = embedBuiltin([piece('techno', 120, 0, 'techno-a')], SR);
    const samePad = cosine(pad, otherPad);
    expect(samePad).toBeGreaterThan(cosine(pad, chip) + 0.2);
    expect(samePad).toBeGreaterThan(cosine(pad, techno) + 0.2);
  });

  it('ignores the playback level', () => {
    const audio = piece('bell', 110, 3, 'level');
    const quiet = audio.map((v) => v * 0.1);
    expect(cosine(embedBuiltin([audio], SR), embedBuiltin([quiet], SR))).toBeGreaterThan(0.999);
  });

  it('averages windows with equal weight and skips windows under a second', () => {
    const a = piece('organ', 120, 0, 'windows', 4);
    const b = piece('sawLead', 120, 0, 'windows', 4);
    const both = trackFeatures([a, b, new Float32Array(1000)], SR);
    const fa = trackFeatures([a], SR);
    const fb = trackFeatures([b], SR);
    for (let i = 0; i < FEATURE_COUNT; i++) expect(both[i]).toBeCloseTo((fa[i] + fb[i]) / 2, 3);
  });

  it('handles silence without NaN and refuses audio that is too short', () => {
    const silent = embedBuiltin([new Float32Array(3 * SR)], SR);
    expect(silent.every(Number.isFinite)).toBe(true);
    expect(() => embedBuiltin([new Float32Array(SR / 2)], SR)).toThrow(/too short to embed: the longest sampled window is 0.50 s/);
  });

  it('standardises with the calibrated constants (a typical clip lands near unit scale)', () => {
    const z = standardiseFeatures(trackFeatures([piece('pluck', 128, 7, 'scale')], SR));
    const rms = Math.sqrt(z.reduce((s, v) => s + v * v, 0) / z.length);
    expect(rms).toBeGreaterThan(0.02);
    expect(rms).toBeLessThan(1);
  });
});
