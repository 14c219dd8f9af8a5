/**
 * Cue templates: which structure boundary each hot cue A–H (and each memory cue) marks. A slot
 * names an anchor (first beat, intro end, drop n, breakdown n, outro start) and an offset in bars
 * ("16 bars before drop 1"); the cue's name and colour follow from it unless the template sets
 * them. The DJ picks a built-in template or edits one (stored in the settings); the CLI reads one
 * from a JSON file. Colours are from rekordbox's hot-cue palette.
 * @module
 */
import { fail, ok, type Result } from '../errors';

export type CueAnchor = 'firstBeat' | 'introEnd' | 'drop' | 'breakdown' | 'outroStart';

export type CueRule = {
  anchor: CueAnchor;
  /** Which drop or breakdown, from 1 (ignored for the other anchors). */
  index?: number;
  /** Bars after the anchor (negative: before it), e.g. −16 for "16 bars to drop 1". */
  offsetBars?: number;
  /** Replaces the generated name ("Drop 1", "16 bars to Drop 1"). */
  name?: string;
  /** 0xRRGGBB; default: the anchor's colour. */
  colour?: number;
};

export type CueTemplate = {
  name: string;
  /** Hot cues A–H in order: up to 8 entries, null for a slot the template leaves empty. */
  hot: (CueRule | null)[];
  /** Memory cues. */
  memory: CueRule[];
};

export const HOT_CUE_LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] as const;

/**
 * Colours per anchor from rekordbox's hot-cue palette: the first beat in rekordbox's default
 * hot-cue green, drops red, breakdowns blue, cues counting into a drop orange, the outro purple.
 */
export const ANCHOR_COLOURS: Record<CueAnchor | 'lead', number> = {
  firstBeat: 0x28e214,
  introEnd: 0x00e0ff,
  drop: 0xe62828,
  breakdown: 0x305aff,
  outroStart: 0xb432ff,
  lead: 0xe0641b,
};

const ANCHOR_NAMES: Record<CueAnchor, string> = {
  firstBeat: 'First beat',
  introEnd: 'Intro end',
  drop: 'Drop',
  breakdown: 'Breakdown',
  outroStart: 'Outro',
};

/** The name a rule's cue gets: "Drop 1", "16 bars to Drop 1", "Breakdown 2 +8". */
export function ruleName(rule: CueRule): string {
  if (rule.name) return rule.name;
  const base = rule.anchor === 'drop' || rule.anchor === 'breakdown' ? `${ANCHOR_NAMES[rule.anchor]} ${rule.index ?? 1}` : ANCHOR_NAMES[rule.anchor];
  const offset = rule.offsetBars ?? 0;
  if (offset < 0) return `${-offset} bars to ${base}`;
  if (offset > 0) return `${base} +${offset}`;
  return base;
}

export function ruleColour(rule: CueRule): number {
  return rule.colour ?? ((rule.offsetBars ?? 0) < 0 ? ANCHOR_COLOURS.lead : ANCHOR_COLOURS[rule.anchor]);
}

/** The built-in templates; the first is the default. */
export const CUE_TEMPLATES: readonly CueTemplate[] = [
  {
    name: 'Phrases',
    hot: [
      { anchor: 'firstBeat' },
      { anchor: 'drop', index: 1, offsetBars: -16 },
      { anchor: 'drop', index: 1 },
      { anchor: 'breakdown', index: 1 },
      { anchor: 'drop', index: 2 },
      { anchor: 'breakdown', index: 2 },
      { anchor: 'drop', index: 3 },
      { anchor: 'outroStart' },
    ],
    memory: [{ anchor: 'introEnd' }, { anchor: 'outroStart', offsetBars: 16 }],
  },
  {
    name: 'Mix points',
    hot: [
      { anchor: 'firstBeat' },
      { anchor: 'introEnd' },
      { anchor: 'drop', index: 1, offsetBars: -8 },
      { anchor: 'drop', index: 1 },
      { anchor: 'breakdown', index: 1 },
      { anchor: 'drop', index: 2 },
      { anchor: 'outroStart', offsetBars: -16 },
      { anchor: 'outroStart' },
    ],
    memory: [],
  },
  {
    name: 'Drops only',
    hot: [null, null, { anchor: 'drop', index: 1 }, null, { anchor: 'drop', index: 2 }, null, { anchor: 'drop', index: 3 }, null],
    memory: [{ anchor: 'drop', index: 1, offsetBars: -16 }],
  },
];

export const DEFAULT_CUE_TEMPLATE: CueTemplate = CUE_TEMPLATES[0];

export function findCueTemplate(name: string): CueTemplate | undefined {
  const wanted = name.trim().toLowerCase();
  return CUE_TEMPLATES.find((t) => t.name.toLowerCase() === wanted);
}

const ANCHORS: readonly CueAnchor[] = ['firstBeat', 'introEnd', 'drop', 'breakdown', 'outroStart'];

function parseRule(value: unknown, where: string): Result<CueRule> {
  if (typeof value !== 'object' || value === null) return fail(`${where}: expected an object like {"anchor": "drop", "index": 1}`);
  const v = value as Record<string, unknown>;
  if (typeof v.anchor !== 'string' || !ANCHORS.includes(v.anchor as CueAnchor)) return fail(`${where}: "anchor" must be one of ${ANCHORS.join(', ')}`);
  const rule: CueRule = { anchor: v.anchor as CueAnchor };
  if (v.index !== undefined) {
    if (!Number.isInteger(v.index) || (v.index as number) < 1) return fail(`${where}: "index" must be a whole number from 1`);
    rule.index = v.index as number;
  }
  if (v.offsetBars !== undefined) {
    if (!Number.isInteger(v.offsetBars) || Math.abs(v.offsetBars as number) > 256)
      return fail(`${where}: "offsetBars" must be a whole number of bars (−256…256)`);
    rule.offsetBars = v.offsetBars as number;
  }
  if (v.name !== undefined) {
    if (typeof v.name !== 'string' || v.name.length > 40) return fail(`${where}: "name" must be text of at most 40 characters`);
    rule.name = v.name;
  }
  if (v.colour !== undefined) {
    if (!Number.isInteger(v.colour) || (v.colour as number) < 0 || (v.colour as number) > 0xffffff) return fail(`${where}: "colour" must be 0xRRGGBB`);
    rule.colour = v.colour as number;
  }
  return ok(rule);
}

/** Checks a template from JSON (a CLI file, stored settings); every problem names the slot. */
export function parseCueTemplate(value: unknown): Result<CueTemplate> {
  if (typeof value !== 'object' || value === null) return fail('A cue template is an object with "name", "hot" (up to 8 slots A–H) and "memory".');
  const v = value as Record<string, unknown>;
  const name = typeof v.name === 'string' && v.name.trim() ? v.name.trim() : 'Custom';
  const hotIn = v.hot ?? [];
  const memoryIn = v.memory ?? [];
  if (!Array.isArray(hotIn) || hotIn.length > HOT_CUE_LETTERS.length) return fail('"hot" must be a list of at most 8 slots (A–H); use null for an empty slot.');
  if (!Array.isArray(memoryIn)) return fail('"memory" must be a list.');
  const hot: (CueRule | null)[] = [];
  for (const [i, slot] of hotIn.entries()) {
    if (slot === null) {
      hot.push(null);
      continue;
    }
    const rule = parseRule(slot, `Hot cue ${HOT_CUE_LETTERS[i]}`);
    if (!rule.ok) return rule;
    hot.push(rule.value);
  }
  const memory: CueRule[] = [];
  for (const [i, slot] of memoryIn.entries()) {
    const rule = parseRule(slot, `Memory cue ${i + 1}`);
    if (!rule.ok) return rule;
    memory.push(rule.value);
  }
  return ok({ name, hot, memory });
}
