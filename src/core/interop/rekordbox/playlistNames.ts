import { xmlSafeText } from '../xmlText';

/**
 * rekordbox misbehaves when two sibling playlists share a name, so later duplicates get " (2)",
 * " (3)"… (compared case-insensitively, never colliding with a name the user really typed).
 */
export function uniqueSiblingNames(names: readonly string[]): string[] {
  const cleaned = names.map((name) => xmlSafeText(name).trim() || 'Untitled');
  const used = new Set<string>();
  const typed = new Set(cleaned.map((name) => name.toLowerCase()));
  return cleaned.map((name) => {
    let candidate = name;
    for (let n = 2; used.has(candidate.toLowerCase()) || (candidate !== name && typed.has(candidate.toLowerCase())); n++) {
      candidate = `${name} (${n})`;
    }
    used.add(candidate.toLowerCase());
    return candidate;
  });
}
