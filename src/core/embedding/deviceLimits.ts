/**
 * How many 5 s chunks one inference batch may hold on a WebGPU device, from the device's buffer
 * limits, before any measurement: the largest activation of a MERT-contract graph must fit in one
 * storage-buffer binding. The batch tuner then measures within that bound and backs off on
 * out-of-memory.
 * @module
 */
import type { Precision } from './manifest';

export interface GpuBufferLimits {
  maxBufferSize: number;
  maxStorageBufferBindingSize: number;
}

/** MERT's conv feature encoder: 512 channels after a first conv of kernel 10, stride 5. */
const FIRST_CONV_CHANNELS = 512;
const FIRST_CONV_KERNEL = 10;
const FIRST_CONV_STRIDE = 5;
/** Past this, bigger batches only add latency per track (and risk) for no measurable gain. */
export const MAX_GPU_BATCH = 32;

/** Bytes of the largest activation one chunk produces (the first conv layer's output). */
export function largestActivationBytes(chunkSamples: number, precision: Precision): number {
  const frames = Math.floor((chunkSamples - FIRST_CONV_KERNEL) / FIRST_CONV_STRIDE) + 1;
  return FIRST_CONV_CHANNELS * frames * (precision === 'fp16' ? 2 : 4);
}

/** The biggest batch whose largest activation fits the device's buffer and binding limits (≥ 1). */
export function maxBatchForLimits(limits: GpuBufferLimits, chunkSamples: number, precision: Precision): number {
  const room = Math.min(limits.maxBufferSize, limits.maxStorageBufferBindingSize);
  return Math.max(1, Math.min(MAX_GPU_BATCH, Math.floor(room / largestActivationBytes(chunkSamples, precision))));
}
