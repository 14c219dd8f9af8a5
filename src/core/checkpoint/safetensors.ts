/**
 * safetensors (https://github.com/huggingface/safetensors): 8-byte little-endian header length, a
 * JSON header {name: {dtype, shape, data_offsets: [begin, end]}} (offsets relative to the end of the
 * header), then the raw little-endian tensors. Only the header is read up front.
 * @module
 */
import { CheckpointError, type ByteSource } from './byteSource';
import { bytesPerElement, decodeFloats, elementCount, isFloatDtype, type Checkpoint, type CheckpointTensor } from './tensors';

/** Headers of real checkpoints are a few tens of KB; anything far larger is not a safetensors file. */
const MAX_HEADER_BYTES = 100 * 1024 * 1024;

interface HeaderEntry {
  dtype: unknown;
  shape: unknown;
  data_offsets: unknown;
}

export async function readSafetensors(source: ByteSource, fileName: string): Promise<Checkpoint> {
  if (source.size < 8) throw new CheckpointError(`${fileName} is too short (${source.size} bytes) to be a safetensors file`);
  const lengthBytes = await source.read(0, 8);
  const headerLength = Number(new DataView(lengthBytes.buffer, lengthBytes.byteOffset, 8).getBigUint64(0, true));
  if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || 8 + headerLength > source.size) {
    throw new CheckpointError(`${fileName} is not a safetensors file or is truncated (header length ${headerLength}, file ${source.size} bytes)`);
  }
  let header: Record<string, HeaderEntry>;
  try {
    header = JSON.parse(new TextDecoder().decode(await source.read(8, headerLength))) as Record<string, HeaderEntry>;
  } catch {
    throw new CheckpointError(`${fileName}: the safetensors header is not valid JSON (the file is damaged or not a safetensors file)`);
  }
  const dataStart = 8 + headerLength;
  const tensors = new Map<string, CheckpointTensor>();
  for (const [name, entry] of Object.entries(header)) {
    if (name === '__metadata__') continue;
    const { dtype, shape, data_offsets: offsets } = entry;
    if (
      typeof dtype !== 'string' ||
      !Array.isArray(shape) ||
      !shape.every((d) => Number.isInteger(d) && d >= 0) ||
      !Array.isArray(offsets) ||
      offsets.length !== 2 ||
      !offsets.every((o) => Number.isInteger(o) && o >= 0)
    ) {
      throw new CheckpointError(`${fileName}: the header entry for ${name} is malformed`);
    }
    const [begin, end] = offsets as number[];
    const dims = shape as number[];
    if (end < begin || dataStart + end > source.size) {
      throw new CheckpointError(`${fileName} is truncated: ${name} ends at byte ${dataStart + end} but the file has ${source.size}`);
    }
    if (isFloatDtype(dtype) && end - begin !== elementCount(dims) * bytesPerElement(dtype)) {
      throw new CheckpointError(
        `${fileName}: ${name} (${dtype} [${dims}]) should take ${elementCount(dims) * bytesPerElement(dtype)} bytes but takes ${end - begin}`,
      );
    }
    tensors.set(name, {
      name,
      dtype,
      shape: dims,
      async read() {
        if (!isFloatDtype(dtype)) throw new CheckpointError(`${fileName}: ${name} has dtype ${dtype}; weights must be F32, F16 or BF16`);
        return decodeFloats(await source.read(dataStart + begin, end - begin), dtype, elementCount(dims), name);
      },
    });
  }
  return { format: 'safetensors', tensors };
}
