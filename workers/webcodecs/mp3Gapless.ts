/**
 * MP3 gapless info (the LAME/Lavc tag inside the Xing/Info frame): the encoder delay and padding,
 * in samples. ffmpeg uses it to drop the priming samples at the start; mediabunny does not, so the
 * WebCodecs path reads it itself to land on the same timeline. Pure: takes the file's first bytes.
 * @module
 */
export interface Mp3GaplessInfo {
  /** Samples the encoder put before the audio (LAME: usually 576). */
  encoderDelay: number;
  /** Samples of padding after the audio, in the last frame. */
  padding: number;
  /** Audio frames the Info tag counts (excluding the Info frame itself), when present. */
  frameCount?: number;
  samplesPerFrame: number;
  sampleRate: number;
}

/** How many leading bytes of a file to read: ID3v2 tags with cover art can be large. */
export const MP3_HEADER_PROBE_BYTES = 256 * 1024;

const MPEG1_RATES = [44100, 48000, 32000];

function id3v2Size(bytes: Uint8Array, at: number): number {
  if (bytes[at] !== 0x49 || bytes[at + 1] !== 0x44 || bytes[at + 2] !== 0x33) return 0; // "ID3"
  const size = ((bytes[at + 6] & 0x7f) << 21) | ((bytes[at + 7] & 0x7f) << 14) | ((bytes[at + 8] & 0x7f) << 7) | (bytes[at + 9] & 0x7f);
  const footer = bytes[at + 5] & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

/**
 * Reads the gapless info of the first frame's Xing/Info + LAME tag. Returns undefined when the file
 * has no such tag (no priming is removed then, by ffmpeg either), or when the header is not in
 * the bytes given.
 */
export function readMp3GaplessInfo(bytes: Uint8Array): Mp3GaplessInfo | undefined {
  let at = 0;
  for (let size = id3v2Size(bytes, at); size > 0; size = id3v2Size(bytes, at)) at += size;
  // First frame sync after the tags.
  while (at + 4 <= bytes.length && !(bytes[at] === 0xff && (bytes[at + 1] & 0xe0) === 0xe0)) at++;
  if (at + 4 > bytes.length) return undefined;
  const versionBits = (bytes[at + 1] >> 3) & 3; // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
  const layerBits = (bytes[at + 1] >> 1) & 3; // 1 = Layer III
  const rateIndex = (bytes[at + 2] >> 2) & 3;
  const mono = bytes[at + 3] >> 6 === 3;
  if (versionBits === 1 || layerBits !== 1 || rateIndex === 3) return undefined;
  const mpeg1 = versionBits === 3;
  const sampleRate = MPEG1_RATES[rateIndex] / (mpeg1 ? 1 : versionBits === 2 ? 2 : 4);
  const samplesPerFrame = mpeg1 ? 1152 : 576;
  // The Xing/Info tag follows the side information, whose size depends on version and channels.
  const sideInfo = mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  let tag = at + 4 + sideInfo;
  const id = String.fromCharCode(...bytes.subarray(tag, tag + 4));
  if (id !== 'Xing' && id !== 'Info') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = view.getUint32(tag + 4);
  tag += 8;
  let frameCount: number | undefined;
  if (flags & 1) {
    frameCount = view.getUint32(tag);
    tag += 4;
  }
  if (flags & 2) tag += 4; // byte count
  if (flags & 4) tag += 100; // seek table
  if (flags & 8) tag += 4; // quality
  // LAME extension: 9-byte encoder name, then 12 bytes of fields, then delay (12 bits) + padding (12 bits).
  const encoder = String.fromCharCode(...bytes.subarray(tag, tag + 4));
  if (tag + 24 > bytes.length || !/^(LAME|Lavc|Lavf|L3.9|GOGO)/.test(encoder)) {
    return { encoderDelay: 0, padding: 0, frameCount, samplesPerFrame, sampleRate };
  }
  const packed = (bytes[tag + 21] << 16) | (bytes[tag + 22] << 8) | bytes[tag + 23];
  return { encoderDelay: packed >> 12, padding: packed & 0xfff, frameCount, samplesPerFrame, sampleRate };
}
