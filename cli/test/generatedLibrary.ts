/**
 * A small generated music folder for the CLI tests: tracks with a clear tempo and key in several
 * containers, tags, nested and non-ASCII names, plus files that must fail with a reason (text
 * renamed to .mp3, a truncated mp3) and files a scan skips. Deterministic: same bytes every run.
 * @module
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodePcm, loadFFmpegCore } from '../../scripts/lib/ffmpegNode';
import { clicks, mix, noise, sine } from '../../scripts/fixtures/signals';

const SR = 44100;

/** A minor or major triad on `rootHz`, quietly under the drums. */
function chord(seconds: number, rootHz: number, minor: boolean): Float32Array {
  const third = rootHz * 2 ** ((minor ? 3 : 4) / 12);
  const fifth = rootHz * 2 ** (7 / 12);
  return mix(sine(seconds, SR, rootHz, 0.15), sine(seconds, SR, third, 0.12), sine(seconds, SR, fifth, 0.12));
}

export interface GeneratedTrack {
  path: string;
  bpm: number;
  codec: string[];
  ext: string;
  root: number;
  minor: boolean;
  tags: Record<string, string>;
}

export const TRACKS: GeneratedTrack[] = [
  {
    path: 'House/Alpha - Warm Up.mp3',
    bpm: 122,
    root: 220,
    minor: true,
    ext: 'mp3',
    codec: ['-c:a', 'libmp3lame', '-b:a', '128k'],
    tags: { title: 'Warm Up', artist: 'Alpha', genre: 'House' },
  },
  {
    path: 'House/Beta - Late Night.flac',
    bpm: 124,
    root: 220,
    minor: true,
    ext: 'flac',
    codec: ['-c:a', 'flac'],
    tags: { title: 'Late Night', artist: 'Beta', genre: 'House', comment: 'Visit http://betamusic.bandcamp.com' },
  },
  {
    path: 'House/Gamma - Sunrise.wav',
    bpm: 125,
    root: 261.63,
    minor: false,
    ext: 'wav',
    codec: ['-c:a', 'pcm_s16le'],
    tags: { title: 'Sunrise', artist: 'Gamma' },
  },
  {
    path: 'Techno/Delta - Pressure.ogg',
    bpm: 132,
    root: 146.83,
    minor: true,
    ext: 'ogg',
    codec: ['-c:a', 'libvorbis', '-q:a', '3'],
    tags: { title: 'Pressure', artist: 'Delta', genre: 'Techno' },
  },
  {
    path: 'Techno/Deep/Epsilon - Tunnel.m4a',
    bpm: 135,
    root: 164.81,
    minor: true,
    ext: 'm4a',
    codec: ['-c:a', 'aac', '-b:a', '128k'],
    tags: { title: 'Tunnel', artist: 'Epsilon', genre: 'Techno' },
  },
  {
    path: 'Downtempo/Zeta – Café Ünïcode.mp3',
    bpm: 90,
    root: 196,
    minor: false,
    ext: 'mp3',
    codec: ['-c:a', 'libmp3lame', '-b:a', '128k'],
    tags: { title: 'Café Ünïcode', artist: 'Zeta' },
  },
];

export const SECONDS = 24;

export interface GeneratedLibrary {
  folder: string;
  /** Relative paths of tracks that must analyze fine. */
  good: string[];
  /** Relative paths of files that must fail, with a pattern of their reason. */
  bad: { path: string; reason: RegExp }[];
}

export interface GenerateOptions {
  /** A subset of TRACKS (default: all). */
  tracks?: GeneratedTrack[];
  /** false leaves out the files that must fail. */
  broken?: boolean;
  seconds?: number;
}

export async function generateLibrary(folder: string, options: GenerateOptions = {}): Promise<GeneratedLibrary> {
  const tracks = options.tracks ?? TRACKS;
  const seconds = options.seconds ?? SECONDS;
  const core = await loadFFmpegCore();
  const write = (relativePath: string, bytes: Uint8Array | string) => {
    mkdirSync(dirname(join(folder, relativePath)), { recursive: true });
    writeFileSync(join(folder, relativePath), bytes);
  };
  let firstMp3: Uint8Array | undefined;
  for (const track of tracks) {
    const i = TRACKS.indexOf(track);
    const pcm = mix(clicks(seconds, SR, track.bpm), chord(seconds, track.root, track.minor), noise(seconds, SR, 100 + i, 0.02));
    const bytes = await encodePcm(core, pcm, SR, 1, `out.${track.ext}`, track.codec, track.tags);
    if (track.ext === 'mp3') firstMp3 ??= bytes;
    write(track.path, bytes);
  }
  if (options.broken === false) return { folder, good: tracks.map((t) => t.path), bad: [] };
  if (!firstMp3) throw new Error('The broken files are cut from an mp3 track: include one in `tracks`');
  write('Broken/Not Audio.mp3', 'This is a text file with an .mp3 name.\n'.repeat(30));
  write('Broken/Cut Off.mp3', firstMp3.subarray(0, Math.floor(firstMp3.length * 0.4)));
  write('cover.jpg', 'not music');
  write('.hidden.mp3', firstMp3);
  return {
    folder,
    good: tracks.map((t) => t.path),
    bad: [
      { path: 'Broken/Not Audio.mp3', reason: /Not an audio file/ },
      { path: 'Broken/Cut Off.mp3', reason: /truncated or damaged/ },
    ],
  };
}
