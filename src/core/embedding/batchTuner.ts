/**
 * Picks the inference batch size for a device by measurement: start small, double while the time
 * per chunk keeps falling by a clear margin, settle on the best size seen, and halve (for good) on
 * an out-of-memory error. The first run is a warm-up (shader compilation, allocation) and is not
 * measured.
 */
export interface BatchTunerOptions {
  initial?: number;
  max?: number;
  /** Growing must cut the per-chunk time by at least this fraction to count as better. */
  minGain?: number;
}

export class BatchSizeTuner {
  private size: number;
  private max: number;
  private readonly minGain: number;
  private warmedUp = false;
  private settled = false;
  private best: { size: number; secondsPerChunk: number } | null = null;

  constructor({ initial = 1, max = 16, minGain = 0.1 }: BatchTunerOptions = {}) {
    if (!Number.isInteger(initial) || initial < 1 || !Number.isInteger(max) || max < initial) {
      throw new Error(`Batch sizes must satisfy 1 ≤ initial ≤ max, got initial ${initial}, max ${max}`);
    }
    this.size = initial;
    this.max = max;
    this.minGain = minGain;
  }

  /** The batch size to use for the next run. */
  get batchSize(): number {
    return this.size;
  }

  /** True once the size will no longer change (except on out-of-memory). */
  get isSettled(): boolean {
    return this.settled;
  }

  /** Report a successful run of `chunks` chunks (≤ batchSize) that took `seconds`. */
  recordRun(chunks: number, seconds: number): void {
    if (!this.warmedUp) {
      this.warmedUp = true;
      return;
    }
    // A partial batch (the last of a track) says little about this size's throughput.
    if (this.settled || chunks < this.size || !(seconds > 0)) return;
    const perChunk = seconds / chunks;
    if (this.best === null || (this.size > this.best.size && perChunk < this.best.secondsPerChunk * (1 - this.minGain))) {
      this.best = { size: this.size, secondsPerChunk: perChunk };
      if (this.size * 2 <= this.max) this.size *= 2;
      else this.settled = true;
    } else {
      this.size = this.best.size;
      this.settled = true;
    }
  }

  /**
   * The last run failed for lack of memory: halve the size and never grow past it again. Returns
   * false when the size was already 1 (nothing left to try).
   */
  recordOutOfMemory(): boolean {
    if (this.size === 1) return false;
    this.size = Math.max(1, this.size >> 1);
    this.max = this.size;
    if (this.best && this.best.size > this.size) this.best = null;
    this.settled = true;
    return true;
  }
}

/** Whether an inference error means the device ran out of memory (WASM heap or GPU buffers). */
export function isOutOfMemoryError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /out of memory|\boom\b|bad_alloc|failed to allocate|cannot allocate|allocation failed|memory access out of bounds|GPUOutOfMemoryError|Array buffer allocation failed/i.test(
    text,
  );
}
