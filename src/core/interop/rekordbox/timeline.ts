/**
 * rekordbox's timeline versus rbassist's. rbassist analyses what ffmpeg decodes (ffmpeg.wasm in the
 * browser and the CLI; WebCodecs only for FLAC and WAV, which have no priming). ffmpeg is gapless:
 * it drops an MP3's encoder delay + decoder delay when the file's Xing/Info frame carries a LAME
 * tag, and an AAC file's priming through its edit list. rekordbox has not been gapless for
 * LAME-encoded MP3s since 1.5.4, so on those files its time 0 is that many samples earlier in the
 * music, and every grid and cue must be written that much later. The rule and its sources are in
 * src/core/interop/README.md ("Positions on rekordbox's timeline").
 * @module
 */
import type { AnalyzerResult } from '../../analyzers/types';

/** dj-data-converter / mp3guessenc's classes of MP3 header (pestrela's "26 ms" research). */
export type Mp3TimingCase =
  /** No Xing/Info frame: every decoder starts at the first frame. */
  | 'A'
  /** Xing/Info without a LAME tag, or with ffmpeg's reduced "Lavc"/"Lavf" tag. */
  | 'B'
  /** A LAME tag whose CRC is zero or wrong. */
  | 'C'
  /** A LAME tag with a valid CRC. */
  | 'D';

export interface Mp3Header {
  timingCase: Mp3TimingCase;
  sampleRate: number;
  /** Encoder delay from the LAME tag (samples), when there is one. */
  encoderDelay?: number;
  /** The tag's encoder string ("LAME3.100", "Lavf60.16"), when there is one. */
  encoder?: string;
}

export interface RekordboxTimeline {
  /** Seconds to add to a time on rbassist's (ffmpeg's) timeline to get rekordbox's. */
  offsetSec: number;
  /** Why, in a few words (shown in diagnostics and the CLI). */
  reason: string;
  mp3?: Mp3Header;
}

/** mpg123/libmad/ffmpeg all delay an MP3's output by 528 + 1 samples (the synthesis filterbank). */
const MP3_DECODER_DELAY = 529;

const SAMPLE_RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] };

/** CRC-16/ARC (poly 0x8005 reflected, init 0), the LAME tag's checksum. */
function crc16(bytes: Uint8Array, from: number, to: number): number {
  let crc = 0;
  for (let i = from; i < to; i++) {
    crc ^= bytes[i];
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

const ascii = (bytes: Uint8Array, from: number, length: number) => String.fromCharCode(...bytes.subarray(from, from + length));

/**
 * Classify an MP3 from its first bytes (ID3v2 tag + first frame: 64 KiB is plenty unless the
 * ID3 tag holds large pictures; then the start of the audio is passed). Returns undefined when no
 * MPEG audio frame is found.
 */
export function readMp3Header(bytes: Uint8Array): Mp3Header | undefined {
  let at = 0;
  while (at + 10 <= bytes.length && ascii(bytes, at, 3) === 'ID3') {
    const size = ((bytes[at + 6] & 0x7f) << 21) | ((bytes[at + 7] & 0x7f) << 14) | ((bytes[at + 8] & 0x7f) << 7) | (bytes[at + 9] & 0x7f);
    at += 10 + size + (bytes[at + 5] & 0x10 ? 10 : 0);
  }
  // First frame sync: 11 set bits, a valid version, layer III, a valid sample rate.
  for (; at + 4 <= bytes.length; at++) {
    if (bytes[at] !== 0xff || (bytes[at + 1] & 0xe0) !== 0xe0) continue;
    const version = (bytes[at + 1] >> 3) & 3;
    const layer = (bytes[at + 1] >> 1) & 3;
    const rateIndex = (bytes[at + 2] >> 2) & 3;
    if (version === 1 || layer !== 1 || rateIndex === 3 || bytes[at + 2] >> 4 === 15) continue;
    const sampleRate = SAMPLE_RATES[version][rateIndex];
    const mono = bytes[at + 3] >> 6 === 3;
    const sideInfo = version === 3 ? (mono ? 17 : 32) : mono ? 9 : 17;
    const tagAt = at + 4 + sideInfo;
    const tag = tagAt + 8 <= bytes.length ? ascii(bytes, tagAt, 4) : '';
    if (tag !== 'Xing' && tag !== 'Info') return { timingCase: 'A', sampleRate };
    const flags = (bytes[tagAt + 4] << 24) | (bytes[tagAt + 5] << 16) | (bytes[tagAt + 6] << 8) | bytes[tagAt + 7];
    const lameAt = tagAt + 8 + (flags & 1 ? 4 : 0) + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
    if (lameAt + 36 > bytes.length) return { timingCase: 'B', sampleRate };
    const encoder = ascii(bytes, lameAt, 9).replace(/[\0 ]+$/, '');
    if (!/^(LAME|L3\.99|GOGO|Lavc|Lavf)/.test(encoder)) return { timingCase: 'B', sampleRate };
    const encoderDelay = (bytes[lameAt + 21] << 4) | (bytes[lameAt + 22] >> 4);
    if (/^Lav[cf]/.test(encoder)) return { timingCase: 'B', sampleRate, encoderDelay, encoder };
    const stored = (bytes[lameAt + 34] << 8) | bytes[lameAt + 35];
    const valid = stored !== 0 && stored === crc16(bytes, at, lameAt + 34);
    return { timingCase: valid ? 'D' : 'C', sampleRate, encoderDelay, encoder };
  }
  return undefined;
}

/**
 * The offset from rbassist's timeline to rekordbox's for one file, from its extension and first
 * bytes. Only MP3s with a valid LAME tag (case D) differ; see the module comment.
 */
export function rekordboxTimeline(fileName: string, head: Uint8Array): RekordboxTimeline {
  const ext = fileName.toLowerCase().replace(/^.*\./, '');
  if (ext !== 'mp3') return { offsetSec: 0, reason: `${ext}: same timeline as rekordbox` };
  const mp3 = readMp3Header(head);
  if (!mp3) return { offsetSec: 0, reason: 'mp3 without a readable first frame: no correction' };
  if (mp3.timingCase !== 'D' || mp3.encoderDelay === undefined) {
    const why = { A: 'no Xing/Info frame', B: 'Xing/Info without a LAME tag (or a Lavc/Lavf tag)', C: 'LAME tag with a bad CRC', D: '' }[mp3.timingCase];
    return { offsetSec: 0, reason: `mp3 case ${mp3.timingCase} (${why}): same timeline as rekordbox`, mp3 };
  }
  const samples = mp3.encoderDelay + MP3_DECODER_DELAY;
  return {
    offsetSec: samples / mp3.sampleRate,
    reason: `mp3 case D (${mp3.encoder}, valid LAME tag): rekordbox keeps the ${samples} priming samples ffmpeg drops`,
    mp3,
  };
}

/** Stored beside the analyzers' results (same table), computed from the file's first bytes. */
export const TIMELINE_RESULT_ID = 'timeline';
export const TIMELINE_RESULT_VERSION = 1;
/** How much of the file's start the analysis pass reads for it. */
export const TIMELINE_HEAD_BYTES = 256 * 1024;

export interface TimelineFields {
  [key: string]: string | number | null;
  offsetSec: number;
  reason: string;
  mp3Case: Mp3TimingCase | null;
}

export function timelineResult(fileName: string, head: Uint8Array): AnalyzerResult<TimelineFields> {
  const timeline = rekordboxTimeline(fileName, head);
  return {
    analyzerId: TIMELINE_RESULT_ID,
    version: TIMELINE_RESULT_VERSION,
    fields: { offsetSec: Math.round(timeline.offsetSec * 1e6) / 1e6, reason: timeline.reason, mp3Case: timeline.mp3?.timingCase ?? null },
  };
}
