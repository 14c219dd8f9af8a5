/**
 * PyTorch `pytorch_model.bin` (torch.save's zip format): `<archive>/data.pkl` holds the pickled
 * state dict (read with the restricted unpickler), `<archive>/data/<key>` each storage's raw bytes.
 * @module
 */
import { CheckpointError, type ByteSource } from './byteSource';
import { unpickleStateDict, type TensorRef } from './pickle';
import { bytesPerElement, decodeFloats, elementCount, type Checkpoint, type CheckpointTensor } from './tensors';
import { readZipDirectory } from './zip';

/** Row-major strides of `shape`. */
const contiguousStride = (shape: number[]) => shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));

export async function readPytorchBin(source: ByteSource, fileName: string): Promise<Checkpoint> {
  const entries = await readZipDirectory(source, fileName);
  const pickleEntry = [...entries.values()].find((e) => e.name.endsWith('/data.pkl') || e.name === 'data.pkl');
  if (!pickleEntry) throw new CheckpointError(`${fileName} is a zip archive without data.pkl, so it is not a PyTorch checkpoint`);
  const prefix = pickleEntry.name.slice(0, -'data.pkl'.length);
  const refs = unpickleStateDict(await source.read(await pickleEntry.dataOffset(), pickleEntry.size), fileName);
  const tensors = new Map<string, CheckpointTensor>();
  for (const [name, ref] of refs) {
    const entry = entries.get(`${prefix}data/${ref.storage.key}`);
    if (!entry) throw new CheckpointError(`${fileName}: the storage of ${name} (data/${ref.storage.key}) is missing from the archive`);
    const size = bytesPerElement(ref.storage.dtype);
    if (entry.size < ref.storage.numel * size) throw new CheckpointError(`${fileName}: the storage of ${name} is truncated`);
    tensors.set(name, { name, dtype: ref.storage.dtype, shape: ref.shape, read: () => readTensor(source, ref, entry.dataOffset(), name) });
  }
  return { format: 'pytorch', tensors };
}

async function readTensor(source: ByteSource, ref: TensorRef, dataOffset: Promise<number>, name: string): Promise<Float32Array> {
  const size = bytesPerElement(ref.storage.dtype);
  const count = elementCount(ref.shape);
  const start = await dataOffset;
  if (count === 0) return new Float32Array(0);
  const contiguous = ref.stride.every((s, i) => ref.shape[i] === 1 || s === contiguousStride(ref.shape)[i]);
  if (contiguous) return decodeFloats(await source.read(start + ref.offset * size, count * size), ref.storage.dtype, count, name);
  // A strided view (e.g. a transposed weight saved as is): read its span of the storage and gather.
  const span = 1 + ref.shape.reduce((s, d, i) => s + (d - 1) * ref.stride[i], 0);
  const storage = decodeFloats(await source.read(start + ref.offset * size, span * size), ref.storage.dtype, span, name);
  const out = new Float32Array(count);
  const index = new Array<number>(ref.shape.length).fill(0);
  for (let n = 0; n < count; n++) {
    out[n] = storage[index.reduce((s, v, i) => s + v * ref.stride[i], 0)];
    for (let d = ref.shape.length - 1; d >= 0 && ++index[d] === ref.shape[d]; d--) index[d] = 0;
  }
  return out;
}
