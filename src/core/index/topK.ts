/**
 * Keeps the `k` highest-scoring items seen so far in a min-heap: O(n log k) over a scan instead of
 * sorting all n scores. The heap root is the weakest kept item, so most candidates are rejected by
 * one comparison.
 */
export class TopK {
  private readonly scores: Float64Array;
  private readonly ids: Uint32Array;
  private count = 0;

  constructor(readonly k: number) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a positive integer, got ${k}`);
    this.scores = new Float64Array(k);
    this.ids = new Uint32Array(k);
  }

  /** The score an item must beat to enter (-Infinity while not full). */
  get threshold(): number {
    return this.count < this.k ? -Infinity : this.scores[0];
  }

  offer(id: number, score: number): void {
    if (this.count < this.k) {
      this.scores[this.count] = score;
      this.ids[this.count] = id;
      this.siftUp(this.count++);
    } else if (score > this.scores[0]) {
      this.scores[0] = score;
      this.ids[0] = id;
      this.siftDown(0);
    }
  }

  /** Kept items, best first; ties broken by the smaller id so results are deterministic. */
  sorted(): { id: number; score: number }[] {
    const out = [];
    for (let i = 0; i < this.count; i++) out.push({ id: this.ids[i], score: this.scores[i] });
    return out.sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private less(i: number, j: number): boolean {
    return this.scores[i] < this.scores[j] || (this.scores[i] === this.scores[j] && this.ids[i] > this.ids[j]);
  }

  private swap(i: number, j: number): void {
    const s = this.scores[i];
    this.scores[i] = this.scores[j];
    this.scores[j] = s;
    const id = this.ids[i];
    this.ids[i] = this.ids[j];
    this.ids[j] = id;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.count && this.less(left, smallest)) smallest = left;
      if (right < this.count && this.less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
