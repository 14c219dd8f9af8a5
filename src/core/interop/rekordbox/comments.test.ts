import { describe, expect, it } from 'vitest';
import { parseKey } from '../../music/keys';
import { CommentTemplate, DEFAULT_COMMENT_TEMPLATE } from './comments';

const aMinor = parseKey('Am')!;

describe('CommentTemplate', () => {
  const template = new CommentTemplate(DEFAULT_COMMENT_TEMPLATE);

  it("puts Camelot key and energy before the user's comment", () => {
    expect(template.apply('Great breakdown', { key: aMinor, energy: 7 })).toBe('8A - Energy 7 | Great breakdown');
    expect(template.apply('', { key: aMinor, energy: 7 })).toBe('8A - Energy 7');
  });

  it('is idempotent and replaces stale values instead of stacking prefixes', () => {
    const once = template.apply('Great breakdown', { key: aMinor, energy: 7 });
    expect(template.apply(once, { key: aMinor, energy: 7 })).toBe(once);
    expect(template.apply(once, { key: parseKey('12B')!, energy: 10 })).toBe('12B - Energy 10 | Great breakdown');
    expect(template.apply('8A - Energy 7 | 3A - Energy 2 | x', { key: aMinor, energy: 7 })).toBe('8A - Energy 7 | x');
  });

  it('keeps the comment untouched when a value is unknown', () => {
    expect(template.apply('Tracks by www.loopmasters.com', { key: aMinor })).toBe('Tracks by www.loopmasters.com');
    expect(template.apply('8A - Energy 7 | mine', {})).toBe('mine');
  });

  it('does not eat user comments that merely start like a key', () => {
    expect(template.apply('8A is the key of this', { key: aMinor, energy: 5 })).toBe('8A - Energy 5 | 8A is the key of this');
  });

  it('supports other placeholders and rejects templates without one', () => {
    const custom = new CommentTemplate('[{key} / {openkey} / {bpm}]');
    expect(custom.apply('x', { key: aMinor, bpm: 127.6 })).toBe('[Am / 1m / 128] | x');
    expect(custom.apply('[Am / 1m / 128] | x', { key: parseKey('F#m')!, bpm: 90 })).toBe('[F#m / 4m / 90] | x');
    expect(() => new CommentTemplate('no placeholders')).toThrow(/no placeholder/);
  });
});
