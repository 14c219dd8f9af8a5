/**
 * Folds text for matching the way DJs type: case-insensitive and accent-insensitive ("Beyoncé",
 * "BEYONCE" and "beyonce" are the same), including letters that Unicode does not decompose
 * (ß, æ, ø, ł, đ, þ, œ).
 */
const UNDECOMPOSABLE: Record<string, string> = { ß: 'ss', æ: 'ae', ø: 'o', ł: 'l', đ: 'd', þ: 'th', œ: 'oe', ı: 'i' };

export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæøłđþœı]/g, (ch) => UNDECOMPOSABLE[ch]);
}
