import { parseKey } from '../../../music/keys';
import type { ExportCrate, ExportOptions, ExportTrack } from '../types';

/** A small library touching every exporter feature; the golden file is its export. */
export const SAMPLE_TRACKS: ExportTrack[] = [
  {
    id: 't-rock',
    relativePath: 'Rock/Rock & Roll "Live" <Edit>.mp3',
    title: 'Rock & Roll "Live" <Edit>',
    artist: "Guns 'n' Bits",
    album: 'Live at <The Club>',
    genre: 'Rock',
    label: 'Tag & Co',
    comment: 'Crowd\tpleaser\u0007',
    sizeBytes: 8_123_456,
    durationSec: 245.6,
    year: 1999,
    trackNumber: 3,
    bpm: 128,
    key: parseKey('Am'),
    energy: 7,
    dateAdded: '2024-3-9',
    bitrateKbps: 320,
    sampleRate: 44100,
    rating: 4,
    colour: 0xff007f,
    beatGrid: { anchorSec: 0.1234, bpm: 128 },
    cues: [
      { name: 'Drop', type: 0, startSec: 60.5, num: 0, colour: { red: 40, green: 226, blue: 20 } },
      { name: 'Loop', type: 4, startSec: 90, endSec: 91.875, num: 1 },
      { name: '', type: 0, startSec: 30, num: -1 },
    ],
  },
  {
    id: 't-bjork',
    relativePath: 'Björk/Jóga (Original Mix) #1.flac',
    title: 'Jóga',
    artist: 'Björk',
    sizeBytes: 31_000_000,
    durationSec: 305,
    bpm: 87.456,
    key: parseKey('F#m'),
    energy: 4,
    dateAdded: '2023-11-20',
    bitrateKbps: 0,
    sampleRate: 48000,
  },
  {
    id: 't-true',
    relativePath: 'misc/true.wav',
    title: 'true',
    artist: '',
    durationSec: 61,
  },
  {
    id: 't-long',
    relativePath: `deep/${'x'.repeat(260)}.mp3`,
    title: 'Too long for rekordbox',
  },
  {
    id: 't-nippon',
    relativePath: '日本/夜 🎵.m4a',
    title: '夜',
    artist: '坂本',
    key: parseKey('Db'),
    energy: 9,
    bpm: 174,
  },
];

export const SAMPLE_CRATES: ExportCrate[] = [
  { id: 'c-peak', name: 'Peak time', trackIds: ['t-rock', 't-nippon', 't-missing'], position: 1 },
  { id: 'c-warm', name: 'Warm up', trackIds: ['t-bjork', 't-true'], position: 0 },
  { id: 'c-peak2', name: 'peak time', trackIds: [], position: 2 },
  { id: 'c-long', name: 'Has the long one', trackIds: ['t-long', 't-rock'], position: 3 },
];

export const SAMPLE_OPTIONS: ExportOptions = {
  musicFolderPath: 'D:\\Music',
  tonality: 'rekordbox',
  commentTemplate: '{camelot} - Energy {energy}',
  appVersion: '0.1.0',
  similar: [{ seedTrackId: 't-rock', trackIds: ['t-nippon', 't-rock', 't-bjork'] }],
};
