/**
 * The one rule for a vector that may be stored and indexed, applied where vectors are made (the
 * pipeline's outcome judge, the embed worker): the right number of values, all finite, and a
 * direction (non-zero norm). Anything else would poison every search that touches it.
 * @module
 */
import { EMBEDDING_DIMENSIONS } from './projection';

/** What is wrong with `vector`, in words; undefined when it is usable. */
export function vectorProblem(vector: Float32Array | null | undefined, dims: number = EMBEDDING_DIMENSIONS): string | undefined {
  if (!vector) return 'there is no vector';
  if (vector.length !== dims) return `it has ${vector.length} values instead of ${dims}`;
  let sumOfSquares = 0;
  let nonFinite = 0;
  for (const value of vector) {
    if (!Number.isFinite(value)) nonFinite++;
    else sumOfSquares += value * value;
  }
  if (nonFinite > 0) return `${nonFinite} of its ${dims} values are not numbers (NaN or infinite)`;
  if (!(sumOfSquares > 0)) return 'all its values are zero (it has no direction)';
  return undefined;
}
