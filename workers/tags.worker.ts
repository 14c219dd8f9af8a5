import { exposeToHost } from './exposeToHost';
import { parseBlob } from 'music-metadata';
import type { TrackTags } from '../src/core/library/tags';
import { SNIFF_BYTES, sniffAudioContainer } from '../src/core/library/sniff';
import { readTagsFromMetadata, tagErrorReason, type TagResult } from '../src/core/library/tagMapping';

/** Reads tags with music-metadata off the main thread. Never throws: failures come back as reasons. */
async function readTags(file: File): Promise<TagResult> {
  if (file.size === 0) return { ok: false, reason: 'Empty file (0 bytes)' };
  try {
    const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
    if (!sniffAudioContainer(head)) {
      return { ok: false, reason: `Not an audio file: "${file.name}" has an audio extension but its content is not audio` };
    }
    const metadata = await parseBlob(file, { duration: false, skipCovers: true });
    const tags: TrackTags = readTagsFromMetadata(metadata);
    if (!metadata.format.container && !metadata.format.codec) {
      return { ok: false, reason: 'Not an audio file: no audio stream found' };
    }
    return { ok: true, value: tags };
  } catch (error) {
    return { ok: false, reason: tagErrorReason(error, file.name) };
  }
}

const api = {
  readTags,
  /**
   * Many files per message, read concurrently: reading is dominated by file I/O latency
   * (each read is a round trip to the browser process), not by parsing.
   */
  readTagsBatch(files: File[]): Promise<TagResult[]> {
    return Promise.all(files.map(readTags));
  },
};

export type TagsWorkerApi = typeof api;
exposeToHost(api);
