import { describe, expect, it } from 'vitest';
import { tagsFromFileName, withFileNameFallback } from './tags';
import { isAudioFileName, isHiddenOrSystem } from './audioFiles';

describe('tag fallbacks from the file name', () => {
  it('splits "Artist - Title.ext"', () => {
    expect(tagsFromFileName('Daft Punk - Around the World.mp3')).toEqual({ artist: 'Daft Punk', title: 'Around the World' });
    expect(tagsFromFileName('House/Sub/Björk – Jóga.flac')).toEqual({ artist: 'Björk', title: 'Jóga' });
  });

  it('drops leading track numbers', () => {
    expect(tagsFromFileName('01 - Artist - Title.mp3')).toEqual({ artist: 'Artist', title: 'Title' });
    expect(tagsFromFileName('07. Song Name.flac')).toEqual({ title: 'Song Name' });
    expect(tagsFromFileName('A1 - Side A Opener.wav')).toEqual({ title: 'Side A Opener' });
  });

  it('uses underscores as spaces only when the name has no spaces', () => {
    expect(tagsFromFileName('Some_Artist_-_Some_Title.mp3')).toEqual({ artist: 'Some Artist', title: 'Some Title' });
    expect(tagsFromFileName('my_track v2.mp3')).toEqual({ title: 'my_track v2' });
  });

  it('uses the whole stem as the title when there is no separator', () => {
    expect(tagsFromFileName('untitled.ogg')).toEqual({ title: 'untitled' });
    expect(tagsFromFileName('-.mp3')).toEqual({ title: '-' });
  });

  it('keeps real tags and fills only what is missing', () => {
    expect(withFileNameFallback({ title: 'Tagged', artist: 'Tagger' }, 'X - Y.mp3')).toMatchObject({ title: 'Tagged', artist: 'Tagger' });
    expect(withFileNameFallback({ title: '  ', artist: '\u0000' }, 'X - Y.mp3')).toMatchObject({ title: 'Y', artist: 'X' });
    expect(withFileNameFallback({ title: 'Only Title' }, 'X - Y.mp3')).toMatchObject({ title: 'Only Title', artist: undefined });
    expect(withFileNameFallback({ genre: 'Techno' }, 'Lonely.mp3')).toMatchObject({ title: 'Lonely', genre: 'Techno' });
  });
});

describe('audio file filter', () => {
  it('accepts the supported containers in any case', () => {
    for (const name of ['a.mp3', 'a.FLAC', 'a.wav', 'a.aiff', 'a.aif', 'a.m4a', 'a.aac', 'a.alac', 'a.ogg', 'a.opus']) {
      expect(isAudioFileName(name)).toBe(true);
    }
  });
  it('skips hidden, AppleDouble, system and non-audio files', () => {
    for (const name of ['.hidden.mp3', '._track.mp3', 'Thumbs.db', 'desktop.ini', 'cover.jpg', 'notes.txt', 'mp3', 'track.mp3.part']) {
      expect(isAudioFileName(name)).toBe(false);
    }
    expect(isHiddenOrSystem('$RECYCLE.BIN')).toBe(true);
  });
});
