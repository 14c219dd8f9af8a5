import { describe, expect, it } from 'vitest';
import { exportRekordboxXml } from '../interop/rekordbox/exporter';
import { readCollectionXml } from '../interop/rekordbox/reader';
import type { ExportOptions, ExportTrack, RekordboxCollection } from '../interop/rekordbox/types';
import { AUTO_CUE_PREFIX, autoCueMarks, autoCues, isAutoCueName, parseCueMode } from './autoCues';
import { CUE_TEMPLATES, DEFAULT_CUE_TEMPLATE, findCueTemplate, parseCueTemplate } from './cueTemplates';

/** A 128 BPM track: 64 bars from 0.5 s; intro 16, drop 16, breakdown 16, drop 8, outro 8. */
const BAR = (4 * 60) / 128;
const structure = {
  downbeatsSec: Array.from({ length: 64 }, (_, i) => Math.round((0.5 + i * BAR) * 1e4) / 1e4),
  events: { introEndBar: 16, dropBars: [16, 48], breakdownBars: [32], outroStartBar: 56 },
};

describe('autoCues', () => {
  it('places the default template on the bar grid: A first beat, B 16 bars to drop 1, C drop 1, D breakdown 1, E drop 2, H outro', () => {
    const cues = autoCues(structure, DEFAULT_CUE_TEMPLATE);
    // B (16 bars before a drop at bar 16) is the first beat again: one pad is not spent twice.
    expect(cues.map((c) => [c.slot, c.label, c.bar])).toEqual([
      ['A', 'First beat', 0],
      ['C', 'Drop 1', 16],
      ['D', 'Breakdown 1', 32],
      ['E', 'Drop 2', 48],
      ['H', 'Outro', 56],
      [null, 'Intro end', 16],
    ]);
    for (const cue of cues) expect(cue.sec).toBe(structure.downbeatsSec[cue.bar]);
  });

  it('leaves a slot empty when the track lacks its anchor, and skips cues past the end', () => {
    // Mix points: A first beat, B intro end, C 8 bars to drop 1, D drop 1, E breakdown 1, F drop 2, G 16 bars to outro, H outro.
    const short = { ...structure, events: { introEndBar: 16, dropBars: [16], breakdownBars: [], outroStartBar: null } };
    const cues = autoCues(short, findCueTemplate('mix points')!);
    expect(cues.map((c) => [c.slot, c.label, c.bar])).toEqual([
      ['A', 'First beat', 0],
      ['B', 'Intro end', 16],
      ['C', '8 bars to Drop 1', 8],
      ['D', 'Drop 1', 16],
    ]);
    const early = { ...structure, events: { introEndBar: 8, dropBars: [8], breakdownBars: [], outroStartBar: 60 } };
    // "8 bars to Drop 1" would be the first beat again, and "16 bars after the outro" lies past the end.
    expect(autoCues(early, findCueTemplate('mix points')!).map((c) => c.slot)).toEqual(['A', 'B', 'D', 'G', 'H']);
    expect(
      autoCues(early, DEFAULT_CUE_TEMPLATE)
        .filter((c) => c.num < 0)
        .map((c) => c.label),
    ).toEqual(['Intro end']);
    expect(autoCues(undefined, DEFAULT_CUE_TEMPLATE)).toEqual([]);
    expect(autoCues({ downbeatsSec: [], events: structure.events }, DEFAULT_CUE_TEMPLATE)).toEqual([]);
  });

  it('names generated cues with the prefix, colours hot cues only', () => {
    const marks = autoCueMarks(autoCues(structure, DEFAULT_CUE_TEMPLATE));
    expect(marks.every((m) => isAutoCueName(m.name) && m.name.startsWith(AUTO_CUE_PREFIX))).toBe(true);
    expect(marks.find((m) => m.num === 2)!.colour).toEqual({ red: 0xe6, green: 0x28, blue: 0x28 });
    expect(marks.find((m) => m.num === -1)!.colour).toBeUndefined();
  });
});

describe('cue templates', () => {
  it('ships a default and alternatives that all parse', () => {
    expect(CUE_TEMPLATES.length).toBeGreaterThanOrEqual(2);
    for (const template of CUE_TEMPLATES) expect(parseCueTemplate(JSON.parse(JSON.stringify(template)))).toEqual({ ok: true, value: template });
  });

  it('says which slot of a bad template is wrong', () => {
    expect(parseCueTemplate({ hot: [null, { anchor: 'chorus' }] })).toEqual({
      ok: false,
      reason: expect.stringMatching(/^Hot cue B: "anchor" must be one of/),
    });
    expect(parseCueTemplate({ hot: Array(9).fill(null) })).toMatchObject({ ok: false, reason: expect.stringMatching(/at most 8/) });
    expect(parseCueTemplate({ memory: [{ anchor: 'drop', index: 0 }] })).toMatchObject({ ok: false, reason: expect.stringMatching(/^Memory cue 1: "index"/) });
    expect(parseCueMode('KEEP')).toBe('keep');
    expect(parseCueMode('sometimes')).toBeUndefined();
  });
});

describe('auto cues in the rekordbox export', () => {
  const options: ExportOptions = { musicFolderPath: '/Volumes/Music', tonality: 'rekordbox', appVersion: '1.0.0' };
  const track: ExportTrack = {
    id: 't1',
    relativePath: 'a.mp3',
    durationSec: 140,
    beatGrid: { anchorSec: 0.5, bpm: 128 },
    cues: autoCueMarks(autoCues(structure, DEFAULT_CUE_TEMPLATE)),
    timelineOffsetSec: 0.025,
  };
  const read = (xml: string): RekordboxCollection => {
    const parsed = readCollectionXml(xml);
    if (!parsed.ok) throw new Error(parsed.reason.message);
    return parsed.value;
  };
  const exported = (opts: ExportOptions) => {
    const result = exportRekordboxXml([track], [], opts);
    if (!result.ok) throw new Error(result.reason.message);
    return result.value.xml;
  };
  // The DJ's collection: hot cue C and a memory cue of their own, at their own spots.
  const previous = read(exported({ ...options, cues: 'off' }));
  previous.tracks[0].marks = [
    { name: 'My drop', type: 0, startSec: 31.111, num: 2, colour: { red: 1, green: 2, blue: 3 } },
    { name: 'Mine', type: 0, startSec: 5.5, num: -1 },
  ];

  it('auto: the DJ’s cues stay as they are; generated cues fill only the empty hot-cue slots, on rekordbox’s timeline', () => {
    const marks = read(exported({ ...options, previous, cues: 'auto' })).tracks[0].marks;
    expect(marks.find((m) => m.num === 2)).toEqual({ name: 'My drop', type: 0, startSec: 31.111, num: 2, colour: { red: 1, green: 2, blue: 3 } });
    expect(marks.filter((m) => m.num === 2)).toHaveLength(1);
    expect(marks.find((m) => m.name === 'Mine')!.startSec).toBe(5.5);
    const generated = marks.filter((m) => isAutoCueName(m.name));
    expect(generated.map((m) => m.num).sort()).toEqual([-1, 0, 3, 4, 7]);
    // On the grid the export writes (TEMPO at anchor + offset): every cue a whole number of bars after it.
    for (const m of generated) {
      const bars = (m.startSec - (0.5 + 0.025)) / BAR;
      expect(Math.abs(bars - Math.round(bars)) * BAR).toBeLessThan(0.001);
    }
  });

  it('keep writes only the DJ’s cues, off writes none; the output is deterministic', () => {
    expect(read(exported({ ...options, previous, cues: 'keep' })).tracks[0].marks.map((m) => m.name)).toEqual(['Mine', 'My drop']);
    expect(read(exported({ ...options, previous, cues: 'off' })).tracks[0].marks).toEqual([]);
    expect(exported({ ...options, previous, cues: 'auto' })).toBe(exported({ ...options, previous, cues: 'auto' }));
  });
});
