import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { acquireLock, checkMusicFolder, findState, openStateFor } from './stateDir';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'rbassist-state-'));
  mkdirSync(join(root, 'Music', 'House'), { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('state folder', () => {
  it('lives beside the music folder and is found again from inside it', () => {
    const music = checkMusicFolder(join(root, 'Music'));
    expect(openStateFor(music)).toEqual({ dir: join(root, '.rbassist'), musicFolder: music });
    expect(findState(undefined, join(root, 'Music', 'House'))).toEqual({ dir: join(root, '.rbassist'), musicFolder: music });
  });

  it('refuses a state inside the music folder, and one that belongs to another folder', () => {
    const music = checkMusicFolder(join(root, 'Music'));
    expect(() => openStateFor(music, join(music, 'state'))).toThrow('would be inside the music folder');
    openStateFor(music);
    mkdirSync(join(root, 'Other'));
    expect(() => openStateFor(checkMusicFolder(join(root, 'Other')))).toThrow(`holds the library of ${music}, not ${join(root, 'Other')}`);
  });

  it('says when the folder is missing or is a file', () => {
    expect(() => checkMusicFolder(join(root, 'Nope'))).toThrow('it does not exist');
    writeFileSync(join(root, 'song.mp3'), 'x');
    expect(() => checkMusicFolder(join(root, 'song.mp3'))).toThrow('is a file, not a music folder');
  });

  it('lets one writer in at a time and takes over a lock left by a dead process', () => {
    const { dir } = openStateFor(checkMusicFolder(join(root, 'Music')));
    writeFileSync(join(dir, 'lock'), String(process.ppid)); // a live process that is not us
    expect(() => acquireLock(dir)).toThrow(`Another rbassist run (pid ${process.ppid}) is using ${dir}`);
    writeFileSync(join(dir, 'lock'), '2147483646'); // no such process
    const release = acquireLock(dir);
    expect(readFileSync(join(dir, 'lock'), 'utf8')).toBe(String(process.pid));
    release();
    expect(existsSync(join(dir, 'lock'))).toBe(false);
  });
});
