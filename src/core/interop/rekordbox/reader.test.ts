import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCamelot } from '../../music/keys';
import { readCollectionXml } from './reader';
import type { RekordboxCollection } from './types';

const REAL_FIXTURES = '/work/shared/fixtures/rekordbox';
const haveRealFixtures = existsSync(REAL_FIXTURES);

function read(xml: string): RekordboxCollection {
  const result = readCollectionXml(xml);
  if (!result.ok) throw new Error(`line ${result.reason.line}: ${result.reason.message}`);
  return result.value;
}

function problem(xml: string) {
  const result = readCollectionXml(xml);
  if (result.ok) throw new Error('expected the import to fail');
  return result.reason;
}

function wrap(collection: string, playlists = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<DJ_PLAYLISTS Version="1.0.0">\n  <PRODUCT Name="rekordbox" Version="6.8.5" Company="AlphaTheta"/>\n${collection}\n${playlists}</DJ_PLAYLISTS>\n`;
}

function track(attributes: string, children = ''): string {
  return children ? `    <TRACK ${attributes}>\n${children}\n    </TRACK>` : `    <TRACK ${attributes}/>`;
}

describe.skipIf(!haveRealFixtures)('real rekordbox files', () => {
  it('reads rekordbox 5.8.6: tracks, grids, memory cues, nested playlists', () => {
    const collection = read(readFileSync(`${REAL_FIXTURES}/rekordbox5-collection.xml`, 'utf8'));
    expect(collection.product).toEqual({ name: 'rekordbox', version: '5.8.6', company: 'Pioneer DJ' });
    expect(collection.warnings).toEqual([]);
    expect(collection.tracks.map((t) => t.name)).toEqual(['NOISE', 'SINEWAVE', 'SIREN', 'HORN', 'Demo Track 1', 'Demo Track 2']);
    const demo2 = collection.tracks[5];
    expect(demo2).toMatchObject({
      trackId: 6,
      artist: 'Loopmasters',
      kind: 'MP3 File',
      fileType: 'mp3',
      durationSec: 128,
      bpm: 120,
      dateAdded: '2022-04-04',
      bitrateKbps: 320,
      sampleRate: 44100,
      label: 'Loopmasters',
      path: 'C:/Music/PioneerDJ/Demo Tracks/Demo Track 2.mp3',
    });
    expect(demo2.tempo).toHaveLength(10);
    expect(demo2.tempo[1]).toEqual({ startSec: 48.026, bpm: 120, metre: '4/4', beat: 1 });
    expect(demo2.marks.map((mark) => [mark.type, mark.startSec, mark.num])).toEqual([
      [0, 0.025, -1],
      [0, 16.025, -1],
      [0, 32.025, -1],
      [0, 48.026, -1],
    ]);
    expect(demo2.line).toBe(42);
    expect(collection.playlists).toEqual([
      { kind: 'folder', name: 'Folder', children: [{ kind: 'playlist', name: 'Sub Playlist', trackIds: [5, 6] }] },
      { kind: 'playlist', name: 'Playlist1', trackIds: [5, 6] },
    ]);
  });

  it('reads rekordbox 6.6.2: localised Kind, large TrackIDs, key, empty playlist', () => {
    const collection = read(readFileSync(`${REAL_FIXTURES}/rekordbox6-collection.xml`, 'utf8'));
    expect(collection.product.version).toBe('6.6.2');
    expect(collection.warnings).toEqual([]);
    expect(collection.tracks).toHaveLength(6);
    const [demo1, , horn] = collection.tracks;
    expect(demo1.trackId).toBe(253529738);
    expect(demo1.kind).toBe('Mp3-Datei ');
    expect(demo1.fileType).toBe('mp3');
    expect(horn.fileType).toBe('wav');
    expect(demo1.tonality).toBe('Fm');
    expect(toCamelot(demo1.key!)).toBe('4A');
    expect(demo1.tempo).toEqual([{ startSec: 0.025, bpm: 128, metre: '4/4', beat: 1 }]);
    expect(horn.bpm).toBe(0);
    expect(collection.playlists).toEqual([{ kind: 'playlist', name: 'Trial playlist - Cloud Library Sync', trackIds: [] }]);
  });
});

describe('readCollectionXml', () => {
  it('normalises classic, Camelot and Open Key tonality, unpadded dates, entities and a BOM', () => {
    const xml = wrap(`  <COLLECTION Entries="4">
${track('TrackID="1" Name="A &amp;#10; B" Tonality="Am" DateAdded="2013-3-1" Location="file://localhost/M/a.mp3"')}
${track('TrackID="2" Name="Line&#10;break &#x263A;" Tonality="8A" Location="file://localhost/M/b.mp3"')}
${track('TrackID="3" Tonality="1m" DateAdded="" Location="file://localhost/M/c.mp3"')}
${track('TrackID="4" Tonality="6d" Colour="0x25FDE9" Location="file://localhost/M/d.mp3"')}
  </COLLECTION>`);
    const collection = read('\ufeff' + xml);
    expect(collection.tracks.map((t) => t.key && toCamelot(t.key))).toEqual(['8A', '8A', '8A', '1B']);
    expect(collection.tracks.map((t) => t.dateAdded)).toEqual(['2013-03-01', '', '', '']);
    expect(collection.tracks[0].name).toBe('A &#10; B');
    expect(collection.tracks[1].name).toBe('Line\nbreak ☺');
    expect(collection.tracks[3].colour).toBe('0x25FDE9');
  });

  it('resolves KeyType 1 playlists (keys are Locations) and warns about unknown keys and wrong counts', () => {
    const xml = wrap(
      `  <COLLECTION Entries="2">
${track('TrackID="10" Location="file://localhost/M/a.mp3"')}
  </COLLECTION>`,
      `  <PLAYLISTS>
    <NODE Type="0" Name="ROOT" Count="1">
      <NODE Name="By location" Type="1" KeyType="1" Entries="2">
        <TRACK Key="file://localhost/M/a.mp3"/>
        <TRACK Key="file://localhost/M/gone.mp3"/>
      </NODE>
    </NODE>
  </PLAYLISTS>
`,
    );
    const collection = read(xml);
    expect(collection.playlists).toEqual([{ kind: 'playlist', name: 'By location', trackIds: [10] }]);
    expect(collection.warnings).toEqual([
      'COLLECTION says Entries=2 but holds 1 tracks.',
      'Playlist "By location" refers to a track not in the collection (Key="file://localhost/M/gone.mp3", line 11); left out.',
    ]);
  });

  it('ignores unknown attributes and elements', () => {
    const xml = wrap(`  <COLLECTION Entries="1">
${track('TrackID="1" Location="file://localhost/M/a.mp3" FutureField="x"', '      <FUTURE_THING A="1"/>')}
  </COLLECTION>`);
    expect(read(xml).tracks[0].path).toBe('/M/a.mp3');
  });
});

describe('malformed rekordbox XML gives a located problem, never an exception', () => {
  const valid = wrap(`  <COLLECTION Entries="1">
${track('TrackID="1" Name="x" Location="file://localhost/M/a.mp3"', '      <TEMPO Inizio="0.1" Bpm="120.00" Metro="4/4" Battito="1"/>')}
  </COLLECTION>`);

  it('reports a truncated file with its line', () => {
    const truncated = valid.slice(0, valid.indexOf('</COLLECTION>'));
    expect(problem(truncated)).toEqual({ message: 'The file ends while <COLLECTION> is still open: it is truncated or damaged', line: 7 });
    const cutInTag = valid.slice(0, valid.indexOf('Bpm="120.00"'));
    expect(problem(cutInTag)).toMatchObject({ message: expect.stringMatching(/truncated or damaged/), line: 6 });
    const unclosedQuote = valid.replace('Name="x"', 'Name="x');
    expect(problem(unclosedQuote)).toMatchObject({ message: expect.stringMatching(/Not well-formed XML/), line: 5 });
  });

  it('reports a wrong root element with its line', () => {
    expect(problem('<?xml version="1.0"?>\n<playlist version="1"><trackList/></playlist>')).toEqual({
      message: 'Not a rekordbox collection: the root element is <playlist>, expected <DJ_PLAYLISTS>',
      line: 2,
    });
  });

  it('reports missing required attributes with the line of the element', () => {
    expect(problem(valid.replace(' Location="file://localhost/M/a.mp3"', ''))).toEqual({ message: '<TRACK> has no Location attribute', line: 5 });
    expect(problem(valid.replace('TrackID="1" ', ''))).toEqual({ message: '<TRACK> has no TrackID attribute', line: 5 });
    expect(problem(valid.replace(' Bpm="120.00"', ''))).toEqual({ message: '<TEMPO> has no Bpm attribute', line: 6 });
    expect(problem(valid.replace('Inizio="0.1"', 'Inizio="soon"'))).toEqual({ message: '<TEMPO> Inizio="soon" is not a number', line: 6 });
  });

  it('reports playlist nodes without Type and entries without Key', () => {
    const withPlaylists = (node: string) =>
      valid.replace('</DJ_PLAYLISTS>', `  <PLAYLISTS>\n    <NODE Type="0" Name="ROOT" Count="1">\n${node}\n    </NODE>\n  </PLAYLISTS>\n</DJ_PLAYLISTS>`);
    expect(problem(withPlaylists('      <NODE Name="No type" Entries="0"/>'))).toEqual({ message: '<NODE> has no Type attribute', line: 11 });
    expect(problem(withPlaylists('      <NODE Name="P" Type="1" KeyType="0" Entries="1">\n        <TRACK/>\n      </NODE>'))).toEqual({
      message: '<TRACK> has no Key attribute',
      line: 12,
    });
    expect(problem(withPlaylists('      <NODE Name="Smart" Type="7"/>'))).toEqual({
      message: '<NODE Name="Smart"> has Type="7"; expected 0 (folder) or 1 (playlist)',
      line: 11,
    });
  });

  it('reports empty input, non-XML text and a missing COLLECTION', () => {
    expect(problem('').message).toMatch(/empty/);
    expect(problem('artist,title\nA,B\n').message).toMatch(/Not well-formed XML|Not a rekordbox collection|no XML element/);
    expect(problem('<DJ_PLAYLISTS Version="1.0.0">\n<PRODUCT Name="x"/>\n</DJ_PLAYLISTS>')).toEqual({
      message: '<DJ_PLAYLISTS> has no <COLLECTION> element',
      line: 1,
    });
  });

  it('survives being cut at any point', () => {
    for (let end = 0; end < valid.length; end += 7) {
      const result = readCollectionXml(valid.slice(0, end));
      if (!result.ok) expect(result.reason.message.length).toBeGreaterThan(10);
    }
  });
});
