/**
 * The bar grid a track's structure and cues sit on, from the "bpm" analyzer's result: the first
 * downbeat (anchor) and the grid tempo, or one tempo per section (`tempoRows`) where the tempo
 * really changes. Every structure boundary and every generated cue is one of these downbeats, so
 * none can be off the grid the export writes (the same anchor, tempo and rows become TEMPO).
 * @module
 */
import type { BpmFields } from '../bpm/bpmAnalyzer';

export const BEATS_PER_BAR = 4;

/** Downbeat times (s, rbassist's timeline) from the anchor to the end of the track; empty without a confident grid. */
export function downbeatsOf(bpm: Pick<BpmFields, 'anchorSec' | 'gridBpm' | 'bpm' | 'tempoRows'>, durationSec: number): number[] {
  const anchor = bpm.anchorSec;
  const tempo = bpm.gridBpm ?? bpm.bpm;
  if (anchor == null || !(tempo && tempo > 0) || !(durationSec > 0)) return [];
  const rows = (bpm.tempoRows ?? []).filter((row) => Number.isFinite(row.startSec) && row.bpm > 0);
  const sections = rows.length > 1 ? rows : [{ startSec: anchor, bpm: tempo, beat: 1 }];
  const beats: number[] = [];
  for (let s = 0; s < sections.length; s++) {
    const { startSec, bpm: rowBpm } = sections[s];
    const end = s + 1 < sections.length ? sections[s + 1].startSec : durationSec;
    const period = 60 / rowBpm;
    // Beats from the row's start: by index, not by summing periods, so rounding never drifts.
    for (let k = 0; startSec + k * period < end - 1e-6; k++) beats.push(startSec + k * period);
  }
  const firstDownbeat = beats.findIndex((t) => t >= anchor - 1e-4);
  const downbeats: number[] = [];
  for (let i = Math.max(0, firstDownbeat); i < beats.length; i += BEATS_PER_BAR) downbeats.push(Math.round(beats[i] * 1e4) / 1e4);
  return downbeats;
}
