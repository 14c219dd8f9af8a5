/**
 * Realistic test audio for decode benchmarks and the decode e2e test: stereo music rendered by the
 * analyzer corpus synthesiser (drums, bass, chords, arps; a different clip in each channel, panned,
 * so the two channels differ), encoded by ffmpeg.wasm in Node the way DJ files usually are.
 * Deterministic; encoded files are cached under .cache/decode-corpus/.
 * @module
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderClip } from '../../scripts/corpus/analyzers/clip';
import { planCorpus } from '../../scripts/corpus/analyzers/corpusPlan';
import { encodePcm, loadFFmpegCore, type FFmpegCore } from '../../scripts/lib/ffmpegNode';

/** Test formats: file extension, source sample rate and ffmpeg encoder arguments. */
export const DECODE_FORMATS = {
  mp3: { ext: 'mp3', rate: 44100, args: ['-c:a', 'libmp3lame', '-b:a', '320k'] },
  flac: { ext: 'flac', rate: 44100, args: ['-c:a', 'flac', '-sample_fmt', 's16'] },
  flac96k24: { ext: 'flac', rate: 96000, args: ['-c:a', 'flac', '-sample_fmt', 's32', '-bits_per_raw_sample', '24', '-ar', '96000'] },
  ogg: { ext: 'ogg', rate: 44100, args: ['-c:a', 'libvorbis', '-q:a', '6'] },
  m4a: { ext: 'm4a', rate: 44100, args: ['-c:a', 'aac', '-b:a', '256k'] },
  // ffmpeg's own Opus encoder: libopus in this ffmpeg.wasm build crashes on stereo input.
  opus: { ext: 'opus', rate: 48000, args: ['-c:a', 'opus', '-strict', '-2', '-b:a', '160k', '-ar', '48000'] },
  wav: { ext: 'wav', rate: 44100, args: ['-c:a', 'pcm_s16le'] },
  wav24: { ext: 'wav', rate: 44100, args: ['-c:a', 'pcm_s24le'] },
  aiff: { ext: 'aiff', rate: 44100, args: ['-c:a', 'pcm_s16be'] },
} as const satisfies Record<string, { ext: string; rate: number; args: readonly string[] }>;

export type DecodeFormat = keyof typeof DECODE_FORMATS;

export interface EncodedTrack {
  name: string;
  format: DecodeFormat;
  /** The file's own sample rate. */
  rate: number;
  seconds: number;
  bytes: Uint8Array;
}

const CACHE_DIR = '.cache/decode-corpus';
const CLIP_SECONDS = 30;

/** Interleaved stereo at `sampleRate`: consecutive corpus clips, two per channel pair. */
export function renderStereoMusic(seconds: number, sampleRate: number, seed: string): Float32Array {
  const clips = Math.ceil(seconds / CLIP_SECONDS);
  const specs = planCorpus({ count: 2 * clips, seed, durationSec: CLIP_SECONDS });
  const frames = Math.round(seconds * sampleRate);
  const out = new Float32Array(frames * 2);
  for (let c = 0; c < clips; c++) {
    const a = renderClip(specs[2 * c], sampleRate);
    const b = renderClip(specs[2 * c + 1], sampleRate);
    const offset = c * CLIP_SECONDS * sampleRate;
    for (let i = 0; i < a.length && offset + i < frames; i++) {
      out[2 * (offset + i)] = 0.75 * a[i] + 0.25 * b[i];
      out[2 * (offset + i) + 1] = 0.25 * a[i] + 0.75 * b[i];
    }
  }
  return out;
}

/** `count` tracks of `seconds` each in every format asked for (44.1 kHz stereo sources). */
export async function encodedTracks(
  formats: readonly DecodeFormat[],
  count: number,
  seconds: number,
  log: (line: string) => void = () => {},
): Promise<EncodedTrack[]> {
  mkdirSync(CACHE_DIR, { recursive: true });
  let core: FFmpegCore | undefined;
  const tracks: EncodedTrack[] = [];
  for (let t = 0; t < count; t++) {
    let pcm: Float32Array | undefined;
    for (const format of formats) {
      const { ext, rate, args } = DECODE_FORMATS[format];
      const name = `track${t + 1}-${seconds}s-${format}.${ext}`;
      const cached = join(CACHE_DIR, name);
      if (!existsSync(cached)) {
        log(`encoding ${name}`);
        pcm ??= renderStereoMusic(seconds, 44100, `rbassist-decode-bench:${t}`);
        core ??= await loadFFmpegCore();
        writeFileSync(cached, await encodePcm(core, pcm, 44100, 2, name, [...args]));
      }
      tracks.push({ name, format, rate, seconds, bytes: new Uint8Array(readFileSync(cached)) });
    }
  }
  return tracks;
}
