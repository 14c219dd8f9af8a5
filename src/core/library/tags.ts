/** Tag fields rbassist reads from a file (all optional: real libraries are messy). */
export interface TrackTags {
  title?: string;
  artist?: string;
  album?: string;
  genre?: string;
  year?: number;
  trackNumber?: number;
  durationSec?: number;
  bitrateKbps?: number;
  sampleRate?: number;
  comment?: string;
  label?: string;
  /** Stars 1–5 from the file's rating tag (ID3 POPM, Vorbis RATING…); absent when unrated. */
  rating?: number;
  /** BPM as tagged by another tool (TBPM / BPM / tmpo). */
  taggedBpm?: number;
  /** Key as tagged by another tool (TKEY / INITIALKEY), verbatim. */
  taggedKey?: string;
  codec?: string;
}

const SEPARATORS = [' - ', ' – ', ' — '];

/** Strip extension and a leading track number ("01 ", "01. ", "A1 - ") from a file name. */
function baseName(fileName: string): string {
  const withoutDir = fileName.replace(/^.*[\\/]/, '');
  const dot = withoutDir.lastIndexOf('.');
  const stem = dot > 0 ? withoutDir.slice(0, dot) : withoutDir;
  return stem.replace(/^\s*(?:[A-D]?\d{1,3})(?:\s*[-.)_]\s*|\s+)(?=\S)/i, '').trim();
}

/**
 * Title/artist guessed from the file name when tags are missing: "Artist - Title.mp3" → both;
 * anything else → the whole stem as the title.
 */
export function tagsFromFileName(fileName: string): Pick<TrackTags, 'title' | 'artist'> {
  const raw = baseName(fileName);
  // "Artist_-_Title" style names use underscores for spaces; names with real spaces keep theirs.
  const stem = (raw.includes(' ') ? raw : raw.replace(/_/g, ' ')).trim();
  for (const sep of SEPARATORS) {
    const at = stem.indexOf(sep);
    if (at > 0 && at < stem.length - sep.length) {
      const artist = stem.slice(0, at).trim();
      const title = stem.slice(at + sep.length).trim();
      if (artist && title) return { artist, title };
    }
  }
  return { title: stem || fileName };
}

function clean(value: string | undefined): string | undefined {
  if (value == null) return undefined;
  const trimmed = value.replace(/\u0000/g, '').trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Tags as read, with title/artist filled from the file name where the file carries none. */
export function withFileNameFallback(tags: TrackTags, fileName: string): TrackTags {
  const result: TrackTags = { ...tags, title: clean(tags.title), artist: clean(tags.artist) };
  if (!result.title || !result.artist) {
    const guessed = tagsFromFileName(fileName);
    if (!result.title) {
      result.title = guessed.title;
      if (!result.artist && guessed.artist) result.artist = guessed.artist;
    } else if (!result.artist && guessed.artist && guessed.title === result.title) {
      result.artist = guessed.artist;
    }
  }
  return result;
}
