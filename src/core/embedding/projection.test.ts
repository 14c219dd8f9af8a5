import { describe, expect, it } from 'vitest';
import { fnv1a64Hex, mulberry32 } from '../hash';
import { l2Normalize, project, projectionMatrix, toEmbedding } from './projection';

function fingerprint(m: Float32Array): string {
  return fnv1a64Hex(Array.from(new Uint32Array(m.buffer, m.byteOffset, m.length), (u) => u.toString(16)).join(','));
}

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};

describe('projectionMatrix', () => {
  it('is bit-identical to the recorded version-1 matrices (vectors stored on any machine stay valid)', () => {
    // If this fails, stored embeddings would silently change: bump PROJECTION_VERSION instead.
    expect(fingerprint(projectionMatrix(768))).toBe(EXPECTED_768);
    expect(fingerprint(projectionMatrix(64))).toBe(EXPECTED_64);
  });

  it('has orthonormal rows when reducing dimensions', () => {
    const m = projectionMatrix(768);
    const row = (r: number) => m.subarray(r * 768, (r + 1) * 768);
    expect(dot(row(0), row(0))).toBeCloseTo(1, 5);
    expect(dot(row(255), row(255))).toBeCloseTo(1, 5);
    expect(Math.abs(dot(row(3), row(200)))).toBeLessThan(1e-5);
  });

  it('keeps distances exactly (up to float32) when expanding dimensions', () => {
    const rng = mulberry32(9);
    const a = Float32Array.from({ length: 64 }, () => rng() - 0.5);
    const b = Float32Array.from({ length: 64 }, () => rng() - 0.5);
    const cosine = (x: Float32Array, y: Float32Array) => dot(x, y) / Math.sqrt(dot(x, x) * dot(y, y));
    expect(cosine(project(a), project(b))).toBeCloseTo(cosine(a, b), 5);
  });

  it('rejects unknown versions and sizes', () => {
    expect(() => projectionMatrix(768, 256, 2)).toThrow(/version 2 is unknown/);
    expect(() => projectionMatrix(0)).toThrow(/positive integer/);
  });
});

describe('l2Normalise / toEmbedding', () => {
  it('gives unit vectors and leaves a zero vector at zero', () => {
    expect(Array.from(l2Normalize(Float32Array.from([3, 4])))).toEqual([0.6000000238418579, 0.800000011920929]);
    expect(Array.from(l2Normalize(new Float32Array(3)))).toEqual([0, 0, 0]);
    const e = toEmbedding(Float32Array.from({ length: 768 }, (_, i) => Math.sin(i)));
    expect(e.length).toBe(256);
    expect(dot(e, e)).toBeCloseTo(1, 5);
  });
});

const EXPECTED_768 = '54e550438e4fd80f';
const EXPECTED_64 = '61ad890442d09c1f';
