/**
 * Weight tensors of a checkpoint, read one at a time and widened to float32.
 * @module
 */
import { float16BitsToFloat32 } from '../../../models/onnx/float16';
import { CheckpointError } from './byteSource';

/** Float dtypes a MERT checkpoint may store (safetensors spelling). Others are listed but refused. */
export const FLOAT_DTYPES = ['F32', 'F16', 'BF16'] as const;
export type FloatDtype = (typeof FLOAT_DTYPES)[number];

export interface CheckpointTensor {
  name: string;
  /** safetensors spelling (F32, F16, BF16, I64, …). */
  dtype: string;
  shape: number[];
  /** Values in row-major order, as float32. */
  read(): Promise<Float32Array>;
}

export interface Checkpoint {
  format: 'safetensors' | 'pytorch';
  tensors: Map<string, CheckpointTensor>;
}

export const isFloatDtype = (dtype: string): dtype is FloatDtype => (FLOAT_DTYPES as readonly string[]).includes(dtype);
export const bytesPerElement = (dtype: FloatDtype) => (dtype === 'F32' ? 4 : 2);
export const elementCount = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

let halfTable: Float32Array | null = null;

/** Little-endian raw values → float32 (copied, so the result is aligned whatever the source). */
export function decodeFloats(bytes: Uint8Array, dtype: FloatDtype, count: number, name: string): Float32Array {
  if (bytes.byteLength !== count * bytesPerElement(dtype)) {
    throw new CheckpointError(`${name}: ${bytes.byteLength} bytes for ${count} ${dtype} values`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(count);
  if (dtype === 'F32') {
    for (let i = 0; i < count; i++) out[i] = view.getFloat32(4 * i, true);
  } else if (dtype === 'F16') {
    if (!halfTable) halfTable = Float32Array.from({ length: 65536 }, (_, bits) => float16BitsToFloat32(bits));
    for (let i = 0; i < count; i++) out[i] = halfTable[view.getUint16(2 * i, true)];
  } else {
    const widened = new Uint32Array(out.buffer);
    for (let i = 0; i < count; i++) widened[i] = view.getUint16(2 * i, true) << 16; // bfloat16 is float32's top half
  }
  return out;
}
