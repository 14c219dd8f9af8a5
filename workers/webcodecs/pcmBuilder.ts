/**
 * A growable Float32 buffer for a track's output PCM. Sized from the expected length up front so a
 * normal track never reallocates; the result is a view on one buffer (transferable, no final copy).
 */
export class PcmBuilder {
  private data: Float32Array;
  private length = 0;

  constructor(expectedLength = 0) {
    this.data = new Float32Array(Math.max(1024, Math.ceil(expectedLength * 1.01) + 1024));
  }

  append(chunk: Float32Array): void {
    if (this.length + chunk.length > this.data.length) {
      const grown = new Float32Array(Math.max(this.length + chunk.length, Math.ceil(this.data.length * 1.5)));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(chunk, this.length);
    this.length += chunk.length;
  }

  get size(): number {
    return this.length;
  }

  /** The samples written; trims the spare capacity by copying only when it is large. */
  result(): Float32Array {
    return this.data.length - this.length > 65536 ? this.data.slice(0, this.length) : this.data.subarray(0, this.length);
  }
}
