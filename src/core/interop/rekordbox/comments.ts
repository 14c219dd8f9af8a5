import { toCamelot, toMusical, toOpenKey, type MusicalKey } from '../../music/keys';

/**
 * Camelot key and energy written into rekordbox's Comments column through a template such as
 * "{camelot} - Energy {energy}", in front of the user's own comment. Re-exporting must not stack
 * prefixes: any earlier prefix produced by the same template (with any values) is removed first.
 * (A Mixed In Key comment in the same shape is likewise replaced by the current values.)
 */
export const DEFAULT_COMMENT_TEMPLATE = '{camelot} - Energy {energy}';
/** Between the generated prefix and the user's comment. */
export const COMMENT_SEPARATOR = ' | ';

export interface CommentValues {
  key?: MusicalKey;
  /** 1–10. */
  energy?: number;
  bpm?: number;
}

type Placeholder = 'camelot' | 'openkey' | 'key' | 'energy' | 'bpm';

/** What each placeholder renders to and what an earlier rendering of it looks like. */
const PLACEHOLDERS: Record<Placeholder, { render: (v: CommentValues) => string | undefined; pattern: string }> = {
  camelot: { render: (v) => (v.key ? toCamelot(v.key) : undefined), pattern: '(?:1[0-2]|[1-9])[AB]' },
  openkey: { render: (v) => (v.key ? toOpenKey(v.key) : undefined), pattern: '(?:1[0-2]|[1-9])[md]' },
  key: { render: (v) => (v.key ? toMusical(v.key) : undefined), pattern: '[A-G][b#]?m?' },
  energy: {
    render: (v) => (v.energy !== undefined && Number.isFinite(v.energy) ? String(Math.round(v.energy)) : undefined),
    pattern: '\\d{1,2}',
  },
  bpm: {
    render: (v) => (v.bpm !== undefined && Number.isFinite(v.bpm) && v.bpm > 0 ? String(Math.round(v.bpm)) : undefined),
    pattern: '\\d{2,3}',
  },
};

const TOKEN = /\{(camelot|openkey|key|energy|bpm)\}/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class CommentTemplate {
  private readonly previousPrefix: RegExp;

  constructor(readonly template: string = DEFAULT_COMMENT_TEMPLATE) {
    if (template.search(TOKEN) === -1) {
      throw new Error(`Comment template "${template}" has no placeholder; use {camelot}, {openkey}, {key}, {energy} or {bpm}.`);
    }
    let pattern = '';
    let last = 0;
    for (const match of template.matchAll(TOKEN)) {
      pattern += escapeRegExp(template.slice(last, match.index)) + PLACEHOLDERS[match[1] as Placeholder].pattern;
      last = match.index + match[0].length;
    }
    pattern += escapeRegExp(template.slice(last));
    this.previousPrefix = new RegExp(`^${pattern}(?:${escapeRegExp(COMMENT_SEPARATOR)}|\\s*$)`);
  }

  /** The rendered prefix, or undefined when a value the template needs is unknown. */
  render(values: CommentValues): string | undefined {
    let missing = false;
    const text = this.template.replace(TOKEN, (_, name: Placeholder) => {
      const value = PLACEHOLDERS[name].render(values);
      if (value === undefined) missing = true;
      return value ?? '';
    });
    return missing ? undefined : text;
  }

  /** The user's comment with any prefix(es) this template wrote earlier removed. */
  userPart(comment: string | undefined): string {
    let text = (comment ?? '').trim();
    for (let stripped = text.replace(this.previousPrefix, ''); stripped !== text; stripped = text.replace(this.previousPrefix, '')) {
      text = stripped.trim();
    }
    return text;
  }

  /** "8A - Energy 7 | user comment"; just the user's comment when values are missing. */
  apply(comment: string | undefined, values: CommentValues): string {
    const user = this.userPart(comment);
    const prefix = this.render(values);
    if (!prefix) return user;
    return user ? prefix + COMMENT_SEPARATOR + user : prefix;
  }
}
