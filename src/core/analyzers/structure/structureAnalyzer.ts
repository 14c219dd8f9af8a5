/**
 * The "structure" analyzer: sections and the boundaries a DJ cues (intro end, drops, breakdowns,
 * outro start) on the bar grid of the "bpm" analyzer's result, in the same analysis pass (no extra
 * decode). It runs after "bpm" and again whenever "bpm" is recomputed.
 * @module
 */
import type { BpmFields } from '../bpm/bpmAnalyzer';
import type { Analyzer } from '../types';
import { downbeatsOf } from './barGrid';
import { analyzeStructure, structureEvents, type Section, type StructureEvents } from './structure';

export const STRUCTURE_ANALYZER_ID = 'structure';

export type StructureFields = {
  /** Downbeat times (s, 4 decimals) of the grid the sections were found on: cues are placed on these. */
  downbeatsSec: number[];
  sections: Section[];
  events: StructureEvents;
  /** Why there are no sections (no confident beat grid, too short), else null. */
  reason: string | null;
};

export function createStructureAnalyzer(): Analyzer<StructureFields> {
  return {
    id: STRUCTURE_ANALYZER_ID,
    version: 1,
    requires: ['bpm'],
    analyze(pcm, sampleRate, _curves, inputs) {
      const bpm = inputs?.bpm as BpmFields | undefined;
      const empty: StructureEvents = { introEndBar: null, dropBars: [], breakdownBars: [], outroStartBar: null };
      if (!bpm) return { downbeatsSec: [], sections: [], events: empty, reason: 'no tempo analysis' };
      const downbeatsSec = downbeatsOf(bpm, pcm.length / sampleRate);
      if (downbeatsSec.length === 0) return { downbeatsSec, sections: [], events: empty, reason: 'no confident beat grid' };
      const sections = analyzeStructure(pcm, sampleRate, downbeatsSec);
      if (sections.length === 0) return { downbeatsSec, sections, events: empty, reason: 'too short for phrases' };
      return { downbeatsSec, sections, events: structureEvents(sections), reason: null };
    },
  };
}
