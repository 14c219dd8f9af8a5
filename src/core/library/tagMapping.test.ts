import { describe, expect, it } from 'vitest';
import { readTagsFromMetadata, tagErrorReason } from './tagMapping';

describe('tag mapping', () => {
  it('maps the fields DJs use, dropping empty and invalid values', () => {
    const tags = readTagsFromMetadata({
      common: {
        title: ' Title ',
        artist: '',
        albumartist: 'Album Artist',
        album: 'LP',
        genre: ['', 'Techno'],
        year: 2021,
        track: { no: 3, of: 10 },
        disk: { no: null, of: null },
        comment: [{ text: 'Visit http://x.bandcamp.com' }],
        label: ['Label Co'],
        rating: [
          { source: 'x@y', rating: 0 },
          { source: 'Windows Media Player 9 Series', rating: 196 / 255 },
        ],
        bpm: 124,
        key: '8A',
        movementIndex: { no: null, of: null },
      },
      format: { duration: 301.5, bitrate: 320000, sampleRate: 44100, codec: 'MPEG 1 Layer 3', trackInfo: [], tagTypes: [], hasAudio: true, hasVideo: false },
    } as never);
    expect(tags).toEqual({
      title: 'Title',
      artist: 'Album Artist',
      album: 'LP',
      genre: 'Techno',
      year: 2021,
      trackNumber: 3,
      durationSec: 301.5,
      bitrateKbps: 320,
      sampleRate: 44100,
      comment: 'Visit http://x.bandcamp.com',
      label: 'Label Co',
      rating: 4,
      taggedBpm: 124,
      taggedKey: '8A',
      codec: 'MPEG 1 Layer 3',
    });
  });

  it('explains failures', () => {
    expect(tagErrorReason(new Error('Guessed MIME-type not supported: text/plain'), 'x.flac')).toMatch(/Not an audio file: "x.flac"/);
    expect(tagErrorReason(new Error('End-Of-Stream'), 'x.mp3')).toMatch(/Cannot read tags|Truncated/);
  });
});
