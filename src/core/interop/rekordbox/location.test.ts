import { describe, expect, it } from 'vitest';
import { encodeLocationPath, locationFromPath, MAX_PATH_LENGTH, parseMusicFolder, pathFromLocation, pathMatchKey, relativePathFromLocation } from './location';

function location(folder: string, relative: string): string {
  const result = locationFromPath(folder, relative);
  if (!result.ok) throw new Error(result.reason.message);
  return result.value;
}

describe('locationFromPath', () => {
  it('writes Windows drive paths as file://localhost/D:/… with forward slashes', () => {
    const table: [string, string, string][] = [
      ['D:\\Music', 'House/Some Track.mp3', 'file://localhost/D:/Music/House/Some%20Track.mp3'],
      ['D:\\Music\\', 'House\\Some Track.mp3', 'file://localhost/D:/Music/House/Some%20Track.mp3'],
      ['d:/Music', 'a.mp3', 'file://localhost/D:/Music/a.mp3'],
      ['C:\\', 'a.wav', 'file://localhost/C:/a.wav'],
      ['E:\\DJ Music\\2024', './Techno/x.flac', 'file://localhost/E:/DJ%20Music/2024/Techno/x.flac'],
    ];
    for (const [folder, relative, expected] of table) expect(location(folder, relative)).toBe(expected);
  });

  it('writes macOS/Linux paths as file://localhost + the absolute path, never a double slash', () => {
    const table: [string, string, string][] = [
      ['/Volumes/Music', 'Ambient/x.mp3', 'file://localhost/Volumes/Music/Ambient/x.mp3'],
      ['/Users/me/Music/', 'x.mp3', 'file://localhost/Users/me/Music/x.mp3'],
      ['/', 'x.mp3', 'file://localhost/x.mp3'],
      ['/home/dj//music', 'a b.aiff', 'file://localhost/home/dj/music/a%20b.aiff'],
    ];
    for (const [folder, relative, expected] of table) expect(location(folder, relative)).toBe(expected);
  });

  it('encodes exactly the characters rekordbox encodes, with lower-case hex', () => {
    expect(location('/M', "Rock & Roll's [Live] (Edit), Vol. #1! +@$-_:.mp3")).toBe(
      'file://localhost/M/Rock%20%26%20Roll%27s%20%5bLive%5d%20(Edit),%20Vol.%20#1!%20+@$-_:.mp3',
    );
    expect(location('/M', '100% "x" <y> ?z ^ ` {a|b}.mp3')).toBe('file://localhost/M/100%25%20%22x%22%20%3cy%3e%20%3fz%20%5e%20%60%20%7ba%7cb%7d.mp3');
    expect(encodeLocationPath('a\\b')).toBe('a%5cb');
  });

  it('encodes non-ASCII as NFC UTF-8 bytes', () => {
    const table: [string, string][] = [
      ['Ólafur Arnalds - ÿ.mp3', '%c3%93lafur%20Arnalds%20-%20%c3%bf.mp3'],
      ['O\u0301lafur.mp3', '%c3%93lafur.mp3'], // NFD from a macOS file system
      ['Björk/Jóga.mp3', 'Bj%c3%b6rk/J%c3%b3ga.mp3'],
      ['日本.mp3', '%e6%97%a5%e6%9c%ac.mp3'],
      ['🎵 set.mp3', '%f0%9f%8e%b5%20set.mp3'],
      ['Ça – va.mp3', '%c3%87a%20%e2%80%93%20va.mp3'],
    ];
    for (const [relative, encoded] of table) expect(location('/Volumes/Music', relative)).toBe(`file://localhost/Volumes/Music/${encoded}`);
    expect(location('D:\\Müsik', 'a.mp3')).toBe('file://localhost/D:/M%c3%bcsik/a.mp3');
  });

  it(`refuses paths over ${MAX_PATH_LENGTH} characters with the length in the message`, () => {
    const folder = 'D:\\Music'; // "D:/Music/" is 9 characters
    expect(locationFromPath(folder, 'a'.repeat(MAX_PATH_LENGTH - 9)).ok).toBe(true);
    const tooLong = locationFromPath(folder, 'a'.repeat(MAX_PATH_LENGTH - 8));
    expect(tooLong.ok).toBe(false);
    if (!tooLong.ok) expect(tooLong.reason.message).toMatch(/too long for rekordbox \(256 characters, the limit is 255\)/);
  });

  it('refuses a missing, relative or network folder path with a reason', () => {
    const reason = (folder: string) => {
      const result = locationFromPath(folder, 'a.mp3');
      return result.ok ? 'accepted' : result.reason.message;
    };
    expect(reason('')).toMatch(/Set the absolute path of your music folder/);
    expect(reason('Music')).toMatch(/not an absolute path/);
    expect(reason('\\\\nas\\share')).toMatch(/network share/);
    expect(locationFromPath('/M', '../x.mp3').ok).toBe(false);
  });
});

describe('pathFromLocation', () => {
  it('decodes what the encoder wrote, for every table entry', () => {
    const names = ["Rock & Roll's [Live] (Edit), #1.mp3", '100% "x" <y> ?z.mp3', 'Björk/日本 🎵.mp3'];
    for (const name of names) {
      expect(pathFromLocation(location('D:\\Music', name))).toBe(`D:/Music/${name}`);
      expect(pathFromLocation(location('/Volumes/Music', name))).toBe(`/Volumes/Music/${name}`);
    }
  });

  it('is tolerant: upper-case hex, raw # and ?, other prefixes, stray %', () => {
    expect(pathFromLocation('file://localhost/C:/Music/Bj%C3%B6rk%20%231?.mp3')).toBe('C:/Music/Björk #1?.mp3');
    expect(pathFromLocation('file://localhost/Users/me/a#b.mp3')).toBe('/Users/me/a#b.mp3');
    expect(pathFromLocation('file:///Users/me/x.mp3')).toBe('/Users/me/x.mp3');
    expect(pathFromLocation('file://localhost/c:/x.mp3')).toBe('C:/x.mp3');
    expect(pathFromLocation('file://localhost/M/100%zz.mp3')).toBe('/M/100%zz.mp3');
    expect(pathFromLocation('file://localhost/M/O%cc%81.mp3')).toBe('/M/\u00d3.mp3'); // NFD bytes → NFC
  });

  it('finds the path relative to the music folder (case-insensitive on Windows only)', () => {
    const windows = parseMusicFolder('D:\\Music');
    const mac = parseMusicFolder('/Volumes/Music');
    if (!windows.ok || !mac.ok) throw new Error('folders should parse');
    expect(relativePathFromLocation('file://localhost/d:/music/House/A%20b.mp3', windows.value)).toBe('House/A b.mp3');
    expect(relativePathFromLocation('file://localhost/E:/Music/a.mp3', windows.value)).toBeUndefined();
    expect(relativePathFromLocation('file://localhost/Volumes/Music/x/y.mp3', mac.value)).toBe('x/y.mp3');
    expect(relativePathFromLocation('file://localhost/Volumes/music/x.mp3', mac.value)).toBeUndefined();
    expect(pathMatchKey('C:\\Music\\A.mp3')).toBe(pathMatchKey('c:/music/a.MP3'));
  });
});
