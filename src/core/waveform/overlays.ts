/**
 * What the track detail draws over its waveform, as plain data: the beat grid's lines (downbeats
 * marked) between two times, and cues with their letters and colours. Imported rekordbox cues are on
 * rekordbox's timeline; they are moved onto the decoded timeline the waveform is drawn on.
 * @module
 */
import type { MarkColour, PositionMark } from '../interop/rekordbox/types';

/** A beat grid as the library holds it: the first downbeat, the tempo, and tempo rows where it changes. */
export interface WaveformGrid {
  anchorSec: number;
  bpm: number;
  rows?: { startSec: number; bpm: number; beat: number }[];
}

export interface GridLine {
  sec: number;
  /** Beat 1 of a bar. */
  downbeat: boolean;
}

/** A cue as the waveform draws it, from whatever source (an imported collection, generated cues). */
export interface WaveformCue {
  startSec: number;
  /** Hot cue letter (A–H); memory cues have none. */
  letter?: string;
  name: string;
  /** CSS colour. */
  colour: string;
  kind: 'hot' | 'memory' | 'loop';
}

const MAX_LINES = 20_000;

/** Grid lines in [fromSec, toSec], beats before the anchor included (counted back from it). */
export function gridLines(grid: WaveformGrid, fromSec: number, toSec: number): GridLine[] {
  const rows = grid.rows?.length ? grid.rows : [{ startSec: grid.anchorSec, bpm: grid.bpm, beat: 1 }];
  const lines: GridLine[] = [];
  rows.forEach((row, r) => {
    if (!(row.bpm > 0)) return;
    const beatSec = 60 / row.bpm;
    const end = r + 1 < rows.length ? rows[r + 1].startSec : toSec + beatSec;
    // The first row also reaches back to the track's start; later rows start at their own time.
    const lowest = r === 0 ? -Infinity : 0;
    for (let n = Math.max(lowest, Math.ceil((Math.max(0, fromSec) - row.startSec) / beatSec - 1e-9)); ; n++) {
      const sec = row.startSec + n * beatSec;
      if (sec >= end - 1e-6 || sec > toSec || lines.length >= MAX_LINES) break;
      const beatOfBar = (((row.beat - 1 + n) % 4) + 4) % 4;
      lines.push({ sec, downbeat: beatOfBar === 0 });
    }
  });
  return lines;
}

const css = (c: MarkColour) => `rgb(${c.red}, ${c.green}, ${c.blue})`;
/** rekordbox's colours when a mark carries none: hot cues green, memory cues red, loops orange. */
const DEFAULT_COLOUR = { hot: 'rgb(40, 226, 20)', memory: 'rgb(230, 40, 40)', loop: 'rgb(255, 140, 0)' };

/** Imported POSITION_MARKs as waveform cues, shifted from rekordbox's timeline by `timelineOffsetSec`. */
export function cuesFromMarks(marks: readonly PositionMark[], timelineOffsetSec = 0): WaveformCue[] {
  return marks
    .map((mark): WaveformCue => {
      const kind = mark.type === 4 ? 'loop' : mark.num >= 0 ? 'hot' : 'memory';
      return {
        startSec: mark.startSec - timelineOffsetSec,
        letter: mark.num >= 0 && mark.num < 26 ? String.fromCharCode(65 + mark.num) : undefined,
        name: mark.name,
        colour: mark.colour ? css(mark.colour) : DEFAULT_COLOUR[kind],
        kind,
      };
    })
    .sort((a, b) => a.startSec - b.startSec);
}
