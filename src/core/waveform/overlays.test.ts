import { describe, expect, it } from 'vitest';
import { cuesFromMarks, gridLines } from './overlays';

describe('waveform overlays', () => {
  it('draws a steady grid from the anchor, back to the start, downbeats every 4 beats', () => {
    const lines = gridLines({ anchorSec: 1.25, bpm: 120 }, 0, 4);
    expect(lines.map((l) => l.sec)).toEqual([0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3.25, 3.75]);
    expect(lines.filter((l) => l.downbeat).map((l) => l.sec)).toEqual([1.25, 3.25]);
  });

  it('only draws the lines inside a zoomed range', () => {
    const lines = gridLines({ anchorSec: 0.5, bpm: 120 }, 10, 11);
    expect(lines.map((l) => l.sec)).toEqual([10, 10.5, 11]);
    expect(lines.map((l) => l.downbeat)).toEqual([false, true, false]);
  });

  it('follows tempo rows where the tempo changes, each counting from its own beat', () => {
    const rows = [
      { startSec: 0, bpm: 120, beat: 1 },
      { startSec: 4, bpm: 60, beat: 1 },
    ];
    const lines = gridLines({ anchorSec: 0, bpm: 120, rows }, 3, 8);
    expect(lines.map((l) => l.sec)).toEqual([3, 3.5, 4, 5, 6, 7, 8]);
    expect(lines.filter((l) => l.downbeat).map((l) => l.sec)).toEqual([4, 8]);
  });

  it('gives hot cues their letters and colours, memory cues none, on the decoded timeline', () => {
    const cues = cuesFromMarks(
      [
        { name: 'Drop', type: 0, startSec: 60.026, num: 2, colour: { red: 255, green: 0, blue: 0 } },
        { name: '', type: 0, startSec: 10.026, num: -1 },
      ],
      0.026,
    );
    expect(cues).toEqual([
      { startSec: 10, letter: undefined, name: '', colour: 'rgb(230, 40, 40)', kind: 'memory' },
      { startSec: 60, letter: 'C', name: 'Drop', colour: 'rgb(255, 0, 0)', kind: 'hot' },
    ]);
  });
});
