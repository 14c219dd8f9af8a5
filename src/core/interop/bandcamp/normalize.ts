/**
 * Artist/title folding for matching purchases to files: the same track is "Björk – Jóga (Original
 * Mix)" in one place and "bjork - joga" in another. Folding removes accents, case, punctuation,
 * "(Original Mix)" and featured artists, which only ever add noise to a comparison.
 * @module
 */
/** Letters NFKD does not decompose into a base letter plus a mark. */
const LETTERS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ŋ: 'n',
  ħ: 'h',
};

/** Lower-case, accent-free, punctuation as spaces, `&` as "and", single spaces. */
export function foldText(text: string | undefined): string {
  if (!text) return '';
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[øæœßłđðþıŋħ]/g, (char) => LETTERS[char] ?? char)
    .replace(/&/g, ' and ')
    .replace(/['’`´]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** "(feat. X)" / "[ft. X]", or a bare "feat. X" up to the next bracket (so "(Extended Mix)" survives). */
const FEATURING = /\s*[([]\s*(?:feat|ft|featuring)\b\.?\s[^)\]]*[)\]]|\s+(?:feat|ft|featuring)\b\.?\s[^([]*/gi;
const ORIGINAL_MIX = /\s*(?:[([]\s*original(?: mix| version)?\s*[)\]]|[-–—]\s*original(?: mix| version)?\s*$)/gi;

/** A title for comparison: without "(Original Mix)" and "(feat. X)", folded. Remixes stay distinct. */
export function normalizeTitle(title: string | undefined): string {
  if (!title) return '';
  return foldText(title.replace(ORIGINAL_MIX, ' ').replace(FEATURING, ' '));
}

/** The main artist credit for comparison: without "feat. X", folded. */
export function normalizeArtist(artist: string | undefined): string {
  if (!artist) return '';
  return foldText(artist.replace(FEATURING, ' '));
}

/** Each credited artist, folded: "A & B feat. C" → {a, b, c}; "A, B x C vs D" likewise. */
export function artistNames(artist: string | undefined): Set<string> {
  const names = new Set<string>();
  for (const part of (artist ?? '').split(/\s*(?:,|&|\+|\/|;|\bx\b|\bvs\.?|\band\b|\bwith\b|\bfeat\b\.?|\bft\b\.?|\bfeaturing\b)\s*/i)) {
    const folded = foldText(part);
    if (folded) names.add(folded);
  }
  return names;
}

/** Dice coefficient over character bigrams: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const bigrams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const gram = a.slice(i, i + 2);
    bigrams.set(gram, (bigrams.get(gram) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const gram = b.slice(i, i + 2);
    const count = bigrams.get(gram) ?? 0;
    if (count > 0) {
      bigrams.set(gram, count - 1);
      shared++;
    }
  }
  return (2 * shared) / (a.length + b.length - 2);
}
