import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toCamelot } from '../../music/keys';
import { SAMPLE_CRATES, SAMPLE_OPTIONS, SAMPLE_TRACKS } from './__fixtures__/sampleLibrary';
import { exportRekordboxXml } from './exporter';
import { relativePathFromLocation, parseMusicFolder } from './location';
import { readCollectionXml } from './reader';
import type { PlaylistNode, RekordboxCollection } from './types';
import { writeCollectionXml } from './writer';

const REAL_FIXTURES = '/work/shared/fixtures/rekordbox';

function read(xml: string): RekordboxCollection {
  const result = readCollectionXml(xml);
  if (!result.ok) throw new Error(`line ${result.reason.line}: ${result.reason.message}`);
  return result.value;
}

/** Playlist tree with track names instead of TrackIDs, to compare across exports. */
function namedTree(nodes: PlaylistNode[], nameOf: (id: number) => string | undefined): unknown[] {
  return nodes.map((node) =>
    node.kind === 'folder' ? { folder: node.name, children: namedTree(node.children, nameOf) } : { playlist: node.name, tracks: node.trackIds.map(nameOf) },
  );
}

describe('export → import round trip', () => {
  const exported = exportRekordboxXml(SAMPLE_TRACKS, SAMPLE_CRATES, SAMPLE_OPTIONS);
  if (!exported.ok) throw new Error(exported.reason.message);
  const collection = read(exported.value.xml);
  const folder = parseMusicFolder(SAMPLE_OPTIONS.musicFolderPath);
  if (!folder.ok) throw new Error(folder.reason.message);

  it('brings back every exported track with its fields', () => {
    for (const original of SAMPLE_TRACKS.filter((track) => track.id !== 't-long')) {
      const back = collection.tracks.find((track) => relativePathFromLocation(track.location, folder.value) === original.relativePath);
      expect(back, original.relativePath).toBeDefined();
      expect(back!.name).toBe(original.title);
      expect(back!.artist).toBe(original.artist ?? '');
      expect(back!.bpm).toBeCloseTo(original.bpm ?? 0, 2);
      expect(back!.key && toCamelot(back!.key)).toBe(original.key && toCamelot(original.key));
      expect(back!.durationSec).toBe(Math.round(original.durationSec ?? 0));
    }
  });

  it('brings back cues and grids', () => {
    const rock = collection.tracks.find((track) => track.name.startsWith('Rock'))!;
    const cues = SAMPLE_TRACKS[0].cues!;
    expect(rock.marks).toEqual([cues[2], cues[0], cues[1]]);
    expect(rock.tempo).toEqual([{ startSec: 0.123, bpm: 128, metre: '4/4', beat: 1 }]);
  });

  it('brings back the playlists with the same tracks in the same order', () => {
    const names = new Map(collection.tracks.map((track) => [track.trackId, track.name]));
    expect(namedTree(collection.playlists, (id) => names.get(id))).toEqual([
      { playlist: 'Warm up', tracks: ['Jóga', 'true'] },
      { playlist: 'Peak time', tracks: ['Rock & Roll "Live" <Edit>', '夜'] },
      { playlist: 'peak time (2)', tracks: [] },
      { playlist: 'Has the long one', tracks: ['Rock & Roll "Live" <Edit>'] },
      {
        folder: 'Similar tracks',
        children: [{ playlist: 'Similar to Guns \'n\' Bits - Rock & Roll "Live" <Edit>', tracks: ['Rock & Roll "Live" <Edit>', '夜', 'Jóga'] }],
      },
    ]);
  });

  it('is a fixed point: re-exporting with the import as previous collection changes nothing but adds its playlists', () => {
    const again = exportRekordboxXml(SAMPLE_TRACKS, SAMPLE_CRATES, { ...SAMPLE_OPTIONS, previous: collection, keepPreviousPlaylists: false });
    if (!again.ok) throw new Error(again.reason.message);
    expect(again.value.xml).toBe(exported.value.xml);
  });
});

describe.skipIf(!existsSync(REAL_FIXTURES))('real rekordbox files through the writer', () => {
  for (const name of ['rekordbox5-collection.xml', 'rekordbox6-collection.xml']) {
    it(`${name}: read → write → read gives the same collection, and writing is stable`, () => {
      const original = read(readFileSync(`${REAL_FIXTURES}/${name}`, 'utf8'));
      const written = writeCollectionXml(original);
      const reread = read(written);
      const withoutLines = (c: RekordboxCollection) => ({ ...c, tracks: c.tracks.map(({ line: _line, ...rest }) => rest) });
      expect(withoutLines(reread)).toEqual(withoutLines(original));
      expect(writeCollectionXml(reread)).toBe(written);
    });
  }
});
