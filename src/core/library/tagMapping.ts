import type { IAudioMetadata } from 'music-metadata';
import type { TrackTags } from './tags';
import { errorMessage, type Result } from '../errors';

/** Result of reading one file's tags: failures carry a reason a DJ can act on. */
export type TagResult = Result<TrackTags>;

function firstText(values: readonly (string | { text?: string })[] | undefined): string | undefined {
  for (const value of values ?? []) {
    const text = typeof value === 'string' ? value : value?.text;
    if (text && text.trim()) return text.trim();
  }
  return undefined;
}

function positiveNumber(value: number | null | undefined): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** music-metadata gives ratings from 0 to 1 (POPM 0–255, Vorbis 0–100 or 1–5 alike); DJs count stars. */
function starsOf(ratings: readonly { rating?: number }[] | undefined): number | undefined {
  const rating = ratings?.find((r) => typeof r.rating === 'number' && Number.isFinite(r.rating) && r.rating > 0)?.rating;
  return rating === undefined ? undefined : Math.min(5, Math.max(1, Math.round(rating * 5)));
}

/** Map music-metadata's output onto rbassist's tag fields. */
export function readTagsFromMetadata(metadata: Pick<IAudioMetadata, 'common' | 'format'>): TrackTags {
  const { common, format } = metadata;
  const bitrate = positiveNumber(format.bitrate);
  return {
    title: common.title?.trim() || undefined,
    artist: common.artist?.trim() || common.albumartist?.trim() || undefined,
    album: common.album?.trim() || undefined,
    genre: firstText(common.genre),
    year: positiveNumber(common.year),
    trackNumber: positiveNumber(common.track?.no ?? undefined),
    durationSec: positiveNumber(format.duration),
    bitrateKbps: bitrate ? Math.round(bitrate / 1000) : undefined,
    sampleRate: positiveNumber(format.sampleRate),
    comment: firstText(common.comment as (string | { text?: string })[] | undefined),
    label: firstText(common.label),
    rating: starsOf(common.rating),
    taggedBpm: positiveNumber(common.bpm),
    taggedKey: common.key?.trim() || undefined,
    codec: format.codec ?? format.container,
  };
}

/** Turn a tag-reader exception into a sentence about the file. */
export function tagErrorReason(error: unknown, fileName: string): string {
  const message = errorMessage(error);
  if (/MIME-type|unsupported|Guessed MIME/i.test(message)) return `Not an audio file: "${fileName}" has an audio extension but its content is not audio`;
  if (/end of (file|stream)|EndOfStream|truncat/i.test(message)) return `Truncated or damaged file: ${message}`;
  return `Cannot read tags: ${message}`;
}
