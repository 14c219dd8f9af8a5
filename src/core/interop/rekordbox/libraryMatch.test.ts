import { describe, expect, it } from 'vitest';
import { matchCollectionToLibrary } from './libraryMatch';
import { parseMusicFolder } from './location';
import { readCollectionXml } from './reader';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<DJ_PLAYLISTS Version="1.0.0">
  <COLLECTION Entries="3">
    <TRACK TrackID="1" Name="a" AverageBpm="124.00" Tonality="8A" Location="file://localhost/D:/MUSIC/House/Bj%C3%B6rk%20%231.mp3"/>
    <TRACK TrackID="2" Name="b" Location="file://localhost/D:/Music/Techno/O%cc%81.flac"/>
    <TRACK TrackID="3" Name="c" Location="file://localhost/C:/Other/x.mp3"/>
  </COLLECTION>
</DJ_PLAYLISTS>`;

describe('matchCollectionToLibrary', () => {
  it('pairs rekordbox tracks with library tracks by path, tolerant of case (Windows), hex case and NFD', () => {
    const collection = readCollectionXml(xml);
    const folder = parseMusicFolder('D:\\Music');
    if (!collection.ok || !folder.ok) throw new Error('fixtures should parse');
    const library = [
      { id: 'lib-a', relativePath: 'House/Björk #1.mp3' },
      { id: 'lib-b', relativePath: 'Techno/\u00d3.flac' },
      { id: 'lib-c', relativePath: 'Techno/not in rekordbox.mp3' },
    ];
    const match = matchCollectionToLibrary(collection.value.tracks, folder.value, library);
    expect([...match.byTrackId].map(([id, track]) => [id, track.trackId])).toEqual([
      ['lib-a', 1],
      ['lib-b', 2],
    ]);
    expect(match.byTrackId.get('lib-a')?.bpm).toBe(124);
    expect(match.outsideLibrary.map((track) => track.trackId)).toEqual([3]);
  });
});
