/**
 * Just enough of the ZIP format to read the archive `torch.save` writes: the central directory
 * (with ZIP64 sizes and offsets) and stored (uncompressed) entries, read on demand.
 * @module
 */
import { CheckpointError, type ByteSource } from './byteSource';

export interface ZipEntry {
  name: string;
  size: number;
  /** Where the entry's bytes start in the archive (after its local header). */
  dataOffset(): Promise<number>;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const MAX_COMMENT = 0xffff;

const u64 = (view: DataView, at: number) => Number(view.getBigUint64(at, true));

export async function readZipDirectory(source: ByteSource, fileName: string): Promise<Map<string, ZipEntry>> {
  const tailLength = Math.min(source.size, 22 + MAX_COMMENT + 20);
  const tailStart = source.size - tailLength;
  const tail = await source.read(tailStart, tailLength);
  const tailView = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tailView.getUint32(i, true) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0)
    throw new CheckpointError(
      `${fileName} is not a complete zip archive (no end-of-directory record): the download is truncated or the file is not a PyTorch checkpoint`,
    );
  let count = tailView.getUint16(eocd + 10, true);
  let directorySize = tailView.getUint32(eocd + 12, true);
  let directoryOffset = tailView.getUint32(eocd + 16, true);
  if (eocd >= 20 && tailView.getUint32(eocd - 20, true) === ZIP64_LOCATOR_SIGNATURE) {
    const record = await source.read(u64(tailView, eocd - 20 + 8), 56);
    const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
    if (view.getUint32(0, true) !== ZIP64_EOCD_SIGNATURE) throw new CheckpointError(`${fileName}: damaged ZIP64 directory record`);
    count = u64(view, 32);
    directorySize = u64(view, 40);
    directoryOffset = u64(view, 48);
  }
  if (directoryOffset + directorySize > source.size) throw new CheckpointError(`${fileName} is truncated: its zip directory lies beyond the end of the file`);
  const directory = await source.read(directoryOffset, directorySize);
  const view = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directory.byteLength || view.getUint32(at, true) !== CENTRAL_SIGNATURE) throw new CheckpointError(`${fileName}: damaged zip directory`);
    const method = view.getUint16(at + 10, true);
    let size = view.getUint32(at + 24, true);
    let compressedSize = view.getUint32(at + 20, true);
    let localOffset = view.getUint32(at + 42, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(directory.subarray(at + 46, at + 46 + nameLength));
    // ZIP64 extended information: the 0xFFFFFFFF fields, in this order
    for (let e = at + 46 + nameLength; e + 4 <= at + 46 + nameLength + extraLength;) {
      const id = view.getUint16(e, true);
      const length = view.getUint16(e + 2, true);
      if (id === 0x0001) {
        let field = e + 4;
        if (size === 0xffffffff) {
          size = u64(view, field);
          field += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(view, field);
          field += 8;
        }
        if (localOffset === 0xffffffff) localOffset = u64(view, field);
      }
      e += 4 + length;
    }
    if (method !== 0 || compressedSize !== size)
      throw new CheckpointError(
        `${fileName}: ${name} is compressed (method ${method}); torch.save stores entries uncompressed, so this is not a PyTorch checkpoint as saved`,
      );
    const offset = localOffset;
    entries.set(name, {
      name,
      size,
      async dataOffset() {
        const local = await source.read(offset, 30);
        const localView = new DataView(local.buffer, local.byteOffset, 30);
        if (localView.getUint32(0, true) !== LOCAL_SIGNATURE) throw new CheckpointError(`${fileName}: damaged zip entry ${name}`);
        return offset + 30 + localView.getUint16(26, true) + localView.getUint16(28, true);
      },
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
