/**
 * rekordbox's timeline per file type, end to end on generated files whose beats are known to the
 * sample: encode (each MP3 header case, AAC, FLAC, WAV) → decode with ffmpeg as the app does →
 * analyze → export → TEMPO Inizio must sit where the WAV of the same audio puts it (and near the
 * true first downbeat), shifted only where rekordbox's time 0 differs.
 * rekordbox itself cannot run here: "as rekordbox plays the file" is the documented rule
 * (src/core/interop/README.md), i.e. MP3s whose LAME priming rekordbox keeps (A: nobody trims it,
 * D: only ffmpeg does) start 576 + 529 samples later than the music's own time 0.
 * @module
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { planBeatCorpus } from '../../../../scripts/corpus/analyzers/beatCorpus';
import { clipTruth, renderClip } from '../../../../scripts/corpus/analyzers/clip';
import { encodeMp3Case } from '../../../../scripts/fixtures/mp3TimingCases';
import { decodeToMono, encodePcm, loadFFmpegCore, type FFmpegCore } from '../../../../scripts/lib/ffmpegNode';
import { estimateTempo } from '../../analyzers/bpm/bpmAnalyzer';
import { exportRekordboxXml } from './exporter';
import { readMp3Header, rekordboxTimeline, timelineResult } from './timeline';

const SR = 44100;
const spec = { ...planBeatCorpus({ count: 4, seed: 'rbassist-timeline', durationSec: 16 })[0], kickAttack: 'click' as const, swing: 0 };
const truth = clipTruth(spec);
const PRIMING_SEC = (576 + 529) / SR;
let core: FFmpegCore;
let pcm: Float32Array;
/** Inizio exported for a 16-bit WAV of the same audio: no priming anywhere, the reference. */
let wavInizio: number;

beforeAll(async () => {
  core = await loadFFmpegCore();
  pcm = renderClip(spec, SR);
  wavInizio = await exportedInizio(await encodePcm(core, pcm, SR, 1, 'out.wav', ['-c:a', 'pcm_s16le']), 'x.wav');
}, 120_000);

async function exportedInizio(file: Uint8Array, name: string): Promise<number> {
  const tempo = estimateTempo(await decodeToMono(core, file, 11025, name), 11025);
  expect(tempo.anchorSec).not.toBeNull();
  const report = exportRekordboxXml(
    [
      {
        id: 't1',
        relativePath: name,
        beatGrid: { anchorSec: tempo.anchorSec!, bpm: tempo.gridBpm! },
        timelineOffsetSec: timelineResult(name, file).fields!.offsetSec,
      },
    ],
    [],
    { musicFolderPath: '/Music', tonality: 'camelot', appVersion: 'test' },
  );
  if (!report.ok) throw new Error(report.reason.message);
  return Number(/<TEMPO Inizio="([\d.]+)"/.exec(report.value.xml)![1]);
}

/** Distance from a downbeat grid (bars) through `expectedFirstDownbeat`, seconds. */
function barError(inizio: number, expectedFirstDownbeat: number): number {
  const bar = (4 * 60) / truth.bpm;
  const d = (((inizio - expectedFirstDownbeat) % bar) + bar) % bar;
  return Math.min(d, bar - d);
}

describe('TEMPO on rekordbox’s timeline for every file type', () => {
  for (const [timingCase, rekordboxKeepsPriming] of [
    ['A', true],
    ['B', false],
    ['C', false],
    ['D', true],
  ] as const) {
    it(`mp3 case ${timingCase}: Inizio on the WAV's to 1 ms${rekordboxKeepsPriming ? ', plus the LAME priming rekordbox keeps' : ''}`, async () => {
      const file = await encodeMp3Case(core, pcm, SR, timingCase);
      expect(readMp3Header(file)?.timingCase).toBe(timingCase);
      const inizio = await exportedInizio(file, `case${timingCase}.mp3`);
      const shift = rekordboxKeepsPriming ? PRIMING_SEC : 0;
      expect(barError(inizio, wavInizio + shift)).toBeLessThan(0.001);
      expect(barError(inizio, truth.firstDownbeatSec + shift)).toBeLessThan(0.01);
    }, 120_000);
  }

  it('wav: the analysis puts the downbeat within 10 ms of the truth', () => {
    expect(barError(wavInizio, truth.firstDownbeatSec)).toBeLessThan(0.01);
  });

  for (const [ext, args] of [
    ['m4a', ['-c:a', 'aac', '-b:a', '192k']],
    ['flac', ['-c:a', 'flac']],
    ['aiff', ['-c:a', 'pcm_s16be']],
  ] as const) {
    it(`${ext}: no correction, Inizio on the WAV's to 1 ms`, async () => {
      const file = await encodePcm(core, pcm, SR, 1, `out.${ext}`, [...args]);
      expect(rekordboxTimeline(`x.${ext}`, file).offsetSec).toBe(0);
      expect(barError(await exportedInizio(file, `x.${ext}`), wavInizio)).toBeLessThan(0.001);
    }, 120_000);
  }

  it('reads the LAME tag: encoder delay, and a CRC that must match', async () => {
    const d = readMp3Header(await encodeMp3Case(core, pcm, SR, 'D'))!;
    expect(d).toMatchObject({ timingCase: 'D', sampleRate: SR, encoderDelay: 576, encoder: 'LAME3.100' });
    expect(rekordboxTimeline('x.mp3', await encodeMp3Case(core, pcm, SR, 'D')).offsetSec).toBeCloseTo(PRIMING_SEC, 6);
    expect(readMp3Header(new Uint8Array(100))).toBeUndefined();
  }, 120_000);
});
