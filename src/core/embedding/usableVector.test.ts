import { describe, expect, it } from 'vitest';
import { vectorProblem } from './usableVector';

describe('vectorProblem (the usable-vector rule)', () => {
  it('accepts a finite vector with a direction', () => {
    expect(vectorProblem(Float32Array.of(0, 0.6, 0.8), 3)).toBeUndefined();
  });

  it('names what is wrong otherwise', () => {
    expect(vectorProblem(undefined, 3)).toBe('there is no vector');
    expect(vectorProblem(Float32Array.of(1, 0), 3)).toBe('it has 2 values instead of 3');
    expect(vectorProblem(new Float32Array(3).fill(NaN), 3)).toBe('3 of its 3 values are not numbers (NaN or infinite)');
    expect(vectorProblem(Float32Array.of(1, Infinity, 0), 3)).toMatch(/1 of its 3 values/);
    expect(vectorProblem(new Float32Array(3), 3)).toBe('all its values are zero (it has no direction)');
  });
});
