import { parseKey, toCamelot, toMusical, type MusicalKey } from '../../music/keys';

/** How the Tonality column is written: rekordbox's own spelling ("Am", "F#m", "Db") or Camelot ("8A"). */
export type TonalityStyle = 'rekordbox' | 'camelot';

export function formatTonality(key: MusicalKey | undefined, style: TonalityStyle): string {
  if (!key) return '';
  return style === 'camelot' ? toCamelot(key) : toMusical(key);
}

/** rekordbox writes classic ("Am"), Camelot ("8A") or Open Key ("1m") depending on the user's setting. */
export function parseTonality(text: string | undefined): MusicalKey | undefined {
  return parseKey(text);
}
