/**
 * Field formats rekordbox expects, in one place: fixed decimals with a dot, padded dates,
 * star ratings on its 0–255 scale, file kinds.
 * @module
 */
import { fileExtension } from '../../library/audioFiles';

/** AverageBpm and TEMPO Bpm: two decimals. */
export function formatBpm(bpm: number | undefined): string {
  return bpm !== undefined && Number.isFinite(bpm) && bpm > 0 ? bpm.toFixed(2) : '0.00';
}

/** TEMPO Inizio, POSITION_MARK Start/End: seconds with three decimals. */
export function formatSeconds(seconds: number): string {
  const text = seconds.toFixed(3);
  return text === '-0.000' ? '0.000' : text;
}

/** A non-negative integer attribute; unknown → 0 as rekordbox writes it. */
export function formatCount(value: number | undefined): string {
  return value !== undefined && Number.isFinite(value) && value > 0 ? String(Math.round(value)) : '0';
}

/** yyyy-mm-dd, zero-padded; accepts rekordbox's unpadded `2013-3-1`. Empty when unreadable. */
export function normalizeDate(text: string | undefined): string {
  const match = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text ?? '');
  if (!match) return '';
  const [month, day] = [Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return '';
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const RATING_STEPS = [0, 51, 102, 153, 204, 255];

/** 0–5 stars → rekordbox's 0/51/102/153/204/255. */
export function ratingFromStars(stars: number | undefined): number {
  const index = stars === undefined || !Number.isFinite(stars) ? 0 : Math.min(5, Math.max(0, Math.round(stars)));
  return RATING_STEPS[index];
}

/** rekordbox's 0–255 → 0–5 stars (nearest step, tolerant of odd values from other tools). */
export function starsFromRating(rating: number): number {
  return Math.min(5, Math.max(0, Math.round(rating / 51)));
}

const KINDS: Record<string, string> = {
  mp3: 'MP3 File',
  flac: 'FLAC File',
  wav: 'WAV File',
  aif: 'AIFF File',
  aiff: 'AIFF File',
  m4a: 'M4A File',
  aac: 'M4A File',
  mp4: 'M4A File',
  alac: 'M4A File',
  ogg: 'OGG File',
  opus: 'OPUS File',
};

/** The English `Kind` rekordbox writes, from the file extension. */
export function kindFromPath(path: string): string {
  const extension = fileExtension(path.replace(/^.*\//, ''));
  return KINDS[extension] ?? (extension ? `${extension.toUpperCase()} File` : '');
}

/** `Colour` as rekordbox writes it: 0xRRGGBB, upper-case hex. */
export function formatColour(rgb: number): string {
  return '0x' + (rgb & 0xffffff).toString(16).toUpperCase().padStart(6, '0');
}
