/**
 * Which codecs the decode worker sends to WebCodecs first (mediabunny + the browser's native
 * AudioDecoder) instead of ffmpeg.wasm. A codec is here only when WebCodecs decodes it to the same
 * PCM as ffmpeg (checked by e2e/decode.e2e.ts) and faster (measured by `npm run bench:decode`).
 * Files with any other codec, and any file WebCodecs rejects or fails on, go to ffmpeg.wasm.
 * @module
 */
import type { AudioCodec } from 'mediabunny';

/**
 * Measured on Chromium 156 (`npm run bench:decode`, ffmpeg.wasm as the same-run baseline; decode to
 * mono 11 025 Hz, one worker / whole pool):
 *  - flac: WebCodecs ≈ 1.5× / 1.8× faster, same PCM → WebCodecs.
 *  - pcm-s16 (16-bit WAV): ≈ 1.5× / 1.65× faster, same PCM → WebCodecs.
 *  - mp3: WebCodecs ≈ 0.9× / 0.7× (each 1 152-sample frame is one AudioDecoder round trip; Chrome
 *    rejects chunks holding several frames) → ffmpeg.wasm.
 *  - aac (m4a) ≈ 0.5×, vorbis ≈ 0.3×, opus ≈ 0.3× (small packets, and Ogg windows cannot seek
 *    sample-exactly, see SEQUENTIAL_WINDOW_CODECS) → ffmpeg.wasm.
 *  - pcm-s24 (24-bit WAV): Chrome's AudioDecoder crashes the whole renderer → ffmpeg.wasm.
 *  - AIFF: mediabunny does not read it → ffmpeg.wasm.
 */
export const WEBCODECS_CODECS: ReadonlySet<AudioCodec> = new Set<AudioCodec>(['flac', 'pcm-s16']);

export function prefersWebCodecs(codec: AudioCodec): boolean {
  return WEBCODECS_CODECS.has(codec);
}
