/**
 * Decoding with an ffmpeg.wasm core instance, shared by the browser decode worker (file mounted
 * with WORKERFS, never copied into the heap) and Node (bytes written to MEMFS). Produces mono
 * Float32 PCM for the whole track or for given windows only (input seeking, so a 10-minute track
 * does not decode 10 minutes at 24 kHz), and turns ffmpeg's log into reasons a DJ understands.
 * @module
 */
/** The part of an ffmpeg core instance this module needs. */
export interface FFmpegCoreLike {
  exec(...args: string[]): number;
  reset(): void;
  setLogger(logger: (entry: { type: string; message: string }) => void): void;
  FS: {
    readFile(path: string): Uint8Array;
    unlink(path: string): void;
  };
}

export interface TimeWindow {
  startSec: number;
  endSec: number;
}

/** Which decoder runs: the per-format choice (default), or one forced (tests, benchmarks; no fallback). */
export type DecoderPreference = 'auto' | 'ffmpeg' | 'webcodecs';

export interface DecodeRequest {
  sampleRate: number;
  /** Decode only these windows; omit for the whole track. */
  windows?: TimeWindow[];
  decoder?: DecoderPreference;
  /**
   * 2: interleaved stereo, for listening (the preview player); windows only, by ffmpeg.wasm. The
   * analysis always decodes mono (the default).
   */
  channels?: 1 | 2;
}

export interface DecodeResult {
  sampleRate: number;
  /** Duration the container declares (seconds), or the decoded length when it declares none. */
  durationSec: number;
  /** Whole-track PCM (absent for window decodes). */
  pcm?: Float32Array;
  /** Window PCM, in request order (absent for whole-track decodes); interleaved when `channels` is 2. */
  windows?: Float32Array[];
  /** Channels in `windows` (absent: 1). */
  channels?: 1 | 2;
}

/** Decoding failed for a reason about the file itself (not a crash): the track is marked failed. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(h ? 2 : 1, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** "Duration: 00:03:12.34" → 192.34; undefined for "N/A" or when absent. */
export function parseDeclaredDuration(log: readonly string[]): number | undefined {
  for (const line of log) {
    const match = /Duration:\s*(\d+):(\d+):(\d+(?:\.\d+)?)/.exec(line);
    if (match) return Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]);
  }
  return undefined;
}

const FATAL_PATTERNS: [RegExp, (name: string) => string][] = [
  [
    /Invalid data found when processing input|detected only with low score|Could not find codec parameters|0 channels/i,
    (name) => `Cannot decode: "${name}" is not a valid audio file (its content does not match its type)`,
  ],
  [
    /does not contain any stream|Output file #0 does not contain any stream|Stream map .* matches no streams/i,
    () => 'Cannot decode: the file has no audio stream',
  ],
  [/No such file or directory/i, () => 'Cannot decode: the file could not be opened'],
  [/Decoder .* not found|Unknown decoder/i, () => 'Cannot decode: this audio codec is not supported'],
];

/** The most telling reason in ffmpeg's log for a failed run. */
export function failureReason(log: readonly string[], fileName: string): string {
  for (const [pattern, reason] of FATAL_PATTERNS) if (log.some((l) => pattern.test(l))) return reason(fileName);
  const last = [...log].reverse().find((l) => /error|invalid|failed/i.test(l));
  return `Cannot decode: ${last?.trim() ?? 'ffmpeg could not read the file'}`;
}

function readPcm(core: FFmpegCoreLike, path: string): Float32Array {
  const bytes = core.FS.readFile(path);
  core.FS.unlink(path);
  // readFile returns a copy; view it as float32 without a second copy when aligned.
  return bytes.byteOffset % 4 === 0 ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >> 2) : new Float32Array(bytes.slice().buffer);
}

function run(core: FFmpegCoreLike, args: string[]): { code: number; log: string[] } {
  const log: string[] = [];
  core.setLogger((entry) => log.push(entry.message));
  core.reset();
  const code = core.exec('-hide_banner', '-nostats', ...args);
  return { code, log };
}

const OUTPUT = '/rbassist-out.f32';
const SEEK_PREROLL_SEC = 0.2;
// rematrix_maxval 1: the downmix never gains (stereo → (L + R) / 2, not ffmpeg's default (L + R) / √2,
// which clips loud masters), and matches the WebCodecs path.
const pcmOutput = (sampleRate: number, channels: 1 | 2 = 1) => [
  '-vn',
  '-ac',
  String(channels),
  '-rematrix_maxval',
  '1',
  '-ar',
  String(sampleRate),
  '-f',
  'f32le',
];

/**
 * Decode `inputPath` (already visible to the core's FS). Throws DecodeError for bad files:
 * unreadable, not audio, no audio stream, or truncated (decoded audio stops well before the
 * duration the file declares).
 */
export function decodeWithFFmpeg(core: FFmpegCoreLike, inputPath: string, fileName: string, request: DecodeRequest): DecodeResult {
  const { sampleRate } = request;
  if (!request.windows) {
    const { code, log } = run(core, ['-i', inputPath, ...pcmOutput(sampleRate), OUTPUT]);
    let pcm: Float32Array | undefined;
    try {
      pcm = readPcm(core, OUTPUT);
    } catch {
      pcm = undefined;
    }
    if (code !== 0 || !pcm) throw new DecodeError(failureReason(log, fileName));
    const decodedSec = pcm.length / sampleRate;
    const declared = parseDeclaredDuration(log);
    if (pcm.length === 0) throw new DecodeError('Cannot decode: the file contains no audio samples');
    if (declared && decodedSec < declared * 0.97 - 0.5) {
      throw new DecodeError(`Cannot decode: file is truncated or damaged — audio stops at ${formatClock(decodedSec)} of ${formatClock(declared)}`);
    }
    return { sampleRate, durationSec: declared ?? decodedSec, pcm };
  }

  const windows: Float32Array[] = [];
  const channels = request.channels ?? 1;
  let declared: number | undefined;
  for (const window of request.windows) {
    const length = Math.max(0, window.endSec - window.startSec);
    // Seek a little early and drop that pre-roll after decoding: right after a seek, MP3 (bit
    // reservoir) and AAC (MDCT overlap) decode their first frames wrongly.
    const preroll = Math.min(window.startSec, SEEK_PREROLL_SEC);
    const seek = ['-ss', (window.startSec - preroll).toFixed(3), '-i', inputPath, '-ss', preroll.toFixed(3), '-t', length.toFixed(3)];
    const { code, log } = run(core, [...seek, ...pcmOutput(sampleRate, channels), OUTPUT]);
    declared ??= parseDeclaredDuration(log);
    let pcm: Float32Array;
    try {
      pcm = readPcm(core, OUTPUT);
    } catch {
      throw new DecodeError(failureReason(log, fileName));
    }
    if (code !== 0) throw new DecodeError(failureReason(log, fileName));
    const expected = Math.round(length * sampleRate) * channels;
    // Seeking lands on exact samples; pad/trim by a few samples so windows have exact lengths.
    if (pcm.length !== expected) {
      const exact = new Float32Array(expected);
      exact.set(pcm.subarray(0, expected));
      pcm = exact;
    }
    windows.push(pcm);
  }
  return { sampleRate, durationSec: declared ?? 0, windows, ...(channels === 2 ? { channels } : {}) };
}
