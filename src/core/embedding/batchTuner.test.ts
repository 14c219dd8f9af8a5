import { describe, expect, it } from 'vitest';
import { BatchSizeTuner, isOutOfMemoryError } from './batchTuner';

describe('BatchSizeTuner', () => {
  it('ignores the warm-up run, doubles while per-chunk time falls, settles on the best size', () => {
    const t = new BatchSizeTuner({ initial: 1, max: 32 });
    t.recordRun(1, 9); // warm-up (compilation): not measured
    expect(t.batchSize).toBe(1);
    t.recordRun(1, 1.0);
    expect(t.batchSize).toBe(2);
    t.recordRun(2, 1.2); // 0.6 s/chunk: better
    expect(t.batchSize).toBe(4);
    t.recordRun(4, 2.2); // 0.55 s/chunk: < 10 % better → back to 2, settled
    expect(t.batchSize).toBe(2);
    expect(t.isSettled).toBe(true);
    t.recordRun(2, 0.1);
    expect(t.batchSize).toBe(2);
  });

  it('stops at the maximum', () => {
    const t = new BatchSizeTuner({ initial: 2, max: 4 });
    t.recordRun(2, 1);
    t.recordRun(2, 1);
    t.recordRun(4, 1);
    expect(t.batchSize).toBe(4);
    expect(t.isSettled).toBe(true);
  });

  it('does not judge a size by a partial batch', () => {
    const t = new BatchSizeTuner();
    t.recordRun(1, 1);
    t.recordRun(1, 1);
    t.recordRun(1, 0.1); // only 1 chunk in a batch of 2
    expect(t.batchSize).toBe(2);
    expect(t.isSettled).toBe(false);
  });

  it('halves on out-of-memory and never grows past that again', () => {
    const t = new BatchSizeTuner({ initial: 8, max: 16 });
    expect(t.recordOutOfMemory()).toBe(true);
    expect(t.batchSize).toBe(4);
    t.recordRun(4, 1);
    t.recordRun(4, 0.1);
    expect(t.batchSize).toBe(4);
    expect(t.recordOutOfMemory()).toBe(true);
    expect(t.recordOutOfMemory()).toBe(true);
    expect(t.batchSize).toBe(1);
    expect(t.recordOutOfMemory()).toBe(false);
  });

  it('rejects impossible settings', () => {
    expect(() => new BatchSizeTuner({ initial: 4, max: 2 })).toThrow(/1 ≤ initial ≤ max/);
  });
});

describe('isOutOfMemoryError', () => {
  it('recognises WASM and WebGPU allocation failures only', () => {
    expect(isOutOfMemoryError(new RangeError('Array buffer allocation failed'))).toBe(true);
    expect(isOutOfMemoryError(new Error('Failed to allocate a buffer of size 123'))).toBe(true);
    expect(isOutOfMemoryError('GPUOutOfMemoryError: out of memory')).toBe(true);
    expect(isOutOfMemoryError(new Error('Invalid input shape'))).toBe(false);
  });
});
