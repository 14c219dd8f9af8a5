import { describe, expect, it } from 'vitest';
import { sniffAudioContainer } from './sniff';

const bytes = (text: string, pad = 16) => {
  const out = new Uint8Array(Math.max(pad, text.length));
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);
  return out;
};

describe('sniffAudioContainer', () => {
  it('recognises the containers rbassist reads', () => {
    expect(sniffAudioContainer(bytes('ID3\u0003'))).toBe('mp3');
    expect(sniffAudioContainer(Uint8Array.of(0, 0, 0xff, 0xfb, 0x90, 0x64))).toBe('mp3');
    expect(sniffAudioContainer(Uint8Array.of(0xff, 0xf1, 0x50, 0x80))).toBe('aac');
    expect(sniffAudioContainer(bytes('fLaC'))).toBe('flac');
    expect(sniffAudioContainer(bytes('RIFF\u0000\u0000\u0000\u0000WAVEfmt '))).toBe('wav');
    expect(sniffAudioContainer(bytes('FORM\u0000\u0000\u0000\u0000AIFF'))).toBe('aiff');
    expect(sniffAudioContainer(bytes('OggS'))).toBe('ogg');
    expect(sniffAudioContainer(bytes('\u0000\u0000\u0000\u0020ftypM4A '))).toBe('mp4');
  });
  it('rejects text, images and empty input', () => {
    expect(sniffAudioContainer(bytes('This is a text file pretending to be FLAC.'))).toBeUndefined();
    expect(sniffAudioContainer(Uint8Array.of(0x89, 0x50, 0x4e, 0x47))).toBeUndefined();
    expect(sniffAudioContainer(new Uint8Array(0))).toBeUndefined();
  });
});
