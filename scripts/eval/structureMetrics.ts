/**
 * Scores the structure analyzer against a generated track's known sections: each true boundary
 * (intro end, every drop, every breakdown, outro start) is found when a detected boundary of the
 * same kind lies within one beat of it; detected boundaries with no true one near are counted as
 * extra. Also checks that every boundary sits on a downbeat of the track's true bar grid.
 * @module
 */
import type { StructureFields } from '../../src/core/analyzers/structure/structureAnalyzer';
import type { StructureTruth } from '../corpus/analyzers/structureCorpus';

export interface StructureScore {
  id: string;
  boundaries: number;
  found: number;
  extra: number;
  /** Detected boundaries farther than `offGridToleranceSec` from every true downbeat. */
  offGrid: number;
  misses: string[];
}

type Kind = 'intro end' | 'drop' | 'breakdown' | 'outro start';

function eventsOf(events: StructureFields['events'] | StructureTruth['events']): { kind: Kind; bar: number }[] {
  const out: { kind: Kind; bar: number }[] = [];
  if (events.introEndBar !== null) out.push({ kind: 'intro end', bar: events.introEndBar });
  for (const bar of events.dropBars) out.push({ kind: 'drop', bar });
  for (const bar of events.breakdownBars) out.push({ kind: 'breakdown', bar });
  if (events.outroStartBar !== null) out.push({ kind: 'outro start', bar: events.outroStartBar });
  return out;
}

export function scoreStructure(fields: StructureFields, truth: StructureTruth, offGridToleranceSec = 0.01): StructureScore {
  const beatSec = 60 / truth.bpm;
  const trueTime = (bar: number) => truth.firstDownbeatSec + 4 * bar * beatSec;
  const detected = eventsOf(fields.events).map((e) => ({ ...e, sec: fields.downbeatsSec[e.bar] ?? Number.NaN }));
  const expected = eventsOf(truth.events).map((e) => ({ ...e, sec: trueTime(e.bar) }));
  const misses: string[] = [];
  let found = 0;
  for (const e of expected) {
    if (detected.some((d) => d.kind === e.kind && Math.abs(d.sec - e.sec) <= beatSec)) found++;
    else misses.push(`${e.kind} at bar ${e.bar}`);
  }
  const extra = detected.filter((d) => !expected.some((e) => e.kind === d.kind && Math.abs(d.sec - e.sec) <= beatSec)).length;
  const offGrid = detected.filter((d) => {
    const bar = Math.round((d.sec - truth.firstDownbeatSec) / (4 * beatSec));
    return !(Math.abs(d.sec - trueTime(bar)) <= offGridToleranceSec);
  }).length;
  return { id: truth.id, boundaries: expected.length, found, extra, offGrid, misses };
}
