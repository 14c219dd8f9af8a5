/**
 * Which codecs the decode worker sends to WebCodecs first (mediabunny + the browser's native
 * AudioDecoder) instead of ffmpeg.wasm. A codec is here only when WebCodecs decodes it to the same
 * PCM as ffmpeg (checked by e2e/decode.e2e.ts) and faster (measured by `npm run bench:decode`).
 * Files with any other codec, and any file WebCodecs rejects or fails on, go to ffmpeg.wasm.
 */
import type { AudioCodec } from 'mediabunny';

export const WEBCODECS_CODECS: ReadonlySet<AudioCodec> = new Set<AudioCodec>(['mp3', 'flac', 'aac', 'vorbis', 'opus', 'pcm-s16', 'pcm-s24', 'pcm-f32']);

export function prefersWebCodecs(codec: AudioCodec): boolean {
  return WEBCODECS_CODECS.has(codec);
}
