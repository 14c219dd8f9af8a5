import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { missingFileReason } from '../../src/core/analysis/outcome';
import { fail } from '../../src/core/errors';
import { analyzeTrackFile } from './analyzeTrackFile';
import { FFmpegFileDecoder } from './nodeDecode';
import type { TrackTask } from './protocol';

const folder = mkdtempSync(join(tmpdir(), 'rbassist-analyze-file-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const taskFor = (relativePath: string): TrackTask => ({
  absolutePath: join(folder, relativePath),
  fileName: relativePath.split('/').pop()!,
  relativePath,
  // The file is never opened, so the request is never read.
  request: {} as TrackTask['request'],
});

describe('a track file the CLI cannot open', () => {
  // A decoder whose core would fail to load: these outcomes must come before any decoding.
  const decoder = new FFmpegFileDecoder(() => Promise.reject(new Error('the decoder must not be started')));

  it('is reported as missing, by its path in the library, when it is gone since the scan', async () => {
    expect(await analyzeTrackFile(decoder, null, taskFor('House/Gone - Since Scan.mp3'))).toEqual(fail(missingFileReason('House/Gone - Since Scan.mp3')));
    expect(missingFileReason('House/Gone - Since Scan.mp3')).toBe('File is missing: House/Gone - Since Scan.mp3');
  });
});
