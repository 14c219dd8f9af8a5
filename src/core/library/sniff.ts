/**
 * Identify an audio container from a file's first bytes, so a text file renamed to .flac is
 * reported as "not audio" rather than as a confusing parser error.
 */
export type SniffedContainer = 'mp3' | 'flac' | 'wav' | 'aiff' | 'ogg' | 'mp4' | 'aac';

const ascii = (bytes: Uint8Array, at: number, text: string) => bytes.length >= at + text.length && [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

export function sniffAudioContainer(head: Uint8Array): SniffedContainer | undefined {
  if (ascii(head, 0, 'ID3')) return 'mp3';
  if (ascii(head, 0, 'fLaC')) return 'flac';
  if ((ascii(head, 0, 'RIFF') || ascii(head, 0, 'RF64')) && ascii(head, 8, 'WAVE')) return 'wav';
  if (ascii(head, 0, 'FORM') && (ascii(head, 8, 'AIFF') || ascii(head, 8, 'AIFC'))) return 'aiff';
  if (ascii(head, 0, 'OggS')) return 'ogg';
  if (ascii(head, 4, 'ftyp')) return 'mp4';
  if (ascii(head, 0, 'ADIF')) return 'aac';
  // Raw MPEG audio: frame sync (11 set bits) somewhere near the start (some rips begin with junk).
  for (let i = 0; i + 1 < head.length; i++) {
    if (head[i] === 0xff && (head[i + 1] & 0xe0) === 0xe0) return (head[i + 1] & 0x06) === 0 ? 'aac' : 'mp3';
  }
  return undefined;
}

/** Bytes to read for sniffing. */
export const SNIFF_BYTES = 4096;
