/**
 * Auto cues: a cue template applied to a track's structure (the "structure" analyzer's result).
 * Every cue is a downbeat of the analyzed bar grid, the grid the export writes as TEMPO, so no
 * cue can sit off it. Generated cues are named with AUTO_CUE_PREFIX so a DJ (and rbassist) can tell
 * them from their own; on export they only fill hot-cue slots the DJ's imported cues leave empty
 * (src/core/interop/rekordbox/exporter.ts).
 * @module
 */
import type { StructureFields } from '../analyzers/structure/structureAnalyzer';
import type { MarkColour, PositionMark } from '../interop/rekordbox/types';
import { HOT_CUE_LETTERS, ruleColour, ruleName, type CueRule, type CueTemplate } from './cueTemplates';

/** Every generated cue's name starts with this: "[rb] Drop 1". */
export const AUTO_CUE_PREFIX = '[rb] ';

/** What the export does with cues: imported + generated into empty hot-cue slots, imported only, or none. */
export type CueMode = 'auto' | 'keep' | 'off';
export const CUE_MODES: readonly CueMode[] = ['auto', 'keep', 'off'];

export interface AutoCue {
  /** Hot cue letter A–H, or null for a memory cue. */
  slot: (typeof HOT_CUE_LETTERS)[number] | null;
  /** rekordbox's Num: 0–7 for hot cues A–H, −1 for a memory cue. */
  num: number;
  /** Without the prefix ("Drop 1"). */
  label: string;
  /** Bar index (0 = the first downbeat). */
  bar: number;
  /** Seconds on rbassist's (the decoder's) timeline; the export moves it onto rekordbox's. */
  sec: number;
  colour: number;
}

function anchorBar(rule: CueRule, events: StructureFields['events']): number | null {
  const nth = (bars: readonly number[]) => bars[(rule.index ?? 1) - 1] ?? null;
  switch (rule.anchor) {
    case 'firstBeat':
      return 0;
    case 'introEnd':
      return events.introEndBar;
    case 'drop':
      return nth(events.dropBars);
    case 'breakdown':
      return nth(events.breakdownBars);
    case 'outroStart':
      return events.outroStartBar;
  }
}

/** The template's cues for a track; a slot whose anchor the track lacks (no breakdown 2) stays empty. Deterministic. */
export function autoCues(structure: Pick<StructureFields, 'downbeatsSec' | 'events'> | undefined, template: CueTemplate): AutoCue[] {
  if (!structure || structure.downbeatsSec.length === 0) return [];
  const { downbeatsSec, events } = structure;
  const locate = (rule: CueRule): { bar: number; sec: number } | null => {
    const anchor = anchorBar(rule, events);
    if (anchor === null) return null;
    const bar = anchor + (rule.offsetBars ?? 0);
    return bar >= 0 && bar < downbeatsSec.length ? { bar, sec: downbeatsSec[bar] } : null;
  };
  // A cue counted from an anchor ("16 bars to Drop 1") that lands where another cue already is (a
  // 16-bar intro makes it the first beat) would spend a second pad on one spot: it is left out.
  const place = (rules: readonly (CueRule | null)[], num: (i: number) => number): AutoCue[] => {
    const placed = rules.map((rule, i) => {
      const at = rule ? locate(rule) : null;
      return rule && at ? { rule, at, num: num(i) } : null;
    });
    const anchorBars = new Set(placed.filter((p) => p && !p.rule.offsetBars).map((p) => p!.at.bar));
    const out: AutoCue[] = [];
    for (const p of placed) {
      if (!p) continue;
      if (p.rule.offsetBars && (anchorBars.has(p.at.bar) || out.some((c) => c.bar === p.at.bar))) continue;
      out.push({ slot: p.num >= 0 ? HOT_CUE_LETTERS[p.num] : null, num: p.num, label: ruleName(p.rule), ...p.at, colour: ruleColour(p.rule) });
    }
    return out;
  };
  const cues = [...place(template.hot.slice(0, HOT_CUE_LETTERS.length), (i) => i), ...place(template.memory, () => -1)];
  return cues.sort((a, b) => (a.num < 0 ? 1 : 0) - (b.num < 0 ? 1 : 0) || a.num - b.num || a.sec - b.sec);
}

const markColour = (rgb: number): MarkColour => ({ red: (rgb >> 16) & 0xff, green: (rgb >> 8) & 0xff, blue: rgb & 0xff });

/** The cues as POSITION_MARKs on rbassist's timeline (hot cues coloured; memory cues have no colour in rekordbox). */
export function autoCueMarks(cues: readonly AutoCue[]): PositionMark[] {
  return cues.map((cue) => ({
    name: AUTO_CUE_PREFIX + cue.label,
    type: 0,
    startSec: cue.sec,
    num: cue.num,
    ...(cue.num >= 0 ? { colour: markColour(cue.colour) } : {}),
  }));
}

export function isAutoCueName(name: string): boolean {
  return name.startsWith(AUTO_CUE_PREFIX);
}

export function parseCueMode(text: string): CueMode | undefined {
  return CUE_MODES.find((mode) => mode === text.trim().toLowerCase());
}
