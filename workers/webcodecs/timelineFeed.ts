/**
 * Lays decoded chunks onto the track's sample timeline and forwards a gap-free, overlap-free stream
 * for [start, end): missing stretches become silence, samples before `start` (codec priming, seek
 * pre-roll) and from `end` on are dropped. Keeps whole-track and window decodes on the same timeline
 * as ffmpeg, whatever chunk sizes and timestamps the decoder produces.
 */
export class TimelineFeed {
  private next: number;

  constructor(
    start: number,
    private readonly end: number,
    private readonly sink: (chunk: Float32Array) => void,
  ) {
    this.next = start;
  }

  /** Samples forwarded so far reach up to (not including) this index. */
  get position(): number {
    return this.next;
  }

  get complete(): boolean {
    return this.next >= this.end;
  }

  /** A chunk whose first sample sits at timeline index `at`. */
  write(at: number, chunk: Float32Array): void {
    if (at > this.next) this.silence(Math.min(at, this.end) - this.next);
    const from = Math.max(0, this.next - at);
    const to = Math.min(chunk.length, this.end - at);
    if (to <= from) return;
    this.sink(chunk.subarray(from, to));
    this.next = at + to;
  }

  /** Pad with silence up to the end (a window that runs past the end of the track). */
  finish(): void {
    if (Number.isFinite(this.end) && this.next < this.end) this.silence(this.end - this.next);
  }

  private silence(length: number): void {
    if (length <= 0) return;
    this.sink(new Float32Array(length));
    this.next += length;
  }
}
