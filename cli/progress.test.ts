import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress';

function stream(isTTY: boolean) {
  const writes: string[] = [];
  return { writes, out: { isTTY, columns: 120, write: (text: string) => writes.push(text) } };
}

describe('ProgressBar', () => {
  it('prints plain lines (every 10 %) with rate, ETA and failures when not on a terminal', () => {
    let now = 0;
    const { writes, out } = stream(false);
    const bar = new ProgressBar(out, 'Analysing', 20, () => now);
    for (let done = 1; done <= 20; done++) {
      now = done * 6000; // 10 tracks per minute
      bar.update({ done, failed: done >= 5 ? 1 : 0 });
    }
    bar.finish();
    expect(writes).toHaveLength(11); // 0 %…100 % steps: done = 1 (step 0), 2, 4, …, 20
    expect(writes[1]).toBe('Analysing: 2/20 · 10.0 tracks/min · ETA 1:48\n');
    expect(writes.at(-1)).toBe('Analysing: 20/20 · 10.0 tracks/min · 1 failed\n');
    expect(writes.every((w) => !w.includes('\r'))).toBe(true);
  });

  it('redraws one line in place on a terminal, with notes printed above it', () => {
    let now = 0;
    const { writes, out } = stream(true);
    const bar = new ProgressBar(out, 'Analysing', 4, () => now);
    now = 1000;
    bar.update({ done: 1, failed: 0, current: ['a.mp3', 'b.flac'] });
    bar.note('  ✗ c.mp3: Cannot decode');
    now = 1050; // within the redraw interval: not drawn
    bar.update({ done: 2, failed: 1 });
    now = 2000;
    bar.update({ done: 4, failed: 1 });
    bar.finish();
    expect(writes[0]).toMatch(/^\r\x1b\[2KAnalysing █{6}░{18} 1\/4 · 60\.0 tracks\/min · ETA 0:03 · a\.mp3, b\.flac$/);
    expect(writes[1]).toBe('\r\x1b[2K');
    expect(writes[2]).toBe('  ✗ c.mp3: Cannot decode\n');
    expect(writes.filter((w) => w.includes('2/4'))).toHaveLength(0);
    expect(writes.at(-1)).toBe('\n');
    expect(writes.at(-2)).toMatch(/4\/4 · 120\.0 tracks\/min · 1 failed$/);
  });
});
