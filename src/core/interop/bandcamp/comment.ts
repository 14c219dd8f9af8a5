/**
 * Files bought on Bandcamp carry the comment "Visit http://<name>.bandcamp.com": enough to mark
 * a track as a Bandcamp purchase and name its label/artist page even without any CSV.
 */
export interface BandcampPage {
  /** Sub-domain, lower-case: "ninjatune" for ninjatune.bandcamp.com. */
  page: string;
  /** https://<page>.bandcamp.com */
  url: string;
}

const VISIT = /\bvisit\s+(?:https?:\/\/)?([a-z0-9][a-z0-9-]*)\.bandcamp\.com\b/i;
const PAGE_URL = /^(?:https?:\/\/)?([a-z0-9][a-z0-9-]*)\.bandcamp\.com(?:[/?#]|$)/i;

function page(name: string): BandcampPage {
  const lower = name.toLowerCase();
  return { page: lower, url: `https://${lower}.bandcamp.com` };
}

export function bandcampPageFromComment(comment: string | undefined): BandcampPage | undefined {
  const match = VISIT.exec(comment ?? '');
  return match ? page(match[1]) : undefined;
}

/** The page of an item URL such as https://label.bandcamp.com/track/x (custom domains give none). */
export function bandcampPageFromUrl(url: string | undefined): BandcampPage | undefined {
  const match = PAGE_URL.exec((url ?? '').trim());
  return match ? page(match[1]) : undefined;
}
