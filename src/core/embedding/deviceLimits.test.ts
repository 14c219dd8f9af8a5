import { describe, expect, it } from 'vitest';
import { largestActivationBytes, MAX_GPU_BATCH, maxBatchForLimits } from './deviceLimits';

describe('maxBatchForLimits', () => {
  it('fits the first conv layer output of every chunk in one storage binding', () => {
    expect(largestActivationBytes(120_000, 'fp32')).toBe(512 * 23_999 * 4);
    // WebGPU's default 128 MiB binding (SwiftShader, many laptops): 2 chunks fp32, 5 fp16
    const defaults = { maxBufferSize: 256 * 2 ** 20, maxStorageBufferBindingSize: 128 * 2 ** 20 };
    expect(maxBatchForLimits(defaults, 120_000, 'fp32')).toBe(2);
    expect(maxBatchForLimits(defaults, 120_000, 'fp16')).toBe(5);
    // the smaller of the two limits counts
    expect(maxBatchForLimits({ maxBufferSize: 64 * 2 ** 20, maxStorageBufferBindingSize: 2 ** 31 }, 120_000, 'fp32')).toBe(1);
  });

  it('is at least 1 and at most MAX_GPU_BATCH', () => {
    expect(maxBatchForLimits({ maxBufferSize: 1, maxStorageBufferBindingSize: 1 }, 120_000, 'fp32')).toBe(1);
    expect(maxBatchForLimits({ maxBufferSize: 2 ** 40, maxStorageBufferBindingSize: 2 ** 32 - 4 }, 120_000, 'fp16')).toBe(MAX_GPU_BATCH);
  });
});
