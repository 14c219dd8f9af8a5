import { describe, expect, it } from 'vitest';
import { buildM3u8, type M3uEntry } from './m3u8';

const entries: M3uEntry[] = [
  { relativePath: 'House/Björk - Jóga.mp3', artist: 'Björk', title: 'Jóga', durationSec: 305.4 },
  { relativePath: 'Techno/01 untitled.flac', durationSec: undefined },
  { relativePath: 'Techno\\sub\\x.wav', artist: 'A\nB', title: 'Multi\r\nline', durationSec: 59.5 },
];

function build(paths: Parameters<typeof buildM3u8>[1]): string {
  const result = buildM3u8(entries, paths);
  if (!result.ok) throw new Error(result.reason.message);
  return result.value;
}

describe('buildM3u8', () => {
  it('writes #EXTM3U, #EXTINF with whole seconds and "Artist - Title", and relative paths', () => {
    expect(build({ kind: 'relative' })).toBe(
      [
        '#EXTM3U',
        '#EXTINF:305,Björk - Jóga',
        'House/Björk - Jóga.mp3',
        '#EXTINF:-1,01 untitled',
        'Techno/01 untitled.flac',
        '#EXTINF:60,A B - Multi line',
        'Techno/sub/x.wav',
        '',
      ].join('\n'),
    );
  });

  it('makes paths relative to the folder the playlist is saved in', () => {
    const lines = build({ kind: 'relative', playlistFolder: 'Techno/Playlists' }).split('\n');
    expect(lines[2]).toBe('../../House/Björk - Jóga.mp3');
    expect(lines[4]).toBe('../01 untitled.flac');
    expect(lines[6]).toBe('../sub/x.wav');
  });

  it('writes absolute Windows and macOS paths', () => {
    expect(build({ kind: 'absolute', musicFolderPath: 'D:\\Music\\' }).split('\n')[2]).toBe('D:\\Music\\House\\Björk - Jóga.mp3');
    expect(build({ kind: 'absolute', musicFolderPath: '/Volumes/Music' }).split('\n')[6]).toBe('/Volumes/Music/Techno/sub/x.wav');
  });

  it('is UTF-8 text in NFC, whatever the file system handed out', () => {
    const text = buildM3u8([{ relativePath: 'O\u0301lafur.mp3', title: 'O\u0301' }], { kind: 'relative' });
    expect(text.ok && text.value).toBe('#EXTM3U\n#EXTINF:-1,\u00d3\n\u00d3lafur.mp3\n');
    expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(text.ok ? text.value : ''))).toContain('Ólafur');
  });

  it('refuses without a usable folder path or with a path leaving the music folder', () => {
    expect(buildM3u8(entries, { kind: 'absolute', musicFolderPath: '' }).ok).toBe(false);
    expect(buildM3u8([{ relativePath: '../x.mp3' }], { kind: 'relative' }).ok).toBe(false);
  });
});
