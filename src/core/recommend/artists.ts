import { foldText } from '../search/textFold';

/**
 * The individual artist names in an artist field, folded for comparison: "Bicep & Hammer feat.
 * Clara La San" → bicep, hammer, clara la san. Used to leave out tracks by the same artist, where a
 * shared collaborator counts as the same artist.
 */
const SEPARATORS = /\s*[,;&/+]\s*|\s+(?:feat\.?|ft\.?|featuring|vs\.?|x|with)\s+/iu;

export function artistNames(artist: string | undefined): string[] {
  if (!artist) return [];
  return foldText(artist)
    .split(SEPARATORS)
    .map((name) => name.replace(/\s+/g, ' ').trim())
    .filter((name) => name.length > 0);
}

export function sameAlbum(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  return foldText(a).trim() === foldText(b).trim();
}
