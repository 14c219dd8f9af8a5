import { readFileSync, readdirSync } from 'node:fs';

/**
 * Memory of the browser a benchmark launched, from /proc (Linux): Chromium and all its renderer,
 * GPU and utility processes are descendants of this Node process, and dedicated workers (with their
 * WASM heaps) live inside the renderer, so the sum of their resident sets is what the run costs
 * (an upper bound: pages shared between processes count once per process; the bench's static
 * servers, a few tens of MB, are included).
 */
export function descendantsRssBytes(root = process.pid): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const parent = Number(fields[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
      rss.set(Number(entry), Number(fields[21]) * 4096);
    } catch {
      /* the process ended while we looked */
    }
  }
  let total = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples descendantsRssBytes every 250 ms between start() and stop(); stop() returns the peak. */
export class PeakMemory {
  private peak = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  start(): void {
    this.peak = descendantsRssBytes();
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, descendantsRssBytes())), 250);
  }
  stop(): number {
    clearInterval(this.timer);
    return Math.max(this.peak, descendantsRssBytes());
  }
}
