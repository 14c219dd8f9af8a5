/**
 * Tags of files on disk with music-metadata, with the browser's rules (workers/tags.worker.ts):
 * empty files and files whose first bytes are not audio are reported as such, parser errors are
 * worded by tagErrorReason. parseFile reads only the parts it needs (random access), not the file.
 * @module
 */
import { open } from 'node:fs/promises';
import { parseFile } from 'music-metadata';
import { SNIFF_BYTES, sniffAudioContainer } from '../../src/core/library/sniff';
import { readTagsFromMetadata, tagErrorReason, type TagResult } from '../../src/core/library/tagMapping';
import { describeFsError } from '../errors';

async function readHead(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function readTagsFromDisk(path: string, fileName: string, size: number): Promise<TagResult> {
  if (size === 0) return { ok: false, reason: 'Empty file (0 bytes)' };
  let head: Uint8Array;
  try {
    head = await readHead(path);
  } catch (error) {
    return { ok: false, reason: `File cannot be read (${describeFsError(error)})` };
  }
  if (!sniffAudioContainer(head)) return { ok: false, reason: `Not an audio file: "${fileName}" has an audio extension but its content is not audio` };
  try {
    const metadata = await parseFile(path, { duration: false, skipCovers: true });
    if (!metadata.format.container && !metadata.format.codec) return { ok: false, reason: 'Not an audio file: no audio stream found' };
    return { ok: true, value: readTagsFromMetadata(metadata) };
  } catch (error) {
    return { ok: false, reason: tagErrorReason(error, fileName) };
  }
}
