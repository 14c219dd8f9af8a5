/**
 * Random access to a (possibly large) file without holding it in memory: checkpoint readers ask for
 * one header or one tensor at a time. A Blob works in the browser (File from a picker) and in Node
 * (`fs.openAsBlob`), so the same readers serve the app and the CLI.
 */
export interface ByteSource {
  readonly size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** A checkpoint that cannot be used, with the reason a user can act on. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

export function blobByteSource(blob: Blob, fileName: string): ByteSource {
  return {
    size: blob.size,
    async read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > blob.size) {
        throw new CheckpointError(`${fileName} is truncated: needs bytes ${offset}–${offset + length} but has ${blob.size}`);
      }
      return new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer());
    },
  };
}

export function bytesByteSource(bytes: Uint8Array, fileName: string): ByteSource {
  return {
    size: bytes.byteLength,
    async read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > bytes.byteLength) {
        throw new CheckpointError(`${fileName} is truncated: needs bytes ${offset}–${offset + length} but has ${bytes.byteLength}`);
      }
      return bytes.slice(offset, offset + length);
    },
  };
}
