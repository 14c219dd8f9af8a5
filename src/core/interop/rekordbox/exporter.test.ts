import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../../hash';
import { SAMPLE_CRATES, SAMPLE_OPTIONS, SAMPLE_TRACKS } from './__fixtures__/sampleLibrary';
import { exportRekordboxXml } from './exporter';
import { readCollectionXml } from './reader';
import { assignTrackIds } from './trackIds';
import type { ExportOptions, ExportTrack, RekordboxCollection } from './types';

const GOLDEN = fileURLToPath(new URL('./__fixtures__/golden-export.xml', import.meta.url));

function exportXml(tracks = SAMPLE_TRACKS, crates = SAMPLE_CRATES, options: ExportOptions = SAMPLE_OPTIONS) {
  const result = exportRekordboxXml(tracks, crates, options);
  if (!result.ok) throw new Error(result.reason.message);
  return result.value;
}

function read(xml: string): RekordboxCollection {
  const result = readCollectionXml(xml);
  if (!result.ok) throw new Error(`${result.reason.line}: ${result.reason.message}`);
  return result.value;
}

describe('exportRekordboxXml', () => {
  it('matches the golden file', () => {
    const { xml } = exportXml();
    // Regenerate deliberately with UPDATE_GOLDEN=1 after a reviewed format change.
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, xml);
    expect(xml).toBe(readFileSync(GOLDEN, 'utf8'));
  });

  it('is byte-identical for identical input, whatever the input order', () => {
    const first = exportXml().xml;
    expect(exportXml().xml).toBe(first);
    const shuffled = [...SAMPLE_TRACKS].reverse();
    const crates = [...SAMPLE_CRATES].reverse();
    expect(exportXml(shuffled, crates).xml).toBe(first);
  });

  it('leaves out the tempo and key of a track that has none (a failed analysis), instead of 0.00 and ""', () => {
    const { xml } = exportXml();
    const unknown = /<TRACK TrackID="\d+" Name="true"[^>]*>/.exec(xml)![0];
    expect(unknown).not.toContain('AverageBpm=');
    expect(unknown).not.toContain('Tonality=');
    const known = read(xml).tracks.find((t) => t.name === 'true')!;
    expect(known.bpm).toBe(0);
    expect(known.tonality).toBe('');
  });

  it('writes TRACK attributes in rekordbox order with fixed number formats', () => {
    const { xml } = exportXml();
    const track = /<TRACK TrackID="\d+" Name="Jóga"[^>]*>/.exec(xml)![0];
    const names = [...track.matchAll(/ (\w+)="/g)].map((match) => match[1]);
    expect(names).toEqual([
      'TrackID',
      'Name',
      'Artist',
      'Composer',
      'Album',
      'Grouping',
      'Genre',
      'Kind',
      'Size',
      'TotalTime',
      'DiscNumber',
      'TrackNumber',
      'Year',
      'AverageBpm',
      'DateAdded',
      'BitRate',
      'SampleRate',
      'Comments',
      'PlayCount',
      'Rating',
      'Location',
      'Remixer',
      'Tonality',
      'Label',
      'Mix',
    ]);
    expect(track).toContain('AverageBpm="87.46"');
    expect(track).toContain('Tonality="F#m"');
    expect(track).toContain('Kind="FLAC File"');
    expect(track).toContain('Comments="11A - Energy 4"');
    expect(xml).toContain('DateAdded="2024-03-09"');
    expect(xml).toContain('TotalTime="246"');
    expect(xml).toContain('Rating="204"');
    expect(xml).toContain('Colour="0xFF007F"');
    expect(xml).toContain('<TEMPO Inizio="0.123" Bpm="128.00" Metro="4/4" Battito="1"/>');
    expect(xml).toContain('<POSITION_MARK Name="Loop" Type="4" Start="90.000" End="91.875" Num="1"/>');
    expect(xml).toContain('<POSITION_MARK Name="Drop" Type="0" Start="60.500" Num="0" Red="40" Green="226" Blue="20"/>');
  });

  it('escapes every attribute and drops control characters, so titles round-trip', () => {
    const { xml } = exportXml();
    expect(xml).toContain('Name="Rock &amp; Roll &quot;Live&quot; &lt;Edit&gt;"');
    expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    const rock = read(xml).tracks.find((track) => track.name.startsWith('Rock'))!;
    expect(rock.name).toBe('Rock & Roll "Live" <Edit>');
    expect(rock.artist).toBe("Guns 'n' Bits");
    expect(rock.album).toBe('Live at <The Club>');
    expect(rock.comments).toBe('8A - Energy 7 | Crowd pleaser');
    expect(rock.path).toBe('D:/Music/Rock/Rock & Roll "Live" <Edit>.mp3');
    const literal = read(xml).tracks.find((track) => track.name === 'true')!;
    expect(literal.name).toBe('true'); // not collapsed to a bare boolean attribute
  });

  it('skips tracks whose path rekordbox would refuse, and says why', () => {
    const report = exportXml();
    expect(report.trackCount).toBe(4);
    expect(report.skipped).toEqual([{ trackId: 't-long', reason: expect.stringMatching(/too long for rekordbox/) }]);
    expect(report.warnings).toEqual([
      'Playlist "Peak time": 1 track(s) not in this export were left out.',
      'Playlist "Has the long one": 1 track(s) not in this export were left out.',
    ]);
    expect(report.sampleLocation).toMatch(/^file:\/\/localhost\/D:\/Music\//);
  });

  it('writes exact counts, unique sibling names and the Similar playlists', () => {
    const collection = read(exportXml().xml);
    expect(collection.warnings).toEqual([]);
    expect(collection.tracks).toHaveLength(4);
    const names = collection.playlists.map((node) => node.name);
    expect(names).toEqual(['Warm up', 'Peak time', 'peak time (2)', 'Has the long one', 'Similar tracks']);
    const similar = collection.playlists[4];
    expect(similar.kind === 'folder' && similar.children.map((child) => child.name)).toEqual(['Similar to Guns \'n\' Bits - Rock & Roll "Live" <Edit>']);
    const byId = new Map(collection.tracks.map((track) => [track.trackId, track.name]));
    const seedList = similar.kind === 'folder' && similar.children[0].kind === 'playlist' ? similar.children[0].trackIds : [];
    expect(seedList.map((id) => byId.get(id))).toEqual(['Rock & Roll "Live" <Edit>', '夜', 'Jóga']);
  });

  it('writes an empty collection that reads back empty', () => {
    const { xml, trackCount } = exportXml([], [], { ...SAMPLE_OPTIONS, similar: [] });
    expect(trackCount).toBe(0);
    expect(xml).toContain('<COLLECTION Entries="0"/>');
    expect(xml).toContain('<NODE Type="0" Name="ROOT" Count="0"/>');
    expect(read(xml)).toMatchObject({ tracks: [], playlists: [], warnings: [] });
  });

  it('refuses to export until the music folder path is set', () => {
    const result = exportRekordboxXml(SAMPLE_TRACKS, [], { ...SAMPLE_OPTIONS, musicFolderPath: '' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason.message).toMatch(/absolute path of your music folder/);
  });

  it('keeps rekordbox cues, grid, rating and playlists from an imported collection', () => {
    const previousXml = exportXml()
      .xml.replace('<POSITION_MARK Name="" Type="0" Start="30.000" Num="-1"/>', '<POSITION_MARK Name="DJ cue" Type="0" Start="12.000" Num="-1"/>')
      .replace('<TEMPO Inizio="0.123" Bpm="128.00"', '<TEMPO Inizio="0.150" Bpm="127.98"');
    const previous = read(previousXml);
    // rbassist knows less about the rock track this time: no cues, a different grid, no rating.
    const tracks: ExportTrack[] = SAMPLE_TRACKS.map((track) =>
      track.id === 't-rock' ? { ...track, cues: [], rating: undefined, colour: undefined, beatGrid: { anchorSec: 0.5, bpm: 130 } } : track,
    );
    const again = read(exportXml(tracks, SAMPLE_CRATES, { ...SAMPLE_OPTIONS, previous }).xml);
    const rock = again.tracks.find((track) => track.name.startsWith('Rock'))!;
    expect(rock.marks.map((mark) => [mark.name, mark.startSec])).toEqual([
      ['DJ cue', 12],
      ['Drop', 60.5],
      ['Loop', 90],
    ]);
    expect(rock.tempo).toEqual([{ startSec: 0.15, bpm: 127.98, metre: '4/4', beat: 1 }]);
    expect(rock.rating).toBe(204);
    expect(rock.colour).toBe('0xFF007F');
    expect(rock.comments).toBe('8A - Energy 7 | Crowd pleaser'); // template applied once, not twice
    const kept = again.playlists.find((node) => node.name === 'From rekordbox');
    expect(kept?.kind === 'folder' && kept.children.map((child) => child.name)).toEqual(previous.playlists.map((node) => node.name));
  });

  it('a moved track keeps the cues and playlist entries the previous collection had at its old Location', () => {
    const previousXml = exportXml().xml.replace(
      '<POSITION_MARK Name="" Type="0" Start="30.000" Num="-1"/>',
      '<POSITION_MARK Name="DJ cue" Type="0" Start="12.000" Num="-1"/>',
    );
    const previous = read(previousXml);
    const rockBefore = previous.tracks.find((track) => track.name.startsWith('Rock'))!;
    const moved = SAMPLE_TRACKS.map((track) =>
      track.id === 't-rock' ? { ...track, relativePath: `Moved/${track.relativePath}`, formerPaths: [track.relativePath] } : track,
    );
    const again = read(exportXml(moved, SAMPLE_CRATES, { ...SAMPLE_OPTIONS, previous }).xml);
    const rock = again.tracks.find((track) => track.name.startsWith('Rock'))!;
    expect(rock.location).toContain('/Moved/');
    expect(rock.marks.map((mark) => mark.name)).toContain('DJ cue');
    // Without the former path the old entry is not found: the cue is lost.
    const unlinked = read(
      exportXml(
        moved.map(({ formerPaths: _, ...t }) => t),
        SAMPLE_CRATES,
        { ...SAMPLE_OPTIONS, previous },
      ).xml,
    );
    expect(unlinked.tracks.find((track) => track.name.startsWith('Rock'))!.marks.map((mark) => mark.name)).not.toContain('DJ cue');
    // Previous playlists that held the track at its old Location now point at the moved track.
    const heldBefore = JSON.stringify(previous.playlists).includes(`${rockBefore.trackId}`);
    expect(heldBefore).toBe(true);
    const kept = JSON.stringify(again.playlists.find((node) => node.name === 'From rekordbox'));
    expect(kept).toContain(`${rock.trackId}`);
  });

  it('puts the crates in an "rbassist" folder beside the playlists kept from an imported collection', () => {
    const previous = read(exportXml().xml);
    const collection = read(exportXml(SAMPLE_TRACKS, SAMPLE_CRATES, { ...SAMPLE_OPTIONS, similar: [], previous, crateFolder: 'rbassist' }).xml);
    expect(collection.playlists.map((node) => [node.kind, node.name])).toEqual([
      ['folder', 'rbassist'],
      ['folder', 'From rekordbox'],
    ]);
    const crates = collection.playlists[0];
    expect(crates.kind === 'folder' && crates.children.map((child) => child.name)).toEqual(['Warm up', 'Peak time', 'peak time (2)', 'Has the long one']);
    const warm = crates.kind === 'folder' ? crates.children[0] : undefined;
    expect(warm?.kind === 'playlist' && warm.trackIds.map((id) => collection.tracks.find((t) => t.trackId === id)?.name)).toEqual(['Jóga', 'true']);
  });

  it('turns zero-length loops into cues and never writes End on a cue', () => {
    const track: ExportTrack = {
      id: 'x',
      relativePath: 'x.mp3',
      cues: [
        { name: 'bad loop', type: 4, startSec: 10, endSec: 10, num: 2 },
        { name: 'cue with end', type: 0, startSec: 20, endSec: 25, num: -1 },
      ],
    };
    const { xml } = exportXml([track], [], { ...SAMPLE_OPTIONS, similar: [] });
    expect(xml).toContain('<POSITION_MARK Name="bad loop" Type="0" Start="10.000" Num="2"/>');
    expect(xml).toContain('<POSITION_MARK Name="cue with end" Type="0" Start="20.000" Num="-1"/>');
  });
});

describe('assignTrackIds', () => {
  it('gives stable 31-bit ids that do not depend on the other tracks', () => {
    const alone = assignTrackIds(['t1']).get('t1')!;
    const withOthers = assignTrackIds(['t0', 't1', 't2']).get('t1')!;
    expect(withOthers).toBe(alone);
    expect(alone).toBe(fnv1a32('t1') & 0x7fffffff);
    expect(alone).toBeLessThan(2 ** 31);
  });

  it('resolves 31-bit collisions deterministically', () => {
    // Found once by a birthday search over `t${i}`: the two ids share their 31-bit hash.
    const pair: [string, string] = ['t439599', 't622382'];
    expect(fnv1a32(pair[0]) & 0x7fffffff).toBe(fnv1a32(pair[1]) & 0x7fffffff);
    const ids = assignTrackIds([pair[1], pair[0]]);
    const [low, high] = [...pair].sort();
    expect(ids.get(low)).toBe(fnv1a32(low) & 0x7fffffff);
    expect(ids.get(high)).not.toBe(ids.get(low));
    expect(assignTrackIds(pair)).toEqual(ids);
  });
});

describe('positions on rekordbox’s timeline', () => {
  const base: ExportTrack = { id: 'lame', relativePath: 'lame.mp3', beatGrid: { anchorSec: 1, bpm: 124.5 }, timelineOffsetSec: 0.025 };
  const cue = { name: 'Drop 1', type: 0, startSec: 10, num: 2 };
  const loop = { name: 'Loop', type: 4, startSec: 20, endSec: 24, num: -1 };

  it('moves rbassist’s own grid and cues by the file’s offset', () => {
    const track = read(exportXml([{ ...base, cues: [cue, loop] }], []).xml).tracks[0];
    expect(track.tempo[0].startSec).toBeCloseTo(1.025, 6);
    expect(track.marks.map((m) => [m.startSec, m.endSec])).toEqual([
      [10.025, undefined],
      [20.025, 24.025],
    ]);
  });

  it('never moves grids and cues imported from rekordbox (already on its timeline)', () => {
    const previous = read(exportXml([{ ...base, timelineOffsetSec: 0, cues: [{ ...cue, num: 0, name: 'Mine' }] }], []).xml);
    const again = read(exportXml([{ ...base, cues: [cue] }], [], { ...SAMPLE_OPTIONS, previous }).xml).tracks[0];
    expect(again.tempo[0].startSec).toBe(1); // the imported grid, kept as it was
    expect(again.marks.find((m) => m.name === 'Mine')?.startSec).toBe(10);
    expect(again.marks.find((m) => m.name === 'Drop 1')?.startSec).toBeCloseTo(10.025, 6);
  });
});

describe('tempo changes', () => {
  it('writes one TEMPO row per section, each on rekordbox’s timeline, with its beat in the bar', () => {
    const rows = [
      { startSec: 0.4, bpm: 122, beat: 1 },
      { startSec: 24.006, bpm: 128, beat: 1 },
    ];
    const track = read(exportXml([{ id: 'edit', relativePath: 'edit.mp3', beatGrid: { anchorSec: 0.4, bpm: 122, rows }, timelineOffsetSec: 0.025 }], []).xml)
      .tracks[0];
    expect(track.tempo.map((t) => [t.startSec, t.bpm, t.beat])).toEqual([
      [0.425, 122, 1],
      [24.031, 128, 1],
    ]);
  });

  it('writes a single row for a steady tempo', () => {
    const track = read(exportXml([{ id: 'steady', relativePath: 's.flac', beatGrid: { anchorSec: 0.5, bpm: 124.02 } }], []).xml).tracks[0];
    expect(track.tempo).toHaveLength(1);
  });
});
